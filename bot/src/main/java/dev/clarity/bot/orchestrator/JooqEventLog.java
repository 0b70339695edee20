package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;

import dev.clarity.runner.redaction.KnownSecrets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The append-only event log of executions in PostgreSQL, each row chained to the previous one by checksum
 * ({@link EventChain}). {@link #append} runs inside the caller's transaction, so a move and its event commit together.
 * Every message is redacted before it is stored ({@link KnownSecrets}): whatever a step put in it (a tool's line, a
 * failure's sentence, a GitHub error), no secret the process holds and no credential shape reaches the table.
 */
final class JooqEventLog {
    private final InstantSource clock;
    private final KnownSecrets secrets;

    JooqEventLog(InstantSource clock, KnownSecrets secrets) {
        this.clock = clock;
        this.secrets = secrets;
    }

    ExecutionEvent append(DSLContext d, long executionId, NewEvent given) {
        NewEvent event = given.withMessage(secrets.redact(given.message()));
        // the execution row lock serializes appends of one execution across threads and replicas
        d.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(executionId))
                .forUpdate()
                .fetch();
        var last = d.select(EXECUTION_EVENTS.SEQ, EXECUTION_EVENTS.CHECKSUM)
                .from(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .orderBy(EXECUTION_EVENTS.SEQ.desc())
                .limit(1)
                .fetchOne();
        long seq = last == null ? 1 : last.value1() + 1;
        String previous = last == null ? EventChain.GENESIS : last.value2();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ExecutionEvent unsigned = new ExecutionEvent(
                executionId,
                seq,
                at,
                event.kind(),
                event.taskId(),
                event.step(),
                event.severity(),
                event.message(),
                null);
        String checksum = EventChain.checksum(previous, unsigned);
        d.insertInto(EXECUTION_EVENTS)
                .set(EXECUTION_EVENTS.EXECUTION_ID, executionId)
                .set(EXECUTION_EVENTS.SEQ, seq)
                .set(EXECUTION_EVENTS.AT, at.atOffset(ZoneOffset.UTC))
                .set(EXECUTION_EVENTS.KIND, event.kind())
                .set(EXECUTION_EVENTS.TASK_ID, event.taskId())
                .set(EXECUTION_EVENTS.STEP, event.step())
                .set(EXECUTION_EVENTS.SEVERITY, event.severity())
                .set(EXECUTION_EVENTS.MESSAGE, event.message())
                .set(EXECUTION_EVENTS.CHECKSUM, checksum)
                .execute();
        return new ExecutionEvent(
                executionId,
                seq,
                at,
                event.kind(),
                event.taskId(),
                event.step(),
                event.severity(),
                event.message(),
                checksum);
    }

    List<ExecutionEvent> events(DSLContext d, long executionId) {
        return d.selectFrom(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .orderBy(EXECUTION_EVENTS.SEQ)
                .fetch(r -> new ExecutionEvent(
                        r.getExecutionId(),
                        r.getSeq(),
                        r.getAt().toInstant(),
                        r.getKind(),
                        r.getTaskId(),
                        r.getStep(),
                        r.getSeverity(),
                        r.getMessage(),
                        r.getChecksum()));
    }
}
