package dev.clarity.crm.quickbooks;

import java.net.URI;

/**
 * How Clarity reaches QuickBooks: the app's OAuth client (from the Intuit developer portal), the redirect URI
 * registered there (Clarity's {@code /settings/quickbooks/callback}), the webhook verifier token, the three base URLs
 * (production by default; the sandbox API or a fake in tests) and the QuickBooks item invoice lines are booked
 * against.
 */
public record QuickBooksSettings(
        String clientId,
        String clientSecret,
        URI redirectUri,
        String webhookVerifierToken,
        URI authorizeUrl,
        URI tokenUrl,
        URI apiBaseUrl,
        String itemId) {

    public static final URI AUTHORIZE = URI.create("https://appcenter.intuit.com/connect/oauth2");
    public static final URI TOKEN = URI.create("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
    public static final URI PRODUCTION = URI.create("https://quickbooks.api.intuit.com");
    public static final URI SANDBOX = URI.create("https://sandbox-quickbooks.api.intuit.com");

    /**
     * From {@code CLARITY_QUICKBOOKS_CLIENT_ID}, {@code _CLIENT_SECRET}, {@code _REDIRECT_URI},
     * {@code _VERIFIER_TOKEN}, {@code _ENVIRONMENT} ({@code production} or {@code sandbox}) and {@code _ITEM_ID}
     * (default 1); empty when no client id is set. A client id without the secret or the redirect URI is a
     * configuration error that names what is missing.
     */
    public static java.util.Optional<QuickBooksSettings> fromEnvironment(java.util.Map<String, String> env) {
        String id = env.getOrDefault("CLARITY_QUICKBOOKS_CLIENT_ID", "").strip();
        if (id.isEmpty()) {
            return java.util.Optional.empty();
        }
        for (String needed : java.util.List.of("CLARITY_QUICKBOOKS_CLIENT_SECRET", "CLARITY_QUICKBOOKS_REDIRECT_URI")) {
            if (env.getOrDefault(needed, "").isBlank()) {
                throw new IllegalArgumentException("CLARITY_QUICKBOOKS_CLIENT_ID is set but " + needed + " is not");
            }
        }
        String environment =
                env.getOrDefault("CLARITY_QUICKBOOKS_ENVIRONMENT", "production").strip();
        if (!environment.equals("production") && !environment.equals("sandbox")) {
            throw new IllegalArgumentException(
                    "CLARITY_QUICKBOOKS_ENVIRONMENT is production or sandbox, not " + environment);
        }
        return java.util.Optional.of(new QuickBooksSettings(
                id,
                env.get("CLARITY_QUICKBOOKS_CLIENT_SECRET").strip(),
                URI.create(env.get("CLARITY_QUICKBOOKS_REDIRECT_URI").strip()),
                env.getOrDefault("CLARITY_QUICKBOOKS_VERIFIER_TOKEN", "").strip(),
                AUTHORIZE,
                TOKEN,
                environment.equals("sandbox") ? SANDBOX : PRODUCTION,
                env.getOrDefault("CLARITY_QUICKBOOKS_ITEM_ID", "1").strip()));
    }

    /** Against a server that plays every part (a fake in tests): {@code /connect/oauth2}, token, API. */
    public static QuickBooksSettings at(
            String base, String clientId, String clientSecret, URI redirectUri, String verifier) {
        return new QuickBooksSettings(
                clientId,
                clientSecret,
                redirectUri,
                verifier,
                URI.create(base + "/connect/oauth2"),
                URI.create(base + "/oauth2/v1/tokens/bearer"),
                URI.create(base),
                "1");
    }
}
