package dev.clarity.bot.webhook;

import org.jooq.exception.DataAccessException;

/**
 * What {@link DeliveryLog} needs to know about a failed write: whether a row's content caused it (then its round is
 * written again one row at a time) or the database itself (then it is not), and the database's sentence for it; and
 * how to make an outcome's detail text PostgreSQL stores.
 */
final class RowFailures {
    private RowFailures() {}

    /**
     * Whether the statement failed because of a row's content: SQLSTATE class 22 (data exception), 23 (integrity
     * constraint) or 54 (a limit, such as an index entry too large). Anything else is the database's own state.
     */
    static boolean causedByARow(RuntimeException e) {
        String state = e instanceof DataAccessException d ? d.sqlState() : null;
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** The server's own sentence from a failure's message (jOOQ puts the SQL first), at most 300 characters. */
    static String reason(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.lines().findFirst().orElse("");
        int error = message.indexOf("ERROR: ");
        if (error >= 0) {
            line = message.substring(error + 7).lines().findFirst().orElse(line);
        }
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    /**
     * A detail PostgreSQL stores: at most {@code limit} characters, not cut inside a surrogate pair, NULs replaced
     * (an exception's message may quote anything a payload held).
     */
    static String storable(String detail, int limit) {
        if (detail == null) {
            return null;
        }
        String text = detail;
        if (text.length() > limit) {
            int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
            text = text.substring(0, end);
        }
        return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }
}
