package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.EXCHANGE_RATES;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The billing settings on screen, over HTTP against the shared dashboard: the base currency and the organisation's
 * machine rate ({@code /settings/billing}), a project's machine rate (its billing form) and deleting an exchange rate
 * ({@code /rates}). Each saved value is stored exactly with its audit row; a wrong value is a 422 naming the field
 * and changes nothing. The organisation's settings are put back after each test: other tests expect them.
 */
class BillingSettingsTest {
    private static TestDashboard d;
    private static DSLContext dsl;
    private static HttpSession root;

    @BeforeAll
    static void signIn() {
        d = TestDashboard.shared();
        dsl = d.database.dsl();
        root = HttpSession.signedIn(d, "root");
    }

    /** One audit row as the tests compare it. */
    record Row(String actor, String action, String detail) {}

    private static long mark() {
        Long max = dsl.select(DSL.max(AUDIT.ID)).from(AUDIT).fetchOne(DSL.max(AUDIT.ID));
        return max == null ? 0 : max;
    }

    private static List<Row> since(long mark, String targetType, String targetId) {
        return dsl.select(AUDIT.ACTOR, AUDIT.ACTION, AUDIT.DETAIL)
                .from(AUDIT)
                .where(AUDIT.ID.gt(mark))
                .and(AUDIT.TARGET_TYPE.eq(targetType))
                .and(AUDIT.TARGET_ID.eq(targetId))
                .orderBy(AUDIT.ID)
                .fetch(r -> new Row(r.value1(), r.value2(), r.value3()));
    }

    private static Record2<String, BigDecimal> settings() {
        return dsl.select(ORGANISATION_SETTINGS.BASE_CURRENCY, ORGANISATION_SETTINGS.MACHINE_RATE)
                .from(ORGANISATION_SETTINGS)
                .fetchSingle();
    }

    private static void restore(Record2<String, BigDecimal> before) {
        dsl.update(ORGANISATION_SETTINGS)
                .set(ORGANISATION_SETTINGS.BASE_CURRENCY, before.value1())
                .set(ORGANISATION_SETTINGS.MACHINE_RATE, before.value2())
                .execute();
    }

    private static HttpResponse<String> saveSettings(HttpSession s, String currency, String machineRate) {
        return s.post("/settings/billing", Map.of("base_currency", currency, "machine_rate", machineRate), true);
    }

    @Test
    void an_admin_saves_the_base_currency_and_the_machine_rate_exactly_with_one_audit_row_per_change() {
        Record2<String, BigDecimal> before = settings();
        String other = before.value1().equals("CHF") ? "JPY" : "CHF";
        try {
            long m = mark();
            HttpResponse<String> saved = saveSettings(root, other.toLowerCase(java.util.Locale.ROOT), " 0.125000 ");

            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(saved.body()).contains("Saved the base currency " + before.value1() + " → " + other);
            assertThat(settings().value1()).isEqualTo(other);
            assertThat(settings().value2()).isEqualByComparingTo("0.125");
            assertThat(since(m, "organisation", "1"))
                    .containsExactly(
                            new Row("root", "organisation.base-currency-set", before.value1() + " → " + other),
                            new Row(
                                    "root",
                                    "organisation.machine-rate-set",
                                    (before.value2() == null
                                                    ? "not priced"
                                                    : before.value2()
                                                                    .stripTrailingZeros()
                                                                    .toPlainString() + " " + before.value1()
                                                            + " an hour")
                                            + " → 0.125 " + other + " an hour"));
            HttpResponse<String> page = root.get("/settings/billing");
            assertThat(page.body())
                    .contains("value=\"" + other + "\"")
                    .contains("value=\"0.125\"")
                    .contains("invoices already drafted or issued keep theirs");

            m = mark();
            HttpResponse<String> again = saveSettings(root, other, "0.125");
            assertThat(again.body()).contains("Nothing changed");
            assertThat(since(m, "organisation", "1")).isEmpty();

            m = mark();
            assertThat(saveSettings(root, other, "").statusCode()).isEqualTo(200);
            assertThat(settings().value2()).isNull();
            assertThat(since(m, "organisation", "1"))
                    .containsExactly(new Row(
                            "root", "organisation.machine-rate-set", "0.125 " + other + " an hour → not priced"));
        } finally {
            restore(before);
        }
    }

    @Test
    void the_time_zone_is_saved_audited_and_shown_and_a_zone_that_is_not_a_region_is_refused() {
        Record2<String, BigDecimal> before = settings();
        Map<String, String> form = new java.util.HashMap<>();
        form.put("base_currency", before.value1());
        form.put("machine_rate", before.value2() == null ? "" : before.value2().toPlainString());
        try {
            long m = mark();
            form.put("time_zone", "Europe/Berlin");
            HttpResponse<String> saved = root.post("/settings/billing", form, true);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(saved.body())
                    .contains("Saved the time zone UTC → Europe/Berlin.")
                    .contains("<strong id=\"time-zone\">Europe/Berlin</strong>");
            assertThat(zone()).isEqualTo("Europe/Berlin");
            assertThat(since(m, "organisation", "1"))
                    .containsExactly(new Row("root", "organisation.time-zone-set", "UTC → Europe/Berlin"));

            Map<String, String> withoutZone = new java.util.HashMap<>(form);
            withoutZone.remove("time_zone");
            assertThat(root.post("/settings/billing", withoutZone, true).body())
                    .as("a form without the field keeps the zone")
                    .contains("Nothing changed");
            assertThat(zone()).isEqualTo("Europe/Berlin");

            m = mark();
            form.put("time_zone", "CET");
            HttpResponse<String> refused = root.post("/settings/billing", form, true);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("The time zone must be a region name such as Europe/Berlin");
            assertThat(zone()).isEqualTo("Europe/Berlin");
            assertThat(since(m, "organisation", "1")).isEmpty();
        } finally {
            form.put("time_zone", "UTC");
            assertThat(root.post("/settings/billing", form, true).statusCode()).isEqualTo(200);
            assertThat(zone()).isEqualTo("UTC");
        }
    }

    private static String zone() {
        return dsl.select(ORGANISATION_SETTINGS.TIME_ZONE)
                .from(ORGANISATION_SETTINGS)
                .fetchSingle()
                .value1();
    }

    @Test
    void each_bad_setting_answers_422_naming_the_field_and_changes_nothing() {
        Record2<String, BigDecimal> before = settings();
        String[][] cases = {
            {"EUX", "1", "base_currency", "Unknown currency \"EUX\": use an ISO 4217 code such as EUR, USD or GBP."},
            {"EURO", "1", "base_currency", "Unknown currency \"EURO\""},
            {"", "1", "base_currency", "Unknown currency \"\""},
            {"USD", "-0.5", "machine_rate", "The machine rate must be zero or more, or empty."},
            {"USD", "0.1234567", "machine_rate", "The machine rate may have at most 6 decimals."},
            {"USD", "1234567890123", "machine_rate", "at most 12 digits before the point"},
            {"USD", "cheap", "machine_rate", "The machine rate must be an amount such as 0.50, or empty."},
        };
        try {
            for (String[] c : cases) {
                long m = mark();
                HttpResponse<String> r = saveSettings(root, c[0], c[1]);
                assertThat(r.statusCode()).as(c[0] + " / " + c[1]).isEqualTo(422);
                assertThat(r.body())
                        .as(c[0] + " / " + c[1])
                        .contains("<div class=\"field invalid\">\n    <label for=\"f-" + c[2] + "\">")
                        .contains(c[3])
                        .contains("Nothing was changed");
                assertThat(settings()).isEqualTo(before);
                assertThat(since(m, "organisation", "1")).isEmpty();
            }
        } finally {
            restore(before);
        }
    }

    @Test
    void only_admins_reach_the_billing_settings_and_others_change_nothing() {
        Record2<String, BigDecimal> before = settings();
        try {
            for (String login : List.of("mia", "tom", "carol")) {
                HttpSession s = HttpSession.signedIn(d, login);
                long m = mark();
                assertThat(s.get("/settings/billing").statusCode()).as(login).isEqualTo(403);
                assertThat(saveSettings(s, "USD", "9").statusCode()).as(login).isEqualTo(403);
                assertThat(settings()).as(login).isEqualTo(before);
                assertThat(since(m, "organisation", "1")).isEmpty();
            }
            assertThat(root.get("/").body()).contains("href=\"/settings/billing\"");
            assertThat(HttpSession.signedIn(d, "mia").get("/").body()).doesNotContain("href=\"/settings/billing\"");
        } finally {
            restore(before);
        }
    }

    @Test
    void a_project_machine_rate_is_saved_exactly_audited_refused_when_wrong_and_empty_means_the_organisations() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        long project =
                TestDashboard.project(dsl, d.globex, "Machine rate site", "billset/machine-" + System.nanoTime());
        String billing = "/projects/" + project + "/billing";

        long m = mark();
        HttpResponse<String> saved =
                mia.post(billing, Map.of("hourly_rate", "90", "rounding", "none", "machine_rate", "2.345678"), true);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(machineRate(project)).isEqualByComparingTo("2.345678");
        assertThat(since(m, "project", Long.toString(project)))
                .extracting(Row::actor, Row::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mia", "project.billing"));
        assertThat(since(m, "project", Long.toString(project)).getFirst().detail())
                .endsWith("machine rate 2.345678");
        assertThat(mia.get("/projects/" + project + "/plan").body())
                .contains("id=\"f-machine_rate\" name=\"machine_rate\" value=\"2.345678\"");

        m = mark();
        HttpResponse<String> wrong =
                mia.post(billing, Map.of("hourly_rate", "95", "rounding", "none", "machine_rate", "-1"), true);
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("The machine rate must be zero or more, or empty.");
        assertThat(machineRate(project)).isEqualByComparingTo("2.345678");
        assertThat(dsl.select(PROJECTS.HOURLY_RATE)
                        .from(PROJECTS)
                        .where(PROJECTS.ID.eq(project))
                        .fetchSingle(PROJECTS.HOURLY_RATE))
                .isEqualByComparingTo("90");
        assertThat(since(m, "project", Long.toString(project))).isEmpty();

        m = mark();
        assertThat(mia.post(billing, Map.of("hourly_rate", "90", "rounding", "none", "machine_rate", ""), true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(machineRate(project)).isNull();
        assertThat(since(m, "project", Long.toString(project)).getFirst().detail())
                .endsWith("machine rate the organisation's");

        HttpSession tom = HttpSession.signedIn(d, "tom");
        assertThat(tom.post(billing, Map.of("rounding", "none", "machine_rate", "7"), true)
                        .statusCode())
                .isEqualTo(403);
        assertThat(machineRate(project)).isNull();
    }

    private static BigDecimal machineRate(long project) {
        return dsl.select(PROJECTS.MACHINE_RATE)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(project))
                .fetchSingle(PROJECTS.MACHINE_RATE);
    }

    @Test
    void deleting_a_rate_removes_it_audited_conversions_stop_using_it_and_deleting_it_again_is_a_clear_404() {
        LocalDate day = LocalDate.of(2019, 1, 1).plusDays(System.nanoTime() % 300);
        Map<String, String> rate = Map.of("from_currency", "ISK", "to_currency", "HUF", "rate_date", day.toString());
        Map<String, String> convert = Map.of("amount", "100", "from", "ISK", "to", "HUF", "on", day.toString());
        Map<String, String> keep = new java.util.HashMap<>(rate);
        keep.put("rate", "2.5");
        assertThat(root.post("/rates", keep, true).statusCode()).isEqualTo(200);
        assertThat(root.post("/rates/convert", convert, true).body()).contains("100 ISK is 250.00 HUF");
        assertThat(root.get("/rates").body()).contains("id=\"delete-ISK-HUF-" + day + "\"");
        String target = "ISK/HUF@" + day;

        HttpSession mia = HttpSession.signedIn(d, "mia");
        assertThat(mia.post("/rates/delete", rate, true).statusCode()).isEqualTo(403);
        Map<String, String> miaConfirms = new java.util.HashMap<>(rate);
        miaConfirms.put("confirm", "yes");
        assertThat(mia.post("/rates/delete", miaConfirms, true).statusCode()).isEqualTo(403);
        assertThat(rateKept(day)).isTrue();

        long m = mark();
        HttpResponse<String> asked = root.post("/rates/delete", rate, true);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(asked.body())
                .contains("id=\"confirm-delete\"", "Delete the rate 1 ISK → HUF of " + day + " (2.5)?")
                .contains("name=\"confirm\" value=\"yes\"");
        assertThat(rateKept(day)).as("asking deletes nothing").isTrue();
        assertThat(since(m, "exchange_rate", target)).isEmpty();

        Map<String, String> confirmed = new java.util.HashMap<>(rate);
        confirmed.put("confirm", "yes");
        HttpResponse<String> deleted = root.post("/rates/delete", confirmed, true);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).contains("Deleted the rate 1 ISK → HUF of " + day + " (it was 2.5).");
        assertThat(deleted.body()).doesNotContain("id=\"delete-ISK-HUF-" + day + "\"");
        assertThat(rateKept(day)).isFalse();
        assertThat(since(m, "exchange_rate", target))
                .containsExactly(new Row("root", "rate.deleted", "1 ISK = 2.5 HUF"));
        HttpResponse<String> noLonger = root.post("/rates/convert", convert, true);
        assertThat(noLonger.statusCode()).isEqualTo(422);
        assertThat(noLonger.body()).contains("No rate ISK→HUF on or before " + day);

        m = mark();
        assertThat(root.post("/rates/delete", rate, true).statusCode())
                .as("asking about a rate no longer kept")
                .isEqualTo(404);
        HttpResponse<String> again = root.post("/rates/delete", confirmed, true);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body())
                .contains("There is no rate 1 ISK → HUF of " + day + " (it may have been deleted already): nothing was"
                        + " deleted.");
        assertThat(since(m, "exchange_rate", target)).isEmpty();
        assertThat(root.post("/rates/delete", Map.of("from_currency", "ISK", "rate_date", "yesterday"), true)
                        .statusCode())
                .isEqualTo(404);
    }

    private static boolean rateKept(LocalDate day) {
        return dsl.fetchExists(
                EXCHANGE_RATES,
                EXCHANGE_RATES
                        .FROM_CURRENCY
                        .eq("ISK")
                        .and(EXCHANGE_RATES.TO_CURRENCY.eq("HUF"))
                        .and(EXCHANGE_RATES.RATE_DATE.eq(day)));
    }
}
