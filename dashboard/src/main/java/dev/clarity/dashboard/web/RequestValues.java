package dev.clarity.dashboard.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one check every dashboard request passes before its values are used: no query or form parameter (name or
 * value) may hold a control character. PostgreSQL refuses a NUL in text (which used to surface as a 500 from
 * whichever query met it first), and no field of the dashboard has a use for the others. Form values may hold a
 * tab or a line break (multi-line text); query values may not. Called by {@link Guard#allow} for every guarded
 * route and by the sign-in routes, which are not guarded.
 */
public final class RequestValues {
    private RequestValues() {}

    /**
     * Throws a 400 naming the first parameter with a control character; {@code exempt} names parameters whose
     * handler sanitises them itself (the sign-in page's {@code next}) or never stores them (the password).
     */
    public static void check(Context ctx, Set<String> exempt) {
        checkAll(ctx.queryParamMap(), exempt, false);
        if (ctx.isFormUrlencoded() || ctx.isMultipartFormData()) {
            checkAll(ctx.formParamMap(), exempt, true);
        }
    }

    private static void checkAll(Map<String, List<String>> params, Set<String> exempt, boolean multiLine) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            int bad = firstControl(name, false);
            if (bad >= 0) {
                throw new BadRequestResponse("A parameter name holds the control character "
                        + codePoint(name.charAt(bad)) + "; send the request without it.");
            }
            if (exempt.contains(name)) {
                continue;
            }
            for (String value : e.getValue()) {
                int at = firstControl(value, multiLine);
                if (at >= 0) {
                    throw new BadRequestResponse("The parameter \"" + name + "\" holds the control character "
                            + codePoint(value.charAt(at)) + " at position " + (at + 1)
                            + "; send it without control characters.");
                }
            }
        }
    }

    /** The index of the first control character in {@code s}, or -1. */
    static int firstControl(String s, boolean multiLine) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
