package dev.clarity.dashboard.crm;

import static dev.clarity.dashboard.crm.CustomerStore.trim;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.migrations.jooq.tables.records.ProjectsRecord;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Projects: validation and storage. Thread-safe. */
public final class ProjectStore {
    private final DSLContext dsl;
    private final InstantSource clock;

    public ProjectStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Projects with their customer's name; {@code customer} non-null narrows to one customer. */
    public List<ProjectView> list(Long customer, boolean includeArchived) {
        return dsl.select(PROJECTS.fields())
                .select(CUSTOMERS.NAME)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(customer == null ? DSL.noCondition() : PROJECTS.CUSTOMER_ID.eq(customer))
                .and(includeArchived ? DSL.noCondition() : PROJECTS.ARCHIVED_AT.isNull())
                .orderBy(PROJECTS.ARCHIVED_AT.isNotNull(), CUSTOMERS.NAME, PROJECTS.NAME)
                .fetch(r -> new ProjectView(r.into(PROJECTS), r.get(CUSTOMERS.NAME)));
    }

    public Optional<ProjectsRecord> find(long id) {
        return dsl.selectFrom(PROJECTS).where(PROJECTS.ID.eq(id)).fetchOptional();
    }

    public Saved save(Long id, Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String customer = trim(form.get("customer_id"));
        String name = trim(form.get("name"));
        String repository = trim(form.get("repository"));
        String cloneUrl = trim(form.get("clone_url"));
        String installation = trim(form.get("installation_id"));
        String branch = trim(form.get("default_branch"));
        String taskList = trim(form.get("task_list_path"));
        String merge = trim(form.get("merge_policy"));
        String tool = trim(form.get("default_tool"));
        Long customerId = null;
        if (!customer.matches("\\d{1,18}")
                || !dsl.fetchExists(
                        CUSTOMERS, CUSTOMERS.ID.eq(Long.parseLong(customer)).and(CUSTOMERS.ARCHIVED_AT.isNull()))) {
            errors.put("customer_id", "Choose the customer this project belongs to.");
        } else {
            customerId = Long.parseLong(customer);
        }
        if (name.isEmpty()) {
            errors.put("name", "Name is required.");
        }
        if (repository.isEmpty()) {
            errors.put("repository", "Repository is required: owner/name on GitHub, or a local path or git URL.");
        } else if (repository.contains(" ")) {
            errors.put("repository", "Repository may not contain spaces.");
        } else {
            dsl.selectFrom(PROJECTS)
                    .where(PROJECTS.REPOSITORY.eq(repository))
                    .and(id == null ? DSL.noCondition() : PROJECTS.ID.ne(id))
                    .fetchOptional()
                    .ifPresent(p -> errors.put(
                            "repository",
                            "The repository " + repository + " already belongs to project " + p.getName() + "."));
        }
        if (cloneUrl.isEmpty()) {
            cloneUrl = repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
                    ? "https://github.com/" + repository + ".git"
                    : repository;
        }
        if (!installation.isEmpty() && !installation.matches("\\d{1,18}")) {
            errors.put("installation_id", "Installation id is a number (from the GitHub App installation), or empty.");
        }
        if (branch.isEmpty()) {
            branch = "main";
        } else if (!branch.matches("[A-Za-z0-9._/-]+") || branch.contains("..")) {
            errors.put("default_branch", "Default branch is not a valid git branch name.");
        }
        if (taskList.isEmpty()) {
            taskList = "tasks_list.md";
        } else if (taskList.startsWith("/") || taskList.contains("..")) {
            errors.put("task_list_path", "Task-list path is relative to the repository root, without \"..\".");
        }
        if (MergePolicy.find(merge).isEmpty()) {
            errors.put("merge_policy", "Merge policy is one of " + MergePolicy.alternatives() + ".");
        }
        if (!tool.isEmpty() && Tool.find(tool).isEmpty()) {
            errors.put("default_tool", "Default tool is one of " + String.join(", ", Tool.spellings()) + ", or empty.");
        }
        if (!errors.isEmpty()) {
            return new Saved.Invalid(errors);
        }
        ProjectsRecord r = id == null ? dsl.newRecord(PROJECTS) : find(id).orElse(null);
        if (r == null) {
            return new Saved.Invalid(Map.of("name", "This project no longer exists."));
        }
        r.setCustomerId(customerId);
        r.setName(name);
        r.setRepository(repository);
        r.setCloneUrl(cloneUrl);
        r.setInstallationId(installation.isEmpty() ? null : Long.parseLong(installation));
        r.setDefaultBranch(branch);
        r.setTaskListPath(taskList);
        r.setMergePolicy(merge);
        r.setDefaultTool(tool.isEmpty() ? null : tool);
        r.setUpdatedAt(now());
        r.store();
        return new Saved.Stored(r.getId(), "Saved project " + name + ".");
    }

    public void archive(long id) {
        dsl.update(PROJECTS)
                .set(PROJECTS.ARCHIVED_AT, now())
                .where(PROJECTS.ID.eq(id))
                .and(PROJECTS.ARCHIVED_AT.isNull())
                .execute();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A project with its customer's name. */
    public record ProjectView(ProjectsRecord project, String customer) {}
}
