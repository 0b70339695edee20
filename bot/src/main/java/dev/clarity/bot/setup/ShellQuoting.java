package dev.clarity.bot.setup;

/**
 * Quotes a value for a POSIX shell ({@code sh}, {@code bash}, {@code dash}): the whole value in single quotes, each
 * single quote written as {@code '\''}. Inside single quotes a shell expands nothing ({@code $(…)}, backticks,
 * {@code $VAR}, backslashes and line breaks stay as they are), so sourcing a file of {@code NAME='value'} lines
 * runs nothing, whatever the value holds.
 */
final class ShellQuoting {
    private ShellQuoting() {}

    static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell variable cannot hold a NUL character");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
