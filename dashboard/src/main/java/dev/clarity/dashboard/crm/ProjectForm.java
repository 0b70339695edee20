package dev.clarity.dashboard.crm;

import static dev.clarity.dashboard.crm.CustomerForm.trim;

import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project form checked: what was entered, with what the database says about it ({@link Facts}), becomes a
 * {@link Command} to save (empty fields given their defaults) or one message per field. Pure; the facts are read
 * before, the command saved after, by {@link ProjectStore}.
 */
public final class ProjectForm {
    private ProjectForm() {}

    /**
     * What the database says about the values entered.
     *
     * @param customerActive the customer chosen exists and is not archived
     * @param repositoryUsedBy the name of another project with the repository entered, if there is one
     * @param managerStaff the manager chosen (if any) is an admin or manager who is not archived
     */
    public record Facts(boolean customerActive, Optional<String> repositoryUsedBy, boolean managerStaff) {
        /** Facts of a form without a manager. */
        public Facts(boolean customerActive, Optional<String> repositoryUsedBy) {
            this(customerActive, repositoryUsedBy, true);
        }
    }

    /**
     * A project to save.
     *
     * @param installationId empty for a project not on GitHub
     * @param defaultTool empty for the routing's choice
     * @param managerId the person told of its executions by mail, if any
     */
    public record Command(
            long customerId,
            String name,
            String repository,
            String cloneUrl,
            Optional<Long> installationId,
            String defaultBranch,
            String taskListPath,
            String mergePolicy,
            Optional<String> defaultTool,
            Optional<Long> managerId) {
        /** A project without a manager. */
        public Command(
                long customerId,
                String name,
                String repository,
                String cloneUrl,
                Optional<Long> installationId,
                String defaultBranch,
                String taskListPath,
                String mergePolicy,
                Optional<String> defaultTool) {
            this(
                    customerId,
                    name,
                    repository,
                    cloneUrl,
                    installationId,
                    defaultBranch,
                    taskListPath,
                    mergePolicy,
                    defaultTool,
                    Optional.empty());
        }
    }

    /** The manager chosen, when the field holds an id. */
    public static Optional<Long> managerId(Map<String, String> form) {
        String manager = trim(form.get("manager_id"));
        return manager.matches("\\d{1,18}") ? Optional.of(Long.parseLong(manager)) : Optional.empty();
    }

    /** The customer chosen, when the field holds an id. */
    public static Optional<Long> customerId(Map<String, String> form) {
        String customer = trim(form.get("customer_id"));
        return customer.matches("\\d{1,18}") ? Optional.of(Long.parseLong(customer)) : Optional.empty();
    }

    /** The repository entered, trimmed. */
    public static String repository(Map<String, String> form) {
        return trim(form.get("repository"));
    }

    public static FormCheck<Command> check(Map<String, String> form, Facts facts) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Long> customerId = customerId(form);
        String name = trim(form.get("name"));
        String repository = repository(form);
        String cloneUrl = trim(form.get("clone_url"));
        String installation = trim(form.get("installation_id"));
        String branch = trim(form.get("default_branch"));
        String taskList = trim(form.get("task_list_path"));
        String merge = trim(form.get("merge_policy"));
        String tool = trim(form.get("default_tool"));
        String manager = trim(form.get("manager_id"));
        if (customerId.isEmpty() || !facts.customerActive()) {
            errors.put("customer_id", "Choose the customer this project belongs to.");
        }
        if (name.isEmpty()) {
            errors.put("name", "Name is required.");
        }
        if (repository.isEmpty()) {
            errors.put("repository", "Repository is required: owner/name on GitHub, or a local path or git URL.");
        } else if (repository.contains(" ")) {
            errors.put("repository", "Repository may not contain spaces.");
        } else {
            facts.repositoryUsedBy()
                    .ifPresent(other -> errors.put(
                            "repository",
                            "The repository " + repository + " already belongs to project " + other + "."));
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
        if (!manager.isEmpty() && (managerId(form).isEmpty() || !facts.managerStaff())) {
            errors.put("manager_id", "Manager is an admin or manager who is not archived, or empty.");
        }
        if (!errors.isEmpty()) {
            return new FormCheck.Invalid<>(errors);
        }
        return new FormCheck.Valid<>(new Command(
                customerId.orElseThrow(),
                name,
                repository,
                cloneUrl,
                installation.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(installation)),
                branch,
                taskList,
                merge,
                tool.isEmpty() ? Optional.empty() : Optional.of(tool),
                managerId(form)));
    }
}
