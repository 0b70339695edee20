package dev.clarity.dashboard.web;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which pages may open the dashboard's WebSockets: those served from {@code CLARITY_PUBLIC_URL}'s origin when it is
 * set, otherwise from the origin the request itself was sent to (its {@code Host}). A browser sends the session
 * cookie with every WebSocket upgrade, whatever page opens it, so without this check any page (another site, or
 * another port of the same host) could read execution logs as the signed-in person. Scheme, host and port must
 * all match; the literal origin {@code null} (sandboxed frames, files) is refused. A request without an
 * {@code Origin} header does not come from a browser page and is left to the session check alone. Thread-safe.
 */
public final class AllowedOrigin {
    private final Optional<String> publicOrigin;

    public AllowedOrigin(Optional<URI> publicUrl) {
        this.publicOrigin = publicUrl.map(u -> normal(u.getScheme(), u.getHost(), u.getPort()));
    }

    /** True when the request has no {@code Origin} header or one that matches, as described above. */
    public boolean allows(Context ctx) {
        return allows(ctx.header("Origin"), ctx.header("Host"));
    }

    /** The same decision from the two header values (either may be null). */
    public boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        Optional<String> given = parse(origin);
        if (given.isEmpty()) {
            return false;
        }
        if (publicOrigin.isPresent()) {
            return publicOrigin.get().equals(given.get());
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        String scheme = given.get().substring(0, given.get().indexOf(':'));
        return parse(scheme + "://" + host.trim()).map(given.get()::equals).orElse(false);
    }

    private static Optional<String> parse(String origin) {
        try {
            URI u = new URI(origin.trim());
            String scheme = u.getScheme();
            if (scheme == null
                    || u.getHost() == null
                    || u.getRawUserInfo() != null
                    || !(u.getRawPath() == null || u.getRawPath().isEmpty())
                    || u.getRawQuery() != null
                    || u.getRawFragment() != null) {
                return Optional.empty();
            }
            String s = scheme.toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https")) {
                return Optional.empty();
            }
            return Optional.of(normal(s, u.getHost(), u.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code scheme://host:port} in lower case, with the scheme's default port spelled out. */
    private static String normal(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int p = port >= 0 ? port : (s.equals("https") ? 443 : 80);
        return s + "://" + host.toLowerCase(Locale.ROOT) + ":" + p;
    }
}
