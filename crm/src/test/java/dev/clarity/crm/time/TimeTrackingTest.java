package dev.clarity.crm.time;

import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimeTrackingTest {
    private final DSLContext dsl = CrmDatabase.dsl();
    private final SettableClock clock = new SettableClock("2026-03-02T09:00:00Z");
    private final JooqTimeStore store = new JooqTimeStore(dsl);
    private final TimeTracking time = new TimeTracking(store, clock);
    private long person;
    private long project;

    @BeforeEach
    void seed() {
        person = CrmDatabase.person("team_member");
        project = CrmDatabase.project(CrmDatabase.customer("EUR"), "up_15");
    }

    @Test
    void stopping_a_timer_records_the_time_worked_without_pauses_rounded_up_to_the_quarter() {
        time.start(person, "tom", project, null, "cart model");
        clock.advance(Duration.ofMinutes(20));
        assertThat(time.pause(person)).isInstanceOf(TimerOutcome.Paused.class);
        clock.advance(Duration.ofHours(1));
        assertThat(time.resume(person)).isInstanceOf(TimerOutcome.Resumed.class);
        clock.advance(Duration.ofMinutes(3));

        TimerOutcome stopped = time.stop(person, "tom");

        TimeRecord r = ((TimerOutcome.Stopped) stopped).record().orElseThrow();
        assertThat(r.seconds()).isEqualTo(23 * 60);
        assertThat(r.billableSeconds()).isEqualTo(30 * 60);
        assertThat(r.startedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(r.source()).isEqualTo("timer");
        assertThat(stopped.message()).isEqualTo("Timer stopped: recorded 23m (billed as 30m).");
        assertThat(time.timer(person)).isEmpty();
        assertThat(store.changes(r.id())).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("created");
            assertThat(c.actor()).isEqualTo("tom");
        });
    }

    @Test
    void starting_a_second_timer_stops_the_first_and_says_so() {
        long other = CrmDatabase.project(CrmDatabase.customer("EUR"), "none");
        time.start(person, "tom", project, null, null);
        clock.advance(Duration.ofMinutes(10));

        TimerOutcome second = time.start(person, "tom", other, null, null);

        assertThat(second).isInstanceOfSatisfying(TimerOutcome.Started.class, s -> {
            assertThat(s.stoppedBefore()).isPresent();
            assertThat(s.timer().projectId()).isEqualTo(other);
        });
        assertThat(second.message())
                .startsWith("Started a new timer; the one that was running was stopped first.")
                .contains("recorded 10m");
        assertThat(time.timer(person)).map(Timer::projectId).contains(other);
        assertThat(dsl.fetchCount(TIME_RECORDS, TIME_RECORDS.PERSON_ID.eq(person)))
                .isEqualTo(1);
    }

    @Test
    void a_negative_or_zero_duration_is_refused_with_a_field_message_and_nothing_is_stored() {
        Instant start = Instant.parse("2026-03-01T09:00:00Z");

        RecordOutcome negative = time.add(person, "tom", new TimeEntry(project, null, start, -1800, null, null));
        RecordOutcome zero = time.add(person, "tom", new TimeEntry(project, null, start, 0, null, null));

        assertThat(negative)
                .isInstanceOfSatisfying(
                        RecordOutcome.Invalid.class,
                        i -> assertThat(i.errors())
                                .containsEntry("duration", "The duration must be more than zero (was -30m)."));
        assertThat(zero).isInstanceOf(RecordOutcome.Invalid.class);
        assertThat(dsl.fetchCount(TIME_RECORDS, TIME_RECORDS.PERSON_ID.eq(person)))
                .isZero();
    }

    @Test
    void time_that_overlaps_the_persons_recorded_time_is_refused_and_nothing_changes() {
        Instant nine = Instant.parse("2026-03-01T09:00:00Z");
        time.add(person, "tom", new TimeEntry(project, null, nine, 3600, null, null));

        RecordOutcome overlapping =
                time.add(person, "tom", new TimeEntry(project, null, nine.plusSeconds(1800), 3600, null, null));
        RecordOutcome after =
                time.add(person, "tom", new TimeEntry(project, null, nine.plusSeconds(3600), 60, null, null));

        assertThat(overlapping)
                .isInstanceOfSatisfying(
                        RecordOutcome.Invalid.class,
                        i -> assertThat(i.errors())
                                .containsKey("started_at")
                                .extractingByKey("started_at")
                                .asString()
                                .contains(
                                        "overlaps time already recorded from 2026-03-01 09:00 to 2026-03-01 10:00 UTC"));
        assertThat(after).as("time that starts when the other ends").isInstanceOf(RecordOutcome.Saved.class);
        assertThat(dsl.fetchCount(TIME_RECORDS, TIME_RECORDS.PERSON_ID.eq(person)))
                .isEqualTo(2);
    }

    @Test
    void a_correction_and_a_deletion_keep_the_record_and_write_its_trail_with_before_and_after() {
        Instant nine = Instant.parse("2026-03-01T09:00:00Z");
        TimeRecord made = ((RecordOutcome.Saved)
                        time.add(person, "tom", new TimeEntry(project, null, nine, 600, null, "x")))
                .record();

        RecordOutcome corrected =
                time.correct(made.id(), "mia", new TimeEntry(project, null, nine, 2700, false, "x"), "forgot the call");
        RecordOutcome deleted = time.delete(made.id(), "mia", "double entry");

        assertThat(corrected).isInstanceOfSatisfying(RecordOutcome.Saved.class, s -> {
            assertThat(s.record().seconds()).isEqualTo(2700);
            assertThat(s.record().billableSeconds()).isEqualTo(2700);
            assertThat(s.record().billable()).isFalse();
        });
        assertThat(deleted).isInstanceOf(RecordOutcome.Saved.class);
        assertThat(store.find(made.id())).map(TimeRecord::deletedAt).isPresent();
        assertThat(store.changes(made.id()))
                .extracting(TimeChange::action, TimeChange::actor, TimeChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("created", "tom", "x"),
                        org.assertj.core.groups.Tuple.tuple("corrected", "mia", "forgot the call"),
                        org.assertj.core.groups.Tuple.tuple("deleted", "mia", "double entry"));
        TimeChange correction = store.changes(made.id()).get(1);
        assertThat(correction.beforeJson()).contains("\"seconds\":600");
        assertThat(correction.afterJson()).contains("\"seconds\":2700", "\"billable\":false");
        assertThat(time.delete(made.id(), "mia", "again")).isInstanceOf(RecordOutcome.Missing.class);
    }

    @Test
    void time_changed_by_someone_else_is_audited_and_a_persons_own_changes_stay_in_the_trail_only() {
        var people = dev.clarity.migrations.jooq.Tables.PEOPLE;
        var audit = dev.clarity.migrations.jooq.Tables.AUDIT;
        String own = dsl.select(people.LOGIN)
                .from(people)
                .where(people.ID.eq(person))
                .fetchOne(people.LOGIN);
        Long mark = dsl.select(org.jooq.impl.DSL.max(audit.ID)).from(audit).fetchOne(org.jooq.impl.DSL.max(audit.ID));
        Instant nine = Instant.parse("2026-03-01T09:00:00Z");
        TimeRecord made = ((RecordOutcome.Saved)
                        time.add(person, own, new TimeEntry(project, null, nine, 600, null, "x")))
                .record();
        time.correct(made.id(), "mia", new TimeEntry(project, null, nine, 1200, null, "x"), "the call too");
        time.delete(made.id(), own, "double entry");

        assertThat(dsl.select(audit.ACTOR, audit.ACTION, audit.DETAIL)
                        .from(audit)
                        .where(audit.ID.gt(mark == null ? 0 : mark))
                        .and(audit.TARGET_TYPE.eq("time_record"))
                        .and(audit.TARGET_ID.eq(Long.toString(made.id())))
                        .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly("mia time.corrected time of " + own + ": the call too");
    }

    @Test
    void a_correction_that_would_overlap_is_refused_and_the_record_stays_as_it_was() {
        Instant nine = Instant.parse("2026-03-01T09:00:00Z");
        time.add(person, "tom", new TimeEntry(project, null, nine, 3600, null, null));
        TimeRecord later = ((RecordOutcome.Saved)
                        time.add(person, "tom", new TimeEntry(project, null, nine.plusSeconds(7200), 600, null, null)))
                .record();

        RecordOutcome refused = time.correct(
                later.id(), "tom", new TimeEntry(project, null, nine.plusSeconds(600), 600, null, null), "");

        assertThat(refused).isInstanceOf(RecordOutcome.Invalid.class);
        assertThat(store.find(later.id())).map(TimeRecord::startedAt).contains(later.startedAt());
        assertThat(store.changes(later.id())).hasSize(1);
    }

    @Test
    void pausing_without_a_timer_is_refused_saying_why() {
        assertThat(time.pause(person).message()).isEqualTo("No timer is running.");
        assertThat(time.stop(person, "tom")).isInstanceOf(TimerOutcome.Refused.class);
        assertThat(time.timer(person)).isEqualTo(Optional.empty());
    }

    @Test
    void pages_of_a_persons_time_follow_each_other_newest_first_without_gaps_or_repeats() {
        Instant start = Instant.parse("2026-02-01T08:00:00Z");
        for (int i = 0; i < 7; i++) {
            time.add(person, "tom", new TimeEntry(project, null, start.plus(Duration.ofHours(i)), 600, null, null));
        }
        TimeScope mine = new TimeScope(person, null, null, null);

        var first = store.page(mine, null, 3);
        var second = store.page(mine, JooqTimeStore.Cursor.after(first.getLast().record()), 3);
        var third = store.page(mine, JooqTimeStore.Cursor.after(second.getLast().record()), 3);

        assertThat(first).hasSize(3);
        assertThat(first.getFirst().record().startedAt()).isEqualTo(start.plus(Duration.ofHours(6)));
        assertThat(third)
                .singleElement()
                .satisfies(r -> assertThat(r.record().startedAt()).isEqualTo(start));
        assertThat(second)
                .extracting(r -> r.record().id())
                .doesNotContainAnyElementsOf(
                        first.stream().map(r -> r.record().id()).toList());
    }
}
