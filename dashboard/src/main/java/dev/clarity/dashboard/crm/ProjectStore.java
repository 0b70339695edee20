package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.migrations.jooq.tables.records.ProjectsRecord;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Records;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * Projects: rows read as {@link Project} records, what the form's check needs to know, and saving a checked
 * {@link ProjectForm.Command}. Thread-safe.
 */
public final class ProjectStore {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public ProjectStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** The projects {@code viewer} reaches ({@link CustomerAccess}), with their customer's name, archived last. */
    public List<ProjectView> list(Viewer viewer) {
        return dsl.select(project(), CUSTOMERS.NAME)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(CustomerAccess.reachedProjects(viewer, PROJECTS.ID, PROJECTS.CUSTOMER_ID))
                .orderBy(PROJECTS.ARCHIVED_AT.isNotNull(), CUSTOMERS.NAME, PROJECTS.NAME)
                .fetch(Records.mapping(ProjectView::new));
    }

    /**
     * One keyset page of the active projects {@code viewer} reaches, by id after {@code after}: the reach and the page
     * are both in the SQL, so a page is never short because rows out of reach were dropped after reading.
     */
    public List<ProjectView> page(Viewer viewer, Long after, int limit) {
        return dsl.select(project(), CUSTOMERS.NAME)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(CustomerAccess.reachedProjects(viewer, PROJECTS.ID, PROJECTS.CUSTOMER_ID))
                .and(PROJECTS.ARCHIVED_AT.isNull())
                .and(after == null ? DSL.noCondition() : PROJECTS.ID.gt(after))
                .orderBy(PROJECTS.ID)
                .limit(limit)
                .fetch(Records.mapping(ProjectView::new));
    }

    /** Project {@code id} when it exists and {@code viewer} reaches it; otherwise absent. */
    public Optional<Project> find(Viewer viewer, long id) {
        return dsl.select(project())
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(id))
                .and(CustomerAccess.reachedProjects(viewer, PROJECTS.ID, PROJECTS.CUSTOMER_ID))
                .fetchOptional(Record1::value1);
    }

    /** A project's columns as one {@link Project}. */
    private static SelectField<Project> project() {
        return DSL.row(
                        PROJECTS.ID,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.INSTALLATION_ID,
                        PROJECTS.DEFAULT_BRANCH,
                        PROJECTS.TASK_LIST_PATH,
                        PROJECTS.MERGE_POLICY,
                        PROJECTS.DEFAULT_TOOL,
                        PROJECTS.ARCHIVED_AT,
                        PROJECTS.MANAGER_ID)
                .mapping(Project::new);
    }

    /** What {@link ProjectForm#check} needs to know of the database about a form for project {@code id}. */
    public ProjectForm.Facts facts(Viewer viewer, Long id, Map<String, String> form) {
        // a customer out of the viewer's reach is treated as absent: the form says "choose a customer"
        boolean customerActive = ProjectForm.customerId(form)
                .map(c -> dsl.fetchExists(
                        CUSTOMERS,
                        CUSTOMERS
                                .ID
                                .eq(c)
                                .and(CUSTOMERS.ARCHIVED_AT.isNull())
                                .and(CustomerAccess.reached(viewer, CUSTOMERS.ID))))
                .orElse(false);
        String repository = ProjectForm.repository(form);
        Optional<String> usedBy = repository.isEmpty()
                ? Optional.empty()
                : dsl.select(PROJECTS.NAME)
                        .from(PROJECTS)
                        .where(PROJECTS.REPOSITORY.eq(repository))
                        .and(id == null ? DSL.noCondition() : PROJECTS.ID.ne(id))
                        .fetchOptional(PROJECTS.NAME);
        boolean managerStaff = ProjectForm.managerId(form)
                .map(m -> dsl.fetchExists(
                        PEOPLE,
                        PEOPLE.ID.eq(m).and(PEOPLE.ROLE.in("admin", "manager")).and(PEOPLE.ARCHIVED_AT.isNull())))
                .orElse(true);
        return new ProjectForm.Facts(customerActive, usedBy, managerStaff);
    }

    /**
     * Creates the project ({@code id} null) or changes project {@code id}, audited in the same transaction. A new
     * project whose form names no manager gets its customer's manager (ADR 0038); a change keeps what the form says,
     * "none" included.
     */
    public Saved save(Long id, ProjectForm.Command project, String actor) {
        // the columns to write (a detached record sets only what it was given), for the insert and the update alike
        ProjectsRecord values = new ProjectsRecord();
        values.setCustomerId(project.customerId());
        values.setName(project.name());
        values.setRepository(project.repository());
        values.setCloneUrl(project.cloneUrl());
        values.setInstallationId(project.installationId().orElse(null));
        values.setDefaultBranch(project.defaultBranch());
        values.setTaskListPath(project.taskListPath());
        values.setMergePolicy(project.mergePolicy());
        values.setDefaultTool(project.defaultTool().orElse(null));
        values.setManagerId(project.managerId()
                .orElseGet(() -> id != null
                        ? null
                        : dsl.select(CUSTOMERS.MANAGER_ID)
                                .from(CUSTOMERS)
                                .where(CUSTOMERS.ID.eq(project.customerId()))
                                .fetchOne(CUSTOMERS.MANAGER_ID)));
        values.setUpdatedAt(now());
        String notice = "Saved project " + project.name() + ".";
        String detail = project.repository() + ", customer " + project.customerId();
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            if (id == null) {
                long created = tx.insertInto(PROJECTS)
                        .set(values)
                        .returning(PROJECTS.ID)
                        .fetchOne(PROJECTS.ID);
                audit.write(tx, AuditEntry.of(actor, "project.created", "project", created, detail));
                return new Saved.Stored(created, notice);
            }
            if (tx.update(PROJECTS).set(values).where(PROJECTS.ID.eq(id)).execute() == 0) {
                return new Saved.Invalid(Map.of("name", "This project no longer exists."));
            }
            audit.write(tx, AuditEntry.of(actor, "project.edited", "project", id, detail));
            return new Saved.Stored(id, notice);
        });
    }

    /** Archives the project, audited ({@code project.archived}) in the same transaction; archiving twice is a no-op. */
    public void archive(long id, String actor) {
        dsl.transaction(cfg -> {
            if (cfg.dsl()
                            .update(PROJECTS)
                            .set(PROJECTS.ARCHIVED_AT, now())
                            .where(PROJECTS.ID.eq(id))
                            .and(PROJECTS.ARCHIVED_AT.isNull())
                            .execute()
                    == 1) {
                audit.write(cfg.dsl(), AuditEntry.of(actor, "project.archived", "project", id, null));
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A project with its customer's name. */
    public record ProjectView(Project project, String customer) {}
}
