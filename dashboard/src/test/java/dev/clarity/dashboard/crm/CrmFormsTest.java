package dev.clarity.dashboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.Role;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CRM forms' checks, without a database: what was entered, with what the database would say about it, becomes
 * one message per field or the command to save.
 */
class CrmFormsTest {
    private static final CustomerForm.Facts FREE_SLUG = new CustomerForm.Facts(Optional.empty());
    private static final ProjectForm.Facts ACTIVE_CUSTOMER = new ProjectForm.Facts(true, Optional.empty());
    private static final PersonForm.Facts NEW_PERSON = new PersonForm.Facts(false, true, Optional.empty());

    @Test
    void a_customer_form_with_bad_values_gets_one_message_per_field() {
        FormCheck<CustomerForm.Command> check =
                CustomerForm.check(Map.of("name", " ", "slug", "Acme!", "github_login", "a b"), FREE_SLUG);

        assertThat(check)
                .isEqualTo(new FormCheck.Invalid<CustomerForm.Command>(Map.of(
                        "name", "Name is required.",
                        "slug", "Slug may only contain lower-case letters, digits and dashes, for example acme-corp.",
                        "github_login", "GitHub login may only contain letters, digits and dashes (at most 39).")));
    }

    @Test
    void a_slug_another_customer_uses_is_refused_with_its_name() {
        assertThat(CustomerForm.check(
                        Map.of("name", "Other", "slug", "acme"), new CustomerForm.Facts(Optional.of("Acme Corp"))))
                .isEqualTo(new FormCheck.Invalid<CustomerForm.Command>(
                        Map.of("slug", "The slug \"acme\" is already used by Acme Corp.")));
    }

    @Test
    void a_valid_customer_form_is_a_command_with_the_slug_in_lower_case() {
        assertThat(CustomerForm.check(Map.of("name", " Initech ", "slug", " IniTech "), FREE_SLUG))
                .isEqualTo(new FormCheck.Valid<>(new CustomerForm.Command("Initech", "initech", Optional.empty())));
        assertThat(CustomerForm.slug(Map.of("slug", " IniTech "))).isEqualTo("initech");
    }

    @Test
    void a_project_form_shows_every_problem_at_once_those_the_database_knows_included() {
        FormCheck<ProjectForm.Command> check = ProjectForm.check(
                Map.of("customer_id", "", "name", "X", "repository", "initech/tps", "merge_policy", "sometimes"),
                new ProjectForm.Facts(false, Optional.of("TPS")));

        assertThat(check)
                .isEqualTo(new FormCheck.Invalid<ProjectForm.Command>(Map.of(
                        "customer_id", "Choose the customer this project belongs to.",
                        "repository", "The repository initech/tps already belongs to project TPS.",
                        "merge_policy", "Merge policy is one of stacked, auto or wait.")));
    }

    @Test
    void a_project_form_gets_its_defaults_and_its_numbers_read() {
        FormCheck<ProjectForm.Command> check = ProjectForm.check(
                Map.of(
                        "customer_id", "7",
                        "name", "TPS",
                        "repository", "initech/tps",
                        "installation_id", "957387",
                        "merge_policy", "auto",
                        "default_tool", ""),
                ACTIVE_CUSTOMER);

        assertThat(check)
                .isEqualTo(new FormCheck.Valid<>(new ProjectForm.Command(
                        7,
                        "TPS",
                        "initech/tps",
                        "https://github.com/initech/tps.git",
                        Optional.of(957387L),
                        "main",
                        "tasks_list.md",
                        "auto",
                        Optional.empty())));
    }

    @Test
    void a_project_form_refuses_paths_that_leave_the_repository_and_unknown_tools() {
        FormCheck<ProjectForm.Command> check = ProjectForm.check(
                Map.of(
                        "customer_id", "7",
                        "name", "TPS",
                        "repository", "/srv/git/tps",
                        "installation_id", "one",
                        "default_branch", "main..x",
                        "task_list_path", "/etc/passwd",
                        "merge_policy", "wait",
                        "default_tool", "vim"),
                ACTIVE_CUSTOMER);

        assertThat(check)
                .isEqualTo(new FormCheck.Invalid<ProjectForm.Command>(Map.of(
                        "installation_id", "Installation id is a number (from the GitHub App installation), or empty.",
                        "default_branch", "Default branch is not a valid git branch name.",
                        "task_list_path", "Task-list path is relative to the repository root, without \"..\".",
                        "default_tool", "Default tool is one of aider, claude, codex, ollama, command, or empty.")));
        assertThat(ProjectForm.customerId(Map.of("customer_id", "12345678901234567890")))
                .isEmpty();
    }

    @Test
    void only_an_admin_may_create_or_change_an_admin() {
        String onlyAdmins = "Only an admin may create or change an admin.";
        assertThat(PersonForm.check(Map.of("login", "sneaky", "role", "admin"), Role.MANAGER, NEW_PERSON))
                .isEqualTo(new FormCheck.Invalid<PersonForm.Command>(Map.of("role", onlyAdmins)));
        assertThat(PersonForm.check(
                        Map.of("login", "boss", "role", "manager"),
                        Role.MANAGER,
                        new PersonForm.Facts(false, false, Optional.of(Role.ADMIN))))
                .isEqualTo(new FormCheck.Invalid<PersonForm.Command>(Map.of("role", onlyAdmins)));
        assertThat(PersonForm.check(Map.of("login", "boss", "role", "admin"), Role.ADMIN, NEW_PERSON))
                .isInstanceOf(FormCheck.Valid.class);
    }

    @Test
    void a_client_belongs_to_a_customer_and_staff_to_none() {
        assertThat(PersonForm.check(
                        Map.of("login", "newclient", "role", "client"),
                        Role.MANAGER,
                        new PersonForm.Facts(false, false, Optional.empty())))
                .isEqualTo(new FormCheck.Invalid<PersonForm.Command>(
                        Map.of("customer_id", "A client belongs to a customer: choose one.")));
        assertThat(PersonForm.check(
                        Map.of("login", "newclient", "role", "client", "customer_id", "3", "email", "c@acme.test"),
                        Role.MANAGER,
                        NEW_PERSON))
                .isEqualTo(new FormCheck.Valid<>(new PersonForm.Command(
                        "newclient", Optional.empty(), Optional.of("c@acme.test"), Role.CLIENT, Optional.of(3L))));
        assertThat(PersonForm.check(
                        Map.of("login", "tom", "role", "team_member", "customer_id", "3"), Role.MANAGER, NEW_PERSON))
                .isEqualTo(new FormCheck.Valid<>(new PersonForm.Command(
                        "tom", Optional.empty(), Optional.empty(), Role.TEAM_MEMBER, Optional.empty())));
    }

    @Test
    void a_taken_login_a_bad_one_a_bad_email_and_an_unknown_role_are_each_named() {
        assertThat(PersonForm.check(
                        Map.of("login", "tom", "role", "team_member"),
                        Role.ADMIN,
                        new PersonForm.Facts(true, false, Optional.empty())))
                .isEqualTo(new FormCheck.Invalid<PersonForm.Command>(Map.of("login", "The login \"tom\" is taken.")));
        assertThat(PersonForm.check(Map.of("login", "-x", "email", "nope", "role", "boss"), Role.ADMIN, NEW_PERSON))
                .isEqualTo(new FormCheck.Invalid<PersonForm.Command>(Map.of(
                        "login",
                        "Login is 1 to 39 letters, digits, '.', '-' or '_', starting with a letter or digit.",
                        "email",
                        "Email does not look like an address (name@example.com).",
                        "role",
                        "Role is one of admin, manager, team_member or client.")));
    }

    @Test
    void an_invalid_form_is_not_saved() {
        FormCheck<CustomerForm.Command> invalid = CustomerForm.check(Map.of(), FREE_SLUG);
        assertThat(invalid.saveWith(c -> {
                    throw new AssertionError("saved " + c);
                }))
                .isInstanceOf(Saved.Invalid.class);
    }
}
