package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMER_CONTACTS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMER_LIFECYCLE_CHANGES;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** A customer's lifecycle changes are kept with their effective date and actor; contacts are checked per field. */
class CustomerLifecycleTest {
    private final TestDashboard d = TestDashboard.shared();
    private final DSLContext dsl = d.database.dsl();

    @Test
    void each_lifecycle_change_is_kept_with_the_date_it_took_effect_and_who_made_it() {
        HttpSession root = HttpSession.signedIn(d, "root");
        root.post(
                "/customers",
                Map.of("name", "Hooli", "slug", "hooli", "lifecycle", "lead", "billing_currency", "usd"),
                true);
        long id = dsl.select(CUSTOMERS.ID)
                .from(CUSTOMERS)
                .where(CUSTOMERS.SLUG.eq("hooli"))
                .fetchOne(CUSTOMERS.ID);

        HttpResponse<String> activated = root.post(
                "/customers/" + id,
                Map.of(
                        "name",
                        "Hooli",
                        "slug",
                        "hooli",
                        "lifecycle",
                        "active",
                        "lifecycle_on",
                        "2026-02-01",
                        "billing_currency",
                        "USD"),
                true);

        assertThat(activated.statusCode()).isEqualTo(200);
        assertThat(dsl.select(CUSTOMERS.BILLING_CURRENCY, CUSTOMERS.LIFECYCLE)
                        .from(CUSTOMERS)
                        .where(CUSTOMERS.ID.eq(id))
                        .fetchOne()
                        .intoList())
                .containsExactly("USD", "active");
        var changes = dsl.selectFrom(CUSTOMER_LIFECYCLE_CHANGES)
                .where(CUSTOMER_LIFECYCLE_CHANGES.CUSTOMER_ID.eq(id))
                .orderBy(CUSTOMER_LIFECYCLE_CHANGES.ID)
                .fetch();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).getToState()).isEqualTo("lead");
        assertThat(changes.get(1).getFromState()).isEqualTo("lead");
        assertThat(changes.get(1).getToState()).isEqualTo("active");
        assertThat(changes.get(1).getEffectiveOn()).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(changes.get(1).getActor()).isEqualTo("root");
        assertThat(root.get("/customers/" + id + "/contacts").body()).contains("2026-02-01", "lead", "active");
    }

    @Test
    void a_contact_without_a_name_is_refused_and_one_with_a_name_is_listed() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        int before = dsl.fetchCount(CUSTOMER_CONTACTS);

        HttpResponse<String> refused = mia.post(
                "/customers/" + d.globex + "/contacts", Map.of("contact_name", " ", "contact_email", "nope"), true);
        HttpResponse<String> added = mia.post(
                "/customers/" + d.globex + "/contacts",
                Map.of("contact_name", "Ana Lima", "contact_email", "ana@acme.example", "contact_role", "CTO"),
                true);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("The contact needs a name.", "The email must look like ana@example.com.");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Ana Lima", "ana@acme.example", "CTO");
        assertThat(dsl.fetchCount(CUSTOMER_CONTACTS)).isEqualTo(before + 1);
    }
}
