package dev.clarity.testkit.autonomy;

/**
 * What a stand-in tool must lead to on a task leaf.
 *
 * @param verdict done, or held for a person
 * @param toolRunsPerLeaf how many times the tool runs on one leaf (IMPLEMENT and repairs): 1 + 3 for a leaf that
 *     keeps failing its checks, 1 for an attempt held at once
 * @param reasonMentions for a held item, words the reason given to the person must contain (a file name); empty
 *     when any reason will do
 */
public record Expectation(Verdict verdict, int toolRunsPerLeaf, String reasonMentions) {
    /** Every repair attempt Clarity makes after IMPLEMENT. */
    public static final int REPAIRS = 3;

    static Expectation completed(int toolRuns) {
        return new Expectation(Verdict.COMPLETED, toolRuns, "");
    }

    /** Fails its checks at every attempt: held after IMPLEMENT and every repair. */
    static Expectation failsEveryAttempt(String reasonMentions) {
        return new Expectation(Verdict.HELD, 1 + REPAIRS, reasonMentions);
    }

    /** Changes a protected file (or adds a credential): held for approval after that one attempt. */
    static Expectation heldForApproval(String reasonMentions) {
        return new Expectation(Verdict.HELD, 1, reasonMentions);
    }
}
