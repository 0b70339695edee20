package dev.clarity.crm.reports;

import static dev.clarity.migrations.jooq.Tables.TIME_DAILY;
import static dev.clarity.migrations.jooq.Tables.TIME_MONTHLY;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static dev.clarity.migrations.jooq.Tables.TIME_TOTALS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The sums the report reads (per day, per month and all-time) follow every change of the time records: insert, correction, move, billing, delete. */
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

    private static Object[] month(long project, long person, LocalDate month) {
        return CrmDatabase.dsl()
                .select(TIME_MONTHLY.SECONDS, TIME_MONTHLY.BILLABLE_SECONDS, TIME_MONTHLY.UNBILLED_SECONDS)
                .from(TIME_MONTHLY)
                .where(TIME_MONTHLY.PROJECT_ID.eq(project))
                .and(TIME_MONTHLY.PERSON_ID.eq(person))
                .and(TIME_MONTHLY.MONTH.eq(month))
                .fetchOptional()
                .map(r -> r.intoArray())
                .orElse(null);
    }

    @Test
    void the_monthly_sums_follow_inserts_corrections_moves_across_months_billing_and_deletion() {
        long customer = CrmDatabase.customer("EUR");
        long project = CrmDatabase.project(customer, "none");
        long person = CrmDatabase.person("team_member");
        LocalDate march = LocalDate.of(2026, 3, 1);
        LocalDate april = LocalDate.of(2026, 4, 1);
        long a = CrmDatabase.time(project, person, LocalDate.of(2026, 3, 31), 3_600);
        long b = CrmDatabase.time(project, person, LocalDate.of(2026, 3, 2), 1_800);
        assertThat(month(project, person, march)).containsExactly(5_400L, 5_400L, 5_400L);

        var dsl = CrmDatabase.dsl();
        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.SECONDS, 7_200L)
                .set(TIME_RECORDS.BILLABLE_SECONDS, 7_200L)
                .where(TIME_RECORDS.ID.eq(a))
                .execute();
        assertThat(month(project, person, march)).containsExactly(9_000L, 9_000L, 9_000L);

        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse("2026-04-01T09:00:00Z"))
                .where(TIME_RECORDS.ID.eq(a))
                .execute();
        assertThat(month(project, person, march)).containsExactly(1_800L, 1_800L, 1_800L);
        assertThat(month(project, person, april)).containsExactly(7_200L, 7_200L, 7_200L);

        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.BILLABLE, false)
                .where(TIME_RECORDS.ID.eq(b))
                .execute();
        assertThat(month(project, person, march)).containsExactly(1_800L, 0L, 0L);

        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.DELETED_AT, OffsetDateTime.parse("2026-04-02T00:00:00Z"))
                .where(TIME_RECORDS.ID.eq(a))
                .execute();
        assertThat(month(project, person, april)).containsExactly(0L, 0L, 0L);
        assertThat(dsl.select(DSL.sum(TIME_DAILY.SECONDS))
                        .from(TIME_DAILY)
                        .where(TIME_DAILY.PROJECT_ID.eq(project))
                        .fetchOne()
                        .value1())
                .as("the months hold what the days hold")
                .isEqualByComparingTo(dsl.select(DSL.sum(TIME_MONTHLY.SECONDS))
                        .from(TIME_MONTHLY)
                        .where(TIME_MONTHLY.PROJECT_ID.eq(project))
                        .fetchOne()
                        .value1());
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
