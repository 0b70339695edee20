package dev.clarity.bot.cli;

/** Exit codes shared by every command. */
public final class ExitCodes {
    public static final int OK = 0;
    /**
     * Nothing found or findings reported ({@code tasks next}, {@code tasks lint}, {@code tasks mark}), broken, or
     * refused ({@code init} over an existing file).
     */
    public static final int NONE = 1;
    /** Unreadable or invalid input, or a setting that stops start-up. */
    public static final int BAD_INPUT = 2;
    /** {@code run} stopped because a person is needed. */
    public static final int BLOCKED = 3;

    private ExitCodes() {}
}
