package dev.clarity.crm.time;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a person does with their time: start, pause, resume and stop their timer (one per person: starting a second
 * stops the first, and the outcome says so), add time by hand, correct it, delete it. Every change to a record
 * writes its trail (before and after, actor, reason) in the same transaction; a record added, corrected or deleted
 * by someone other than its person is also audited there. Who may act on whose time is decided
 * by the caller; this class checks the values. Thread-safe; time comes from the injected clock only.
 */
public final class TimeTracking {
    /** Longer than this is a typo, not a working session. */
    static final long MAX_SECONDS = 24 * 3600;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final JooqTimeStore store;
    private final InstantSource clock;
    private final Audit audit;

    public TimeTracking(JooqTimeStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    public Optional<Timer> timer(long personId) {
        return store.timer(personId);
    }

    /** Starts a timer on the project (and task); a timer already running or paused is stopped and recorded first. */
    public TimerOutcome start(long personId, String actor, long projectId, Long taskId, String note) {
        return store.inTransaction(tx -> {
            if (!tx.lockPerson(personId)) {
                return new TimerOutcome.Refused("There is no such person.");
            }
            Optional<String> refused = refusal(tx, projectId, taskId);
            if (refused.isPresent()) {
                return new TimerOutcome.Refused(refused.get());
            }
            Instant now = clock.instant();
            Optional<TimerOutcome.Stopped> before = tx.timer(personId).map(t -> stop(tx, t, actor, now));
            Timer started = new Timer(personId, projectId, taskId, blankToNull(note), now, now, null, 0);
            tx.saveTimer(started);
            return new TimerOutcome.Started(started, before);
        });
    }

    public TimerOutcome pause(long personId) {
        return store.inTransaction(tx -> {
            tx.lockPerson(personId);
            Optional<Timer> t = tx.timer(personId);
            if (t.isEmpty() || !t.get().running()) {
                return new TimerOutcome.Refused(t.isEmpty() ? "No timer is running." : "The timer is already paused.");
            }
            Instant now = clock.instant();
            Timer timer = t.get();
            Timer paused = new Timer(
                    personId,
                    timer.projectId(),
                    timer.projectTaskId(),
                    timer.note(),
                    timer.startedAt(),
                    timer.segmentStartedAt(),
                    now,
                    timer.elapsedSeconds(now));
            tx.saveTimer(paused);
            return new TimerOutcome.Paused(paused);
        });
    }

    public TimerOutcome resume(long personId) {
        return store.inTransaction(tx -> {
            tx.lockPerson(personId);
            Optional<Timer> t = tx.timer(personId);
            if (t.isEmpty() || t.get().running()) {
                return new TimerOutcome.Refused(t.isEmpty() ? "No timer to resume." : "The timer is already running.");
            }
            Timer timer = t.get();
            Timer resumed = new Timer(
                    personId,
                    timer.projectId(),
                    timer.projectTaskId(),
                    timer.note(),
                    timer.startedAt(),
                    clock.instant(),
                    null,
                    timer.accumulatedSeconds());
            tx.saveTimer(resumed);
            return new TimerOutcome.Resumed(resumed);
        });
    }

    /** Stops the timer and records the time timed, rounded by the project's rule. */
    public TimerOutcome stop(long personId, String actor) {
        return store.inTransaction(tx -> {
            tx.lockPerson(personId);
            return tx.timer(personId)
                    .<TimerOutcome>map(t -> stop(tx, t, actor, clock.instant()))
                    .orElseGet(() -> new TimerOutcome.Refused("No timer is running."));
        });
    }

    private TimerOutcome.Stopped stop(JooqTimeStore tx, Timer t, String actor, Instant now) {
        tx.deleteTimer(t.personId());
        long seconds = t.elapsedSeconds(now);
        Optional<ProjectRules> project = tx.project(t.projectId());
        if (seconds <= 0 || project.isEmpty()) {
            return new TimerOutcome.Stopped(Optional.empty());
        }
        boolean billable = billable(tx, project.get(), t.projectTaskId(), null);
        TimeRecord made = tx.insert(
                new TimeRecord(
                        0,
                        t.personId(),
                        t.projectId(),
                        t.projectTaskId(),
                        t.startedAt(),
                        seconds,
                        project.get().rounding().billable(seconds),
                        billable,
                        t.note(),
                        "timer",
                        null,
                        null),
                now);
        tx.change(made.id(), now, actor, "created", null, made.toJson(), "timer stopped");
        return new TimerOutcome.Stopped(Optional.of(made));
    }

    /** Adds time worked, entered by hand, for {@code personId}. */
    public RecordOutcome add(long personId, String actor, TimeEntry entry) {
        return store.inTransaction(tx -> {
            if (!tx.lockPerson(personId)) {
                return RecordOutcome.Invalid.of("person_id", "There is no such person.");
            }
            Map<String, String> errors = check(tx, personId, entry, null);
            if (!errors.isEmpty()) {
                return new RecordOutcome.Invalid(errors);
            }
            Instant now = clock.instant();
            TimeRecord made = tx.insert(record(tx, 0, personId, entry, "manual"), now);
            tx.change(made.id(), now, actor, "created", null, made.toJson(), blankToNull(entry.note()));
            tx.auditWhenNotOwn(audit, made.id(), AuditEntry.of(actor, "time.added", "time_record", made.id(), null));
            return new RecordOutcome.Saved(made, "Recorded " + Durations.format(made.seconds()) + ".");
        });
    }

    /** Replaces a record's values; {@code reason} goes into the trail. A billed record is never corrected. */
    public RecordOutcome correct(long recordId, String actor, TimeEntry entry, String reason) {
        return store.inTransaction(tx -> {
            Optional<TimeRecord> found = live(tx, recordId);
            if (found.isEmpty()) {
                return new RecordOutcome.Missing(recordId);
            }
            TimeRecord before = found.get();
            tx.lockPerson(before.personId());
            if (before.billedInvoiceId() != null) {
                return RecordOutcome.Invalid.of(
                        "record", "This time is on an issued invoice and can no longer be corrected.");
            }
            Map<String, String> errors = check(tx, before.personId(), entry, recordId);
            if (!errors.isEmpty()) {
                return new RecordOutcome.Invalid(errors);
            }
            Instant now = clock.instant();
            TimeRecord after = tx.update(record(tx, recordId, before.personId(), entry, before.source()), now);
            tx.change(recordId, now, actor, "corrected", before.toJson(), after.toJson(), blankToNull(reason));
            tx.auditWhenNotOwn(
                    audit,
                    recordId,
                    AuditEntry.of(actor, "time.corrected", "time_record", recordId, blankToNull(reason)));
            return new RecordOutcome.Saved(after, "Corrected the record to " + Durations.format(after.seconds()) + ".");
        });
    }

    /** Deletes a record softly: it stays with its trail and leaves every list and total. */
    public RecordOutcome delete(long recordId, String actor, String reason) {
        return store.inTransaction(tx -> {
            Optional<TimeRecord> found = live(tx, recordId);
            if (found.isEmpty()) {
                return new RecordOutcome.Missing(recordId);
            }
            if (found.get().billedInvoiceId() != null) {
                return RecordOutcome.Invalid.of(
                        "record", "This time is on an issued invoice and can no longer be deleted.");
            }
            Instant now = clock.instant();
            TimeRecord deleted = tx.markDeleted(recordId, now);
            tx.change(recordId, now, actor, "deleted", found.get().toJson(), deleted.toJson(), blankToNull(reason));
            tx.auditWhenNotOwn(
                    audit,
                    recordId,
                    AuditEntry.of(actor, "time.deleted", "time_record", recordId, blankToNull(reason)));
            return new RecordOutcome.Saved(deleted, "Deleted the record.");
        });
    }

    private static Optional<TimeRecord> live(JooqTimeStore tx, long id) {
        return tx.find(id).filter(r -> r.deletedAt() == null);
    }

    /** One message per field for values that cannot be stored; empty when they can. */
    private Map<String, String> check(JooqTimeStore tx, long personId, TimeEntry e, Long except) {
        Map<String, String> errors = new LinkedHashMap<>();
        refusal(tx, e.projectId(), e.projectTaskId())
                .ifPresent(m -> errors.put(m.startsWith("The task") ? "project_task_id" : "project_id", m));
        if (e.seconds() <= 0) {
            errors.put("duration", "The duration must be more than zero (was " + signed(e.seconds()) + ").");
        } else if (e.seconds() > MAX_SECONDS) {
            errors.put("duration", "The duration must be at most 24h (was " + Durations.format(e.seconds()) + ").");
        }
        if (e.startedAt() == null) {
            errors.put("started_at", "The start is required (for example 2026-03-01 09:00).");
        } else if (e.startedAt()
                .plusSeconds(Math.max(0, e.seconds()))
                .isAfter(clock.instant().plusSeconds(60))) {
            errors.put("started_at", "This time ends in the future; record time once it is worked.");
        }
        if (errors.isEmpty()) {
            tx.overlapping(personId, e.startedAt(), e.startedAt().plusSeconds(e.seconds()), except)
                    .ifPresent(o -> errors.put(
                            "started_at",
                            "This overlaps time already recorded from " + WHEN.format(o.startedAt()) + " to "
                                    + WHEN.format(o.endsAt()) + " UTC (record " + o.id() + ")."));
        }
        return errors;
    }

    /** Why no time may be put on this project and task, if it may not. */
    private static Optional<String> refusal(JooqTimeStore tx, long projectId, Long taskId) {
        Optional<ProjectRules> p = tx.project(projectId);
        if (p.isEmpty()) {
            return Optional.of("There is no such project.");
        }
        if (p.get().archived()) {
            return Optional.of("The project " + p.get().name() + " is archived and takes no new time.");
        }
        if (taskId != null && tx.task(taskId, projectId).isEmpty()) {
            return Optional.of("The task is not an open task of " + p.get().name() + ".");
        }
        return Optional.empty();
    }

    private static TimeRecord record(JooqTimeStore tx, long id, long personId, TimeEntry e, String source) {
        ProjectRules p = tx.project(e.projectId()).orElseThrow();
        return new TimeRecord(
                id,
                personId,
                e.projectId(),
                e.projectTaskId(),
                e.startedAt(),
                e.seconds(),
                p.rounding().billable(e.seconds()),
                billable(tx, p, e.projectTaskId(), e.billable()),
                blankToNull(e.note()),
                source,
                null,
                null);
    }

    /** The entry's own choice, else the task's, else the project's. */
    private static boolean billable(JooqTimeStore tx, ProjectRules p, Long taskId, Boolean chosen) {
        if (chosen != null) {
            return chosen;
        }
        if (taskId != null) {
            Optional<Boolean> task = tx.task(taskId, p.projectId()).flatMap(b -> b);
            if (task.isPresent()) {
                return task.get();
            }
        }
        return p.billable();
    }

    private static String signed(long seconds) {
        return seconds < 0 ? "-" + Durations.format(-seconds) : Durations.format(seconds);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
