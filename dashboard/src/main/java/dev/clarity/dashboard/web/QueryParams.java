package dev.clarity.dashboard.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Collection;

/**
 * Typed reading of query parameters: a value that does not parse is a 400 naming the parameter and what it should
 * look like, never a parser's exception surfacing as a 500. An absent or blank parameter is null (or the default).
 */
public final class QueryParams {
    private QueryParams() {}

    /** A whole number from 1 to {@link Long#MAX_VALUE} (ids, sequence numbers), or null when absent. */
    public static Long optionalId(Context ctx, String name) {
        String s = ctx.queryParam(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse(
                name + " must be a whole number from 0 to " + Long.MAX_VALUE + ", got \"" + shorten(s) + "\".");
    }

    /** A page size: absent gives {@code dflt}; a number is kept between 1 and {@code max}; anything else is 400. */
    public static int limit(Context ctx, int dflt, int max) {
        Long l = optionalId(ctx, "limit");
        return l == null ? dflt : (int) Math.max(1, Math.min(max, l));
    }

    /** One of {@code allowed} (exactly as spelled there), or null when absent. */
    public static String optionalOneOf(Context ctx, String name, Collection<String> allowed) {
        String s = ctx.queryParam(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        if (!allowed.contains(s)) {
            throw new BadRequestResponse(
                    name + " must be one of " + String.join(", ", allowed) + ", got \"" + shorten(s) + "\".");
        }
        return s;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
