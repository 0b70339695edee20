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

    /** A task title written to do harm: a team mention, an image, Clarity's own marker, a closing tag, a pipe. */
    public static final String HOSTILE_TITLE =
            "Fix @org/team ![x](http://evil/p.png) <!-- clarity:progress:1 --> </details> | a";

    /** A task whose every field from the task list or a tool is hostile. */
    public static final TaskReport HOSTILE = new TaskReport(
            7,
            "2.4",
            HOSTILE_TITLE,
            "Closes #1.\n# Not a heading\n<img src=\"http://evil/q.png\">\n- [x] not a list",
            List.of(
                    new CriterionResult(
                            "k|ey`",
                            HOSTILE_TITLE,
                            Verdict.FAILED,
                            "expected @ana\n| got | `x` <b>",
                            "src/a|b.java",
                            3),
                    new CriterionResult(
                            "prose", "Looks right to @org/team", Verdict.NOT_MACHINE_CHECKED, null, null, 0)),
            1,
            "aider`x",
            "task/2.4-fix-org-team-x-http-evil-p-png-clarity-progress-1-details-a",
            "https://github.com/acme/shop/tree/task/2.4-fix-org-team-x-http-evil-p-png-clarity-progress-1-details-a"
                    + "/artifacts/2.4");

    private RenderersFixtures() {}
}
