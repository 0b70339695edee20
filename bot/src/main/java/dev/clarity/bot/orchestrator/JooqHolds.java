package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTION_HOLDS;

import dev.clarity.migrations.jooq.tables.records.ExecutionHoldsRecord;
import dev.clarity.vocabulary.Step;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** {@link Holds} in {@code execution_holds}; every method is one statement, or joins the caller's transaction. */
final class JooqHolds implements Holds {
    private final DSLContext dsl;
    private final InstantSource clock;

    JooqHolds(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public long hold(long executionId, String taskId, Hold.Request r) {
        return dsl.transactionResult(tx -> {
            DSLContext d = tx.dsl();
            var h = EXECUTION_HOLDS;
            d.update(h)
                    .set(h.DROPPED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .where(open(executionId, taskId))
                    .execute();
            return d.insertInto(h)
                    .set(h.EXECUTION_ID, executionId)
                    .set(h.TASK_ID, taskId)
                    .set(h.KIND, r.kind().spelling())
                    .set(h.RESUME_STEP, r.kind().resume().name())
                    .set(h.ATTEMPTS, r.attempts())
                    .set(h.FILES, String.join("\n", r.files()))
                    .set(h.REASON, r.reason())
                    .set(h.DIFF, r.diff())
                    .set(h.DIGEST, r.digest())
                    .set(h.HELD_AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .returning(h.ID)
                    .fetchOne(h.ID);
        });
    }

    @Override
    public Optional<Hold> openHold(long executionId, String taskId) {
        return dsl.selectFrom(EXECUTION_HOLDS)
                .where(open(executionId, taskId))
                .orderBy(EXECUTION_HOLDS.ID.desc())
                .limit(1)
                .fetchOptional()
                .map(JooqHolds::hold);
    }

    @Override
    public void approveHold(long holdId, String login) {
        dsl.update(EXECUTION_HOLDS)
                .set(EXECUTION_HOLDS.APPROVED_BY, login)
                .set(EXECUTION_HOLDS.APPROVED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .where(EXECUTION_HOLDS.ID.eq(holdId).and(EXECUTION_HOLDS.APPROVED_BY.isNull()))
                .execute();
    }

    @Override
    public List<Hold> approvedHolds(long executionId, String taskId) {
        return dsl.selectFrom(EXECUTION_HOLDS)
                .where(item(executionId, taskId).and(EXECUTION_HOLDS.APPROVED_BY.isNotNull()))
                .orderBy(EXECUTION_HOLDS.ID)
                .fetch(JooqHolds::hold);
    }

    @Override
    public void holdReleased(long holdId) {
        dsl.update(EXECUTION_HOLDS)
                .set(EXECUTION_HOLDS.RELEASED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .where(EXECUTION_HOLDS.ID.eq(holdId))
                .execute();
    }

    @Override
    public void dropHolds(long executionId, String taskId) {
        dsl.update(EXECUTION_HOLDS)
                .set(EXECUTION_HOLDS.DROPPED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .where(open(executionId, taskId))
                .execute();
    }

    private static Condition item(long executionId, String taskId) {
        return EXECUTION_HOLDS.EXECUTION_ID.eq(executionId).and(EXECUTION_HOLDS.TASK_ID.eq(taskId));
    }

    private static Condition open(long executionId, String taskId) {
        return item(executionId, taskId)
                .and(EXECUTION_HOLDS.APPROVED_BY.isNull())
                .and(EXECUTION_HOLDS.DROPPED_AT.isNull());
    }

    private static Hold hold(ExecutionHoldsRecord r) {
        return new Hold(
                r.getId(),
                r.getTaskId(),
                Hold.Kind.valueOf(r.getKind().toUpperCase(Locale.ROOT)),
                Step.valueOf(r.getResumeStep()),
                r.getAttempts(),
                r.getFiles().isEmpty() ? List.of() : Arrays.asList(r.getFiles().split("\n")),
                r.getReason(),
                r.getDiff(),
                r.getDigest(),
                r.getApprovedBy(),
                r.getReleasedAt() != null);
    }
}
