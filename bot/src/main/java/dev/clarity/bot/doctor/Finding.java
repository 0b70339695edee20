package dev.clarity.bot.doctor;

/**
 * One line of the doctor's report.
 *
 * @param ok whether the check passed
 * @param required whether a failure makes Clarity unusable (exit 1) rather than degraded
 * @param fix what to do when it did not pass, else empty
 */
public record Finding(String name, boolean ok, boolean required, String detail, String fix) {
    public static Finding pass(String name, String detail) {
        return new Finding(name, true, false, detail, "");
    }

    public static Finding fail(String name, boolean required, String detail, String fix) {
        return new Finding(name, false, required, detail, fix);
    }

    public String render() {
        return (ok ? "✔ " : "✘ ") + name + ": " + detail + (ok ? "" : " — fix: " + fix);
    }
}
