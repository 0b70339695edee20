package dev.clarity.dashboard.executions;

import java.util.List;

/**
 * The chips at the top of every page: the newest notices the viewer has not dismissed, at most {@link #SHOWN}, and
 * how many more there are (those wait on the Notifications page), so finished executions never pile up.
 */
public record NoticeChips(List<ExecutionRow> rows, int more, String csrf) {
    /** The most chips a page shows. */
    public static final int SHOWN = 3;

    public NoticeChips {
        rows = List.copyOf(rows);
    }
}
