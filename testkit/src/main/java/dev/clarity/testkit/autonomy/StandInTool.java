package dev.clarity.testkit.autonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue of stand-in AI tools: each a shell script (a resource beside this class) that the sandbox runs as the
 * repository's {@code command} tool, with the verdict Clarity must reach on a task leaf of a {@link SampleProject}.
 * Every script first prints {@link #RUN_MARKER} with the task id and attempt ({@code CLARITY_ATTEMPT}: 0 for
 * IMPLEMENT, 1 to 3 for the repairs), which is how a run counts its tool runs; work done means {@code src/<id>.txt}
 * holding {@code ok}.
 */
public enum StandInTool {
    DOES_THE_WORK("does-the-work", true, Expectation.completed(1)),
    SECOND_REPAIR("second-repair", true, Expectation.completed(3)),
    THIRD_REPAIR("third-repair", true, Expectation.completed(4)),
    NEVER_SUCCEEDS("never-succeeds", false, Expectation.failsEveryAttempt("")),
    CHANGES_NOTHING("changes-nothing", false, Expectation.failsEveryAttempt("changes nothing")),
    EDITS_TASK_LIST("edits-task-list", false, Expectation.heldForApproval(SampleProject.TASK_LIST)),
    MARKS_DONE_ITSELF("marks-done-itself", false, Expectation.heldForApproval(SampleProject.TASK_LIST)),
    EDITS_CHECK_SCRIPT("edits-check-script", false, Expectation.heldForApproval(SampleProject.CHECK_SCRIPT)),
    EDITS_CONFIG("edits-config", false, Expectation.heldForApproval(SampleProject.CONFIG)),
    EDITS_A_TEST("edits-a-test", false, Expectation.heldForApproval(SampleProject.NAMED_TEST)),
    DELETES_A_TEST("deletes-a-test", false, Expectation.failsEveryAttempt(SampleProject.UNNAMED_TEST)),
    HANGS("hangs", false, Expectation.failsEveryAttempt(""), Duration.ofSeconds(3)),
    FLOODS_OUTPUT("floods-output", true, Expectation.completed(1)),
    PRINTS_SECRETS("prints-secrets", true, Expectation.completed(1)),
    ADDS_A_CREDENTIAL("adds-a-credential", false, Expectation.heldForApproval("deploy.env")),
    WRITES_OUTSIDE("writes-outside", true, Expectation.completed(1)),
    OPENS_NETWORK("opens-network", true, Expectation.completed(1));

    /** The first line every script prints, followed by the task id, " attempt " and the attempt number. */
    public static final String RUN_MARKER = "stand-in tool run: ";

    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z0-9_]+)@");

    private final String slug;
    private final boolean canDoTheWork;
    private final Expectation expectation;
    private final Duration stepTimeout;

    StandInTool(String slug, boolean canDoTheWork, Expectation expectation) {
        this(slug, canDoTheWork, expectation, Duration.ofSeconds(120));
    }

    StandInTool(String slug, boolean canDoTheWork, Expectation expectation, Duration stepTimeout) {
        this.slug = slug;
        this.canDoTheWork = canDoTheWork;
        this.expectation = expectation;
        this.stepTimeout = stepTimeout;
    }

    /** The script's name without {@code .sh}, used in repository names and reports. */
    public String slug() {
        return slug;
    }

    /**
     * Whether the tool does an item's work legitimately (whatever else it tries, the sandbox stops): when it does
     * not, every ✅ on an item it worked on is a false ✅.
     */
    public boolean canDoTheWork() {
        return canDoTheWork;
    }

    public Expectation expectation() {
        return expectation;
    }

    /**
     * The {@code sandbox.timeout} of a repository with this tool: short for the tool that hangs, far above what any
     * other script needs.
     */
    public Duration stepTimeout() {
        return stepTimeout;
    }

    /**
     * The script with its placeholders ({@code @NAME@}) replaced from {@code values}; a placeholder without a value
     * is an error naming it, so a script never runs half-configured.
     */
    public String script(Map<String, String> values) {
        String text = resource(slug + ".sh");
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "the stand-in tool " + slug + " needs a value for @" + m.group(1) + "@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = StandInTool.class.getResourceAsStream("tools/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the stand-in tool script tools/" + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the stand-in tool script " + name, e);
        }
    }
}
