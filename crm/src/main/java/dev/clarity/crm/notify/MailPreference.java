package dev.clarity.crm.notify;

import java.util.Arrays;
import java.util.Optional;

/** How a person hears of executions by mail ({@code people.execution_mail}). */
public enum MailPreference {
    /** Never. */
    OFF("off"),
    /** One mail at each event. */
    EACH("each"),
    /** One mail a day listing the day's events. */
    DAILY("daily");

    private final String spelling;

    MailPreference(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** The preference spelled {@code spelling}; empty for anything else. */
    public static Optional<MailPreference> find(String spelling) {
        return Arrays.stream(values()).filter(p -> p.spelling.equals(spelling)).findFirst();
    }
}
