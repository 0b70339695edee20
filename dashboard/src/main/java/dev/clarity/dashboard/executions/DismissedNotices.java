package dev.clarity.dashboard.executions;

import static dev.clarity.migrations.jooq.Tables.DISMISSED_NOTICES;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.dashboard.auth.Viewer;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The notices a person dismissed ({@code dismissed_notices}): the chip of a finished execution stays away for them on
 * every page and after a reload, and stays for everyone else. A person can dismiss only a notice of an execution they
 * may see; dismissing twice changes nothing. Thread-safe.
 */
public final class DismissedNotices {
    private final DSLContext dsl;
    private final ExecutionQueries queries;
    private final InstantSource clock;

    public DismissedNotices(DSLContext dsl, ExecutionQueries queries, InstantSource clock) {
        this.dsl = dsl;
        this.queries = queries;
        this.clock = clock;
    }

    /** Dismisses the notice of one execution; false when the viewer may not see that execution (or it is unknown). */
    public boolean dismiss(Viewer viewer, long executionId) {
        boolean visible = dsl.fetchExists(dsl.selectOne()
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .where(EXECUTIONS.ID.eq(executionId))
                .and(ExecutionQueries.scope(viewer)));
        if (visible) {
            insert(viewer, List.of(executionId));
        }
        return visible;
    }

    /** Dismisses every notice the viewer has now. */
    public void dismissAll(Viewer viewer) {
        insert(
                viewer,
                queries.undismissed(viewer, 1000).stream().map(ExecutionRow::id).toList());
    }

    private void insert(Viewer viewer, List<Long> executionIds) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (long id : executionIds) {
            dsl.insertInto(DISMISSED_NOTICES)
                    .set(DISMISSED_NOTICES.PERSON_ID, viewer.personId())
                    .set(DISMISSED_NOTICES.EXECUTION_ID, id)
                    .set(DISMISSED_NOTICES.DISMISSED_AT, now)
                    .onConflictDoNothing()
                    .execute();
        }
    }
}
