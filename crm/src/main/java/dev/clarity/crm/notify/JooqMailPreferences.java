package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.InstantSource;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reads and sets how a person hears of executions by mail ({@code people.execution_mail}). Thread-safe. */
public final class JooqMailPreferences {
    private final DSLContext dsl;
    private final Audit audit;

    public JooqMailPreferences(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.audit = new Audit(clock);
    }

    /** The person's choice; empty when there is no such person. */
    public Optional<MailPreference> of(long personId) {
        return dsl.select(PEOPLE.EXECUTION_MAIL)
                .from(PEOPLE)
                .where(PEOPLE.ID.eq(personId))
                .fetchOptional(PEOPLE.EXECUTION_MAIL)
                .map(s -> MailPreference.find(s).orElse(MailPreference.EACH));
    }

    /**
     * Sets the person's choice and audits it ({@code mail.preference-set}, by {@code actor}) in one transaction; false,
     * and nothing written, when there is no such person.
     */
    public boolean set(long personId, MailPreference preference, String actor) {
        return dsl.transactionResult(tx -> {
            boolean set = tx.dsl()
                            .update(PEOPLE)
                            .set(PEOPLE.EXECUTION_MAIL, preference.spelling())
                            .where(PEOPLE.ID.eq(personId))
                            .execute()
                    == 1;
            if (set) {
                audit.write(
                        tx.dsl(),
                        AuditEntry.of(actor, "mail.preference-set", "person", personId, preference.spelling()));
            }
            return set;
        });
    }
}
