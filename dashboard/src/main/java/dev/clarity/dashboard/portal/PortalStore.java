package dev.clarity.dashboard.portal;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MESSAGES;
import static dev.clarity.migrations.jooq.Tables.PROPOSALS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_VERSIONS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.notify.ProjectMessageMails;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.portal.PortalPage.ExecutionLine;
import dev.clarity.dashboard.portal.PortalPage.InvoiceLine;
import dev.clarity.dashboard.portal.PortalPage.ProjectProgress;
import dev.clarity.dashboard.portal.PortalPage.ProposalLine;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Reads the portal of one customer and stores the messages clients leave on projects. Every read is bounded by the
 * customer id given by the caller (the client's own); the portal shows at most {@link #LIMIT} rows of each kind.
 */
public final class PortalStore {
    static final int LIMIT = 100;
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;
    private final Optional<ProjectMessageMails> mails;

    /** @param mails tells the managers of each message by mail; empty when the dashboard sends no mail */
    public PortalStore(DSLContext dsl, InstantSource clock, Optional<ProjectMessageMails> mails) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
        this.mails = mails;
    }

    public PortalPage page(long customer) {
        List<ProjectProgress> projects = dsl.select(PROJECTS.ID, PROJECTS.NAME)
                .from(PROJECTS)
                .where(PROJECTS.CUSTOMER_ID.eq(customer).and(PROJECTS.ARCHIVED_AT.isNull()))
                .orderBy(PROJECTS.NAME)
                .limit(LIMIT)
                .fetch(r -> progress(r.value1(), r.value2()));
        List<ProposalLine> proposals = dsl.select(
                        PROPOSALS.ID, PROPOSALS.TITLE, PROPOSALS.STATE, PROPOSAL_VERSIONS.TOTAL, PROPOSALS.CURRENCY)
                .from(PROPOSALS)
                .join(PROPOSAL_VERSIONS)
                .on(PROPOSAL_VERSIONS
                        .PROPOSAL_ID
                        .eq(PROPOSALS.ID)
                        .and(PROPOSAL_VERSIONS.VERSION.eq(PROPOSALS.LATEST_VERSION)))
                .where(PROPOSALS.CUSTOMER_ID.eq(customer))
                .orderBy(PROPOSALS.ID.desc())
                .limit(LIMIT)
                .fetch(r -> new ProposalLine(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        List<InvoiceLine> invoices = dsl.select(
                        INVOICES.ID,
                        INVOICES.NUMBER,
                        INVOICES.STATE,
                        INVOICES.ISSUED_ON,
                        INVOICES.TOTAL,
                        INVOICES.CURRENCY)
                .from(INVOICES)
                .where(INVOICES.CUSTOMER_ID.eq(customer).and(INVOICES.STATE.ne("draft")))
                .orderBy(INVOICES.ID.desc())
                .limit(LIMIT)
                .fetch(r -> new InvoiceLine(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
        return new PortalPage(projects, proposals, invoices);
    }

    private ProjectProgress progress(long project, String name) {
        List<ExecutionLine> executions = dsl.select(EXECUTIONS.ID, EXECUTIONS.BADGE)
                .from(EXECUTIONS)
                .where(EXECUTIONS.PROJECT_ID.eq(project))
                .orderBy(EXECUTIONS.ID.desc())
                .limit(LIMIT)
                .fetch(r -> new ExecutionLine(r.value1(), r.value2()));
        int done = dsl.fetchCount(dsl.selectOne()
                .from(TASK_RUNS)
                .join(EXECUTIONS)
                .on(EXECUTIONS.ID.eq(TASK_RUNS.EXECUTION_ID))
                .where(EXECUTIONS.PROJECT_ID.eq(project).and(TASK_RUNS.STEP.eq("DONE"))));
        List<String> pulls = dsl.selectDistinct(TASK_RUNS.PR_URL)
                .from(TASK_RUNS)
                .join(EXECUTIONS)
                .on(EXECUTIONS.ID.eq(TASK_RUNS.EXECUTION_ID))
                .where(EXECUTIONS.PROJECT_ID.eq(project).and(TASK_RUNS.PR_URL.isNotNull()))
                .orderBy(TASK_RUNS.PR_URL)
                .limit(LIMIT)
                .fetch(TASK_RUNS.PR_URL);
        return new ProjectProgress(project, name, executions, done, pulls);
    }

    /** The project's name when it belongs to {@code customer}; empty for any other project, or none. */
    public Optional<String> projectOf(long customer, long project) {
        return dsl.select(PROJECTS.NAME)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(project).and(PROJECTS.CUSTOMER_ID.eq(customer)))
                .fetchOptional(PROJECTS.NAME);
    }

    /** The project's name when {@code viewer} reaches the project, for the managers' view of its messages. */
    public Optional<String> project(Viewer viewer, long project) {
        return dsl.select(PROJECTS.NAME)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(project))
                .and(CustomerAccess.reachedProjects(viewer, PROJECTS.ID, PROJECTS.CUSTOMER_ID))
                .fetchOptional(PROJECTS.NAME);
    }

    /**
     * Keeps a client's message on the project, audited ({@code project.message-left}, without the message's text), and
     * queues the managers' mails (when mail is sent at all), all in the same transaction.
     */
    public long leave(long project, long person, String body, String actor) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            long id = tx.insertInto(PROJECT_MESSAGES)
                    .set(PROJECT_MESSAGES.PROJECT_ID, project)
                    .set(PROJECT_MESSAGES.PERSON_ID, person)
                    .set(PROJECT_MESSAGES.BODY, body.strip())
                    .set(PROJECT_MESSAGES.CREATED_AT, now())
                    .returning(PROJECT_MESSAGES.ID)
                    .fetchOne(PROJECT_MESSAGES.ID);
            audit.write(tx, AuditEntry.of(actor, "project.message-left", "project", project, "message " + id));
            mails.ifPresent(m -> m.left(tx, id));
            return id;
        });
    }

    /** The project's messages, newest first; the unread ones are marked read as they are returned. */
    public List<ProjectMessage> readMessages(long project) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<ProjectMessage> messages = t.select(
                            PROJECT_MESSAGES.ID,
                            PEOPLE.LOGIN,
                            PROJECT_MESSAGES.BODY,
                            PROJECT_MESSAGES.CREATED_AT,
                            PROJECT_MESSAGES.READ_AT)
                    .from(PROJECT_MESSAGES)
                    .join(PEOPLE)
                    .on(PEOPLE.ID.eq(PROJECT_MESSAGES.PERSON_ID))
                    .where(PROJECT_MESSAGES.PROJECT_ID.eq(project))
                    .orderBy(PROJECT_MESSAGES.ID.desc())
                    .limit(LIMIT)
                    .fetch(r -> new ProjectMessage(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
            t.update(PROJECT_MESSAGES)
                    .set(PROJECT_MESSAGES.READ_AT, now())
                    .where(PROJECT_MESSAGES.PROJECT_ID.eq(project).and(PROJECT_MESSAGES.READ_AT.isNull()))
                    .execute();
            return messages;
        });
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
