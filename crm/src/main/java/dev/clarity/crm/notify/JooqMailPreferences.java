package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import java.util.Optional;
import org.jooq.DSLContext;

/** Reads and sets how a person hears of executions by mail ({@code people.execution_mail}). Thread-safe. */
public final class JooqMailPreferences {
    private final DSLContext dsl;

    public JooqMailPreferences(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The person's choice; empty when there is no such person. */
    public Optional<MailPreference> of(long personId) {
        return dsl.select(PEOPLE.EXECUTION_MAIL)
                .from(PEOPLE)
                .where(PEOPLE.ID.eq(personId))
                .fetchOptional(PEOPLE.EXECUTION_MAIL)
                .map(s -> MailPreference.find(s).orElse(MailPreference.EACH));
    }

    /** Sets the person's choice; false when there is no such person. */
    public boolean set(long personId, MailPreference preference) {
        return dsl.update(PEOPLE)
                        .set(PEOPLE.EXECUTION_MAIL, preference.spelling())
                        .where(PEOPLE.ID.eq(personId))
                        .execute()
                == 1;
    }
}
