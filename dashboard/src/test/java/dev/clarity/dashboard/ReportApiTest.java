package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/reports/billable-hours} over HTTP: the period's totals in every answer, the lines in pages linked by
 * {@code next}, a wrong cursor refused with a sentence; and the page of all customers showing the same sums.
 */
class ReportApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void the_lines_come_in_pages_linked_by_next_and_every_page_carries_the_totals_of_the_period() throws Exception {
        var dsl = d.database.dsl();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long customer = TestDashboard.customer(dsl, "Paged " + suffix, "paged-" + suffix);
        long project = TestDashboard.project(dsl, customer, "Paged work", "paged/" + suffix);
        dsl.update(PROJECTS)
                .set(PROJECTS.HOURLY_RATE, new BigDecimal("90"))
                .where(PROJECTS.ID.eq(project))
                .execute();
        List<Long> people = dsl.select(PEOPLE.ID)
                .from(PEOPLE)
                .where(PEOPLE.LOGIN.in("root", "mia", "tom"))
                .fetch(PEOPLE.ID);
        assertThat(people).hasSize(3);
        // three people in two months of 2019: six lines of half an hour each
        for (long person : people) {
            TestDashboard.timeRecord(dsl, person, project, "2019-03-04T09:00:00Z");
            TestDashboard.timeRecord(dsl, person, project, "2019-04-04T09:00:00Z");
        }
        HttpSession root = HttpSession.signedIn(d, "root");
        String first = "/api/reports/billable-hours?from=2019-01-01&to=2019-12-31&customer=" + customer + "&limit=4";

        List<JsonNode> lines = new ArrayList<>();
        List<JsonNode> answers = new ArrayList<>();
        String next = first;
        while (next != null) {
            var r = root.get(next);
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            answers.add(body);
            body.get("rows").forEach(lines::add);
            next = body.get("next").isNull() ? null : body.get("next").asText();
        }

        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).get("rows")).hasSize(4);
        assertThat(answers.get(1).get("rows")).hasSize(2);
        assertThat(lines)
                .extracting(
                        l -> l.get("personId").asLong() + " " + l.get("month").asText())
                .as("every line once, in order")
                .doesNotHaveDuplicates()
                .hasSize(6);
        for (JsonNode answer : answers) {
            JsonNode totals = answer.get("totals");
            assertThat(totals.get("hours").decimalValue()).isEqualByComparingTo("3.00");
            assertThat(totals.get("amountInBase").get("amount").decimalValue()).isEqualByComparingTo("270.00");
            assertThat(totals.get("complete").asBoolean()).isTrue();
            assertThat(answer.get("budgets"))
                    .extracting(b -> b.get("projectId").asLong())
                    .containsOnly(project);
        }
        var page = root.get("/reports/billable-hours?from=2019-01-01&to=2019-12-31");
        assertThat(page.body())
                .as("the page of all customers sums the same lines per customer and month")
                .contains("Paged " + suffix)
                .contains("<td>2019-03</td><td class=\"n\">1.50</td>");

        var wrong = root.get("/api/reports/billable-hours?from=2019-01-01&to=2019-12-31&after=nonsense");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("'after' is the 'next' cursor of a previous page");
    }
}
