package dev.clarity.bot.render;

import java.util.List;

/** Report records shared by the renderer tests and the scenario tests. */
public final class RenderersFixtures {
    public static final TaskReport LOGIN = new TaskReport(
            7,
            "2.3",
            "Add the login form",
            "A visitor can sign in with e-mail and password.",
            List.of(
                    new CriterionResult(
                            "A",
                            "Form posts to /login | with CSRF token",
                            Verdict.PASSED,
                            "http 200 in 41 ms",
                            null,
                            0),
                    new CriterionResult(
                            "B",
                            "Unit tests pass",
                            Verdict.FAILED,
                            "LoginTest.rejects_wrong_password:\nexpected 401 but was 200",
                            "src/test/java/LoginTest.java",
                            42),
                    new CriterionResult(
                            "C", "The form looks right on a phone", Verdict.NOT_MACHINE_CHECKED, null, null, 0)),
            2,
            "aider",
            "task/2.3-add-the-login-form",
            "https://github.com/acme/shop/tree/task/2.3-add-the-login-form/artifacts/2.3");

    public static final List<TaskLine> TREE = List.of(
            new TaskLine("1", "Project skeleton", TaskStatus.DONE, 0),
            new TaskLine("2", "Accounts", TaskStatus.RUNNING, 0),
            new TaskLine("2.1", "User table", TaskStatus.DONE, 1),
            new TaskLine("2.2", "Password hashing", TaskStatus.SKIPPED, 1),
            new TaskLine("2.3", "Add the login form", TaskStatus.RUNNING, 1),
            new TaskLine("3", "Checkout", TaskStatus.TODO, 0));

    private RenderersFixtures() {}
}
