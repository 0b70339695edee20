package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;

import dev.clarity.vocabulary.Badge;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads each repository's GitHub status from what Clarity recorded: the webhook deliveries it received (the
 * installation's last {@code installation} event says active, suspended or removed), the project's default branch,
 * and whether its newest execution found the task list. A few index probes per project (V23); staff pages only.
 */
public final class GitHubStatuses {
    private final DSLContext dsl;

    public GitHubStatuses(DSLContext dsl) {
        this.dsl = dsl;
    }

    public RepositoryStatus of(Project p) {
        Record last = dsl.select(WEBHOOK_DELIVERIES.RECEIVED_AT, WEBHOOK_DELIVERIES.EVENT, WEBHOOK_DELIVERIES.ACTION)
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.REPOSITORY.eq(p.repository()))
                .orderBy(WEBHOOK_DELIVERIES.RECEIVED_AT.desc())
                .limit(1)
                .fetchOne();
        ListSeen list = taskList(p.id());
        return new RepositoryStatus(
                installation(p.installationId()),
                last == null ? null : last.get(WEBHOOK_DELIVERIES.RECEIVED_AT),
                last == null ? null : event(last),
                p.defaultBranch(),
                list.state(),
                list.detail());
    }

    private String installation(Long installationId) {
        if (installationId == null) {
            return "none";
        }
        String action = dsl.select(WEBHOOK_DELIVERIES.ACTION)
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.INSTALLATION_ID.eq(installationId))
                .and(WEBHOOK_DELIVERIES.EVENT.eq("installation"))
                .and(WEBHOOK_DELIVERIES.ACTION.in("created", "deleted", "suspend", "unsuspend"))
                .orderBy(WEBHOOK_DELIVERIES.RECEIVED_AT.desc())
                .limit(1)
                .fetchOne(WEBHOOK_DELIVERIES.ACTION);
        if ("suspend".equals(action)) {
            return "suspended";
        }
        return "deleted".equals(action) ? "removed" : "active";
    }

    private static String event(Record r) {
        String action = r.get(WEBHOOK_DELIVERIES.ACTION);
        return r.get(WEBHOOK_DELIVERIES.EVENT) + (action == null ? "" : "." + action);
    }

    /** Whether the newest execution of the project read the task list, and in a few words why not. */
    private ListSeen taskList(long projectId) {
        Record newest = dsl.select(EXECUTIONS.ID, EXECUTIONS.BADGE, EXECUTIONS.END_REASON, EXECUTION_TASK_LISTS.PATH)
                .from(EXECUTIONS)
                .leftJoin(EXECUTION_TASK_LISTS)
                .on(EXECUTION_TASK_LISTS.EXECUTION_ID.eq(EXECUTIONS.ID))
                .where(EXECUTIONS.PROJECT_ID.eq(projectId))
                .orderBy(EXECUTIONS.CREATED_AT.desc(), EXECUTIONS.ID.desc())
                .limit(1)
                .fetchOne();
        if (newest == null) {
            return new ListSeen("not checked yet", "no execution");
        }
        long id = newest.get(EXECUTIONS.ID);
        if (newest.get(EXECUTION_TASK_LISTS.PATH) != null) {
            return new ListSeen("found", newest.get(EXECUTION_TASK_LISTS.PATH) + ", execution #" + id);
        }
        boolean ended = Badge.find(newest.get(EXECUTIONS.BADGE))
                .map(b -> b.isTerminal() || b == Badge.STOPPED)
                .orElse(false);
        if (!ended) {
            return new ListSeen("not checked yet", "execution #" + id + " has not read it");
        }
        String reason = newest.get(EXECUTIONS.END_REASON);
        return new ListSeen("not found", "execution #" + id + (reason == null ? "" : ": " + reason));
    }

    /** What the newest execution found of the task list. */
    private record ListSeen(String state, String detail) {}
}
