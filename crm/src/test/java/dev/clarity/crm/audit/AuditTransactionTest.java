package dev.clarity.crm.audit;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.CAMPAIGN_RECIPIENTS;
import static dev.clarity.migrations.jooq.Tables.CONTACTS;
import static dev.clarity.migrations.jooq.Tables.CONTACT_LISTS;
import static dev.clarity.migrations.jooq.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.crm.campaigns.CampaignDraft;
import dev.clarity.crm.campaigns.JooqCampaigns;
import dev.clarity.crm.campaigns.UnsubscribeTokens;
import dev.clarity.crm.campaigns.Unsubscribes;
import dev.clarity.crm.contacts.ColumnMapping;
import dev.clarity.crm.contacts.ContactImport;
import dev.clarity.crm.contacts.CsvReader;
import dev.clarity.crm.contacts.ImportOutcome;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit row and its change commit together: a change whose row cannot be written is not made, a refused change
 * writes no row, and an unsubscribe is recorded as the link's without the token. A database of its own: one test
 * installs a trigger that refuses some audit rows.
 */
class AuditTransactionTest {
    private static Database database;
    private static DSLContext dsl;
    private static JooqContactStore contacts;
    private static JooqCampaigns campaigns;

    @BeforeAll
    static void database() throws Exception {
        database = Database.open(
                new DatabaseLocation.Embedded(Files.createTempDirectory("clarity-audit-test"), false), 4, null);
        dsl = database.dsl();
        contacts = new JooqContactStore(dsl, InstantSource.system());
        campaigns = new JooqCampaigns(dsl, InstantSource.system());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static List<String> rows(String targetType, Object targetId) {
        return dsl.select(AUDIT.ACTOR, AUDIT.ACTION, AUDIT.DETAIL)
                .from(AUDIT)
                .where(AUDIT.TARGET_TYPE.eq(targetType))
                .and(AUDIT.TARGET_ID.eq(String.valueOf(targetId)))
                .orderBy(AUDIT.ID)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
    }

    @Test
    void a_change_whose_audit_row_cannot_be_written_is_not_made() {
        dsl.execute("""
                create or replace function refuse_test_audit() returns trigger language plpgsql as $$
                begin
                  if new.detail = 'refused list' then raise exception 'audit refused by the test'; end if;
                  return new;
                end $$""");
        dsl.execute("create trigger refuse_test_audit before insert on audit for each row"
                + " execute function refuse_test_audit()");
        try {
            assertThatThrownBy(() -> contacts.createList("refused list", "mia"))
                    .hasMessageContaining("audit refused by the test");
            assertThat(dsl.fetchExists(CONTACT_LISTS, CONTACT_LISTS.NAME.eq("refused list")))
                    .isFalse();
        } finally {
            dsl.execute("drop trigger refuse_test_audit on audit");
        }
        long list = contacts.createList("kept list", "mia");
        assertThat(rows("contact_list", list)).containsExactly("mia contacts.list-created kept list");
    }

    @Test
    void a_refused_change_writes_no_audit_row() {
        long list = contacts.createList("Refusals " + System.nanoTime(), "mia");
        var checked = CampaignDraft.check(
                Map.of("list", String.valueOf(list), "subject", "News", "body", "Hello.", "per_minute", "10"),
                id -> true);
        long campaign = campaigns.create(((CampaignDraft.Checked.Good) checked).draft(), "mia");

        assertThat(campaigns.cancel(campaign, "mia")).isTrue();
        assertThat(campaigns.cancel(campaign, "ana")).isFalse();
        assertThat(campaigns.schedule(campaign, "ana")).isFalse();

        assertThat(rows("campaign", campaign))
                .containsExactly(
                        "mia campaign.created to list " + list + ", 10 per minute", "mia campaign.cancelled was draft");

        contacts.suppress("Twice@Example.com", "bounced", "mia");
        contacts.suppress("twice@example.com", "complained", "ana");
        assertThat(rows("suppression", "twice@example.com")).containsExactly("mia suppression.added bounced");
    }

    @Test
    void an_unsubscribe_is_audited_once_as_the_link_and_never_with_its_token() {
        long list = contacts.createList("Unsubscribe " + System.nanoTime(), "mia");
        long upload = contacts.saveUpload(
                list, "u.csv", "email\nleave@example.com\n".getBytes(StandardCharsets.UTF_8), "mia");
        assertThat(new ContactImport(contacts, new CsvReader(1_000))
                        .confirm(contacts.upload(upload).orElseThrow(), ColumnMapping.guess(List.of("email")), "mia"))
                .isEqualTo(new ImportOutcome.Imported(1, 0));
        var checked = CampaignDraft.check(
                Map.of("list", String.valueOf(list), "subject", "News", "body", "Hello.", "per_minute", "10"),
                id -> true);
        long campaign = campaigns.create(((CampaignDraft.Checked.Good) checked).draft(), "mia");
        String token = new UnsubscribeTokens(new SecureRandom()).next();
        dsl.insertInto(CAMPAIGN_RECIPIENTS)
                .set(CAMPAIGN_RECIPIENTS.CAMPAIGN_ID, campaign)
                .set(
                        CAMPAIGN_RECIPIENTS.CONTACT_ID,
                        dsl.select(CONTACTS.ID)
                                .from(CONTACTS)
                                .where(CONTACTS.LIST_ID.eq(list))
                                .fetchOne(CONTACTS.ID))
                .set(CAMPAIGN_RECIPIENTS.EMAIL, "leave@example.com")
                .set(CAMPAIGN_RECIPIENTS.STATE, "queued")
                .set(CAMPAIGN_RECIPIENTS.UNSUBSCRIBE_HASH, UnsubscribeTokens.hash(token))
                .execute();
        Unsubscribes unsubscribes = new Unsubscribes(dsl, InstantSource.system());

        assertThat(unsubscribes.unsubscribe(token)).contains("leave@example.com");
        assertThat(unsubscribes.unsubscribe(token)).contains("leave@example.com");

        assertThat(dsl.fetchExists(SUPPRESSIONS, SUPPRESSIONS.EMAIL.eq("leave@example.com")))
                .isTrue();
        assertThat(rows("suppression", "leave@example.com"))
                .containsExactly("unsubscribe link suppression.unsubscribed unsubscribed");
        assertThat(dsl.fetchExists(
                        AUDIT,
                        AUDIT.DETAIL
                                .contains(token)
                                .or(AUDIT.TARGET_ID.contains(token))
                                .or(AUDIT.ACTOR.contains(token))))
                .isFalse();
    }
}
