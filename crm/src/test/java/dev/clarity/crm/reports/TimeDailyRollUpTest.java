package dev.clarity.crm.reports;

import static dev.clarity.migrations.jooq.Tables.TIME_DAILY;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static dev.clarity.migrations.jooq.Tables.TIME_TOTALS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;

/** The sums the report reads (per day and all-time) follow every change of the time records: insert, correction, move, billing, delete. */
class TimeDailyRollUpTest {

    private static Record2<Long, Long> day(long project, long person, LocalDate day) {
        return CrmDatabase.dsl()
                .select(TIME_DAILY.BILLABLE_SECONDS, TIME_DAILY.UNBILLED_SECONDS)
                .from(TIME_DAILY)
                .where(TIME_DAILY.PROJECT_ID.eq(project))
                .and(TIME_DAILY.PERSON_ID.eq(person))
                .and(TIME_DAILY.DAY.eq(day))
                .fetchOptional()
                .orElse(null);
    }

    @Test
    void corrections_moves_billing_and_deletion_keep_the_daily_sums_exact() {
        long customer = CrmDatabase.customer("EUR");
        long project = CrmDatabase.project(customer, "none");
        long person = CrmDatabase.person("team_member");
        LocalDate monday = LocalDate.of(2026, 3, 2);
        LocalDate tuesday = monday.plusDays(1);
        long a = CrmDatabase.time(project, person, monday, 3_600);
        CrmDatabase.time(project, person, monday, 1_800);
        assertThat(day(project, person, monday).value1()).isEqualTo(5_400L);

        var dsl = CrmDatabase.dsl();
        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.SECONDS, 7_200L)
                .set(TIME_RECORDS.BILLABLE_SECONDS, 7_200L)
                .where(TIME_RECORDS.ID.eq(a))
                .execute();
        assertThat(day(project, person, monday).value1()).isEqualTo(9_000L);

        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse(tuesday + "T09:00:00Z"))
                .where(TIME_RECORDS.ID.eq(a))
                .execute();
        assertThat(day(project, person, monday).value1()).isEqualTo(1_800L);
        assertThat(day(project, person, tuesday).value1()).isEqualTo(7_200L);

        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.DELETED_AT, OffsetDateTime.parse("2026-03-04T00:00:00Z"))
                .where(TIME_RECORDS.ID.eq(a))
                .execute();
        assertThat(day(project, person, tuesday).value1()).isZero();
        assertThat(day(project, person, tuesday).value2()).isZero();
        assertThat(day(project, person, monday).value2()).isEqualTo(1_800L);

        long internal = CrmDatabase.time(project, person, monday, 600);
        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.BILLABLE, false)
                .where(TIME_RECORDS.ID.eq(internal))
                .execute();
        assertThat(dsl.select(TIME_DAILY.SECONDS, TIME_DAILY.BILLABLE_SECONDS)
                        .from(TIME_DAILY)
                        .where(TIME_DAILY.PROJECT_ID.eq(project))
                        .and(TIME_DAILY.DAY.eq(monday))
                        .fetchOne()
                        .intoArray())
                .containsExactly(2_400L, 1_800L);
        assertThat(dsl.select(TIME_TOTALS.SECONDS, TIME_TOTALS.BILLABLE_SECONDS)
                        .from(TIME_TOTALS)
                        .where(TIME_TOTALS.PROJECT_ID.eq(project))
                        .and(TIME_TOTALS.PERSON_ID.eq(person))
                        .fetchOne()
                        .intoArray())
                .as("all-time totals follow the same changes")
                .containsExactly(2_400L, 1_800L);
    }
}
