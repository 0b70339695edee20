package dev.clarity.runner.checks;

/**
 * Text for {@link java.util.regex.Matcher} that counts every character the matcher reads and stops the match once a
 * budget is spent, by throwing {@link BudgetSpent} out of {@link #charAt}. Java's matcher cannot be interrupted, and
 * a pattern like {@code (a+)+$} backtracks exponentially, re-reading the same characters; every backtracking step
 * reads a character, so the number of reads bounds the work. One budget may be shared by several texts (the lines of
 * one file). Not thread-safe: one per search.
 */
final class BudgetedText implements CharSequence {
    private final String text;
    private final Budget budget;

    BudgetedText(String text, Budget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        budget.spend();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    /** How many character reads are left. */
    static final class Budget {
        private long left;

        Budget(long reads) {
            this.left = reads;
        }

        void spend() {
            if (--left < 0) {
                throw new BudgetSpent();
            }
        }
    }

    /** The budget ran out; carries no stack trace (it is an expected outcome, caught by the caller). */
    static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super("the regular expression read more characters than its budget allows", null, false, false);
        }
    }
}
