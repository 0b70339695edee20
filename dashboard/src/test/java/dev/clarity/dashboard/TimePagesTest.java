package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXCHANGE_RATES;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORD_CHANGES;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time through the browser's forms and the JSON API, on the real dashboard: timers, records added and corrected by
 * hand with their trail, bad input refused per field with nothing changed, and keyset pages of the API.
 */
class TimePagesTest {
    private static TestDashboard d;
    private static DSLContext dsl;
    private static long tess;

    @BeforeAll
    static void aTeamMemberOnAcmesProject() {
        d = TestDashboard.shared();
        dsl = d.database.dsl();
        synchronized (TimePagesTest.class) {
            if (!d.passwords.containsKey("tess")) {
                d.account("tess", "team_member", null);
            }
        }
        tess = d.feature.accounts().list().stream()
                .filter(p -> p.login().equals("tess"))
                .findFirst()
                .orElseThrow()
                .id();
        dsl.insertInto(PROJECT_MEMBERS)
                .set(PROJECT_MEMBERS.PROJECT_ID, d.acmeProject)
                .set(PROJECT_MEMBERS.PERSON_ID, tess)
                .onConflictDoNothing()
                .execute();
    }

    private static int records() {
        return dsl.fetchCount(TIME_RECORDS, TIME_RECORDS.PERSON_ID.eq(tess).and(TIME_RECORDS.DELETED_AT.isNull()));
    }

    @Test
    void a_timer_started_and_stopped_in_the_browser_becomes_a_record_with_its_trail() {
        HttpSession s = HttpSession.signedIn(d, "tess");
        int before = records();

        HttpResponse<String> started =
                s.post("/time/timer/start", Map.of("project", Long.toString(d.acmeProject), "note", "cart"), true);
        // the timer ran 20 minutes
        dsl.execute(
                "update timers set started_at = started_at - interval '20 minutes', segment_started_at ="
                        + " segment_started_at - interval '20 minutes' where person_id = ?",
                tess);
        HttpResponse<String> stopped = s.post("/time/timer/stop", Map.of(), true);

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).contains("Timer started.", "Timer running");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.body()).contains("Timer stopped: recorded 20m", "No timer is running.", "cart");
        assertThat(records()).isEqualTo(before + 1);
        long id = dsl.select(TIME_RECORDS.ID)
                .from(TIME_RECORDS)
                .where(TIME_RECORDS.PERSON_ID.eq(tess))
                .orderBy(TIME_RECORDS.ID.desc())
                .limit(1)
                .fetchOne(TIME_RECORDS.ID);
        assertThat(s.get("/time/records/" + id).body()).contains("created", "timer stopped");
    }

    @Test
    void a_record_added_by_hand_is_corrected_and_the_trail_shows_before_and_after() {
        HttpSession s = HttpSession.signedIn(d, "tess");
        HttpResponse<String> added = s.post(
                "/time/records",
                Map.of("project", Long.toString(d.acmeProject), "started_at", "2026-01-05 09:00", "duration", "45m"),
                true);
        long id = dsl.select(TIME_RECORDS.ID)
                .from(TIME_RECORDS)
                .where(TIME_RECORDS.PERSON_ID.eq(tess))
                .orderBy(TIME_RECORDS.ID.desc())
                .limit(1)
                .fetchOne(TIME_RECORDS.ID);

        HttpResponse<String> corrected = s.post(
                "/time/records/" + id,
                Map.of(
                        "project", Long.toString(d.acmeProject),
                        "started_at", "2026-01-05 09:00",
                        "duration", "1h 15m",
                        "reason", "the call ran long"),
                true);

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Recorded 45m.");
        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(corrected.body()).contains("Corrected the record to 1h 15m.");
        assertThat(s.get("/time/records/" + id).body())
                .contains("corrected", "the call ran long", "\"seconds\":2700", "\"seconds\":4500");
    }

    @Test
    void a_negative_duration_an_overlap_or_a_project_not_worked_on_is_refused_per_field_and_nothing_changes() {
        HttpSession s = HttpSession.signedIn(d, "tess");
        s.post(
                "/time/records",
                Map.of("project", Long.toString(d.acmeProject), "started_at", "2026-01-12 09:00", "duration", "2h"),
                true);
        int before = records();

        HttpResponse<String> negative = s.post(
                "/time/records",
                Map.of("project", Long.toString(d.acmeProject), "started_at", "2026-01-13 09:00", "duration", "-30m"),
                true);
        HttpResponse<String> overlapping = s.post(
                "/time/records",
                Map.of("project", Long.toString(d.acmeProject), "started_at", "2026-01-12 10:00", "duration", "30m"),
                true);
        HttpResponse<String> notMine = s.post(
                "/time/records",
                Map.of("project", Long.toString(d.globexProject), "started_at", "2026-01-14 09:00", "duration", "30m"),
                true);

        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(negative.body()).contains("The duration must be more than zero (was -30m).");
        assertThat(overlapping.statusCode()).isEqualTo(422);
        assertThat(overlapping.body())
                .contains("This overlaps time already recorded from 2026-01-12 09:00 to 2026-01-12 11:00 UTC");
        assertThat(notMine.statusCode()).isEqualTo(422);
        assertThat(notMine.body()).contains("Choose a project you work on.");
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void an_unknown_currency_on_a_customer_or_a_missing_rate_is_a_field_message_and_nothing_changes() {
        HttpSession root = HttpSession.signedIn(d, "root");
        int customers = dsl.fetchCount(CUSTOMERS);
        dsl.deleteFrom(EXCHANGE_RATES).execute();

        HttpResponse<String> customer = root.post(
                "/customers", Map.of("name", "Umbrella", "slug", "umbrella", "billing_currency", "EUX"), true);
        HttpResponse<String> conversion = root.post(
                "/rates/convert", Map.of("amount", "100", "from", "EUR", "to", "USD", "on", "2026-03-01"), true);

        assertThat(customer.statusCode()).isEqualTo(422);
        assertThat(customer.body()).contains("Unknown currency \"EUX\": use an ISO 4217 code such as EUR, USD or GBP.");
        assertThat(dsl.fetchCount(CUSTOMERS)).isEqualTo(customers);
        assertThat(conversion.statusCode()).isEqualTo(422);
        assertThat(conversion.body()).contains("No rate EUR→USD on or before 2026-03-01");

        HttpResponse<String> kept = root.post(
                "/rates",
                Map.of("rate_date", "2026-02-27", "from_currency", "EUR", "to_currency", "USD", "rate", "1.1"),
                true);
        HttpResponse<String> converted = root.post(
                "/rates/convert", Map.of("amount", "100", "from", "EUR", "to", "USD", "on", "2026-03-01"), true);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(converted.body())
                .contains("100.00 EUR is 110.00 USD on 2026-03-01, at 1 EUR = 1.1 USD of 2026-02-27.");
    }

    @Test
    void the_api_adds_time_with_a_token_and_pages_records_newest_first_without_repeats() {
        String token = d.feature.sessions().issueApiToken(tess, "time-api");
        HttpSession api = new HttpSession(d);
        for (int day = 20; day < 25; day++) {
            HttpResponse<String> r = api.postJson(
                    "/api/time-records",
                    "{\"project_id\":" + d.acmeProject + ",\"started_at\":\"2026-01-" + day
                            + "T14:00:00Z\",\"duration\":\"30m\"}",
                    token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> refused = api.postJson(
                "/api/time-records",
                "{\"project_id\":" + d.acmeProject + ",\"started_at\":\"2026-01-20T14:10:00Z\",\"duration\":\"10m\"}",
                token);

        Set<String> seen = new LinkedHashSet<>();
        String next = "/api/time-records?limit=2";
        int pages = 0;
        while (next != null && pages < 50) {
            String body = api.get(next, "Authorization", "Bearer " + token).body();
            Matcher ids = Pattern.compile("\"id\":(\\d+),\"personId\"").matcher(body);
            while (ids.find()) {
                assertThat(seen.add(ids.group(1)))
                        .as("record " + ids.group(1) + " repeated")
                        .isTrue();
            }
            Matcher n = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(body);
            next = n.find() ? n.group(1) : null;
            pages++;
        }

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("\"outcome\":\"invalid\"", "overlaps time already recorded");
        assertThat(seen).hasSize(records());
        assertThat(dsl.fetchCount(TIME_RECORD_CHANGES)).isPositive();
    }
}
