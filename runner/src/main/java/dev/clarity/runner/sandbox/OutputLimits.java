package dev.clarity.runner.sandbox;

/** Caps on what one step may print: lines kept (stdout and stderr together) and bytes per line. */
public record OutputLimits(int maxLines, int maxLineBytes) {
    public static final OutputLimits DEFAULT = new OutputLimits(20_000, 8_192);
}
