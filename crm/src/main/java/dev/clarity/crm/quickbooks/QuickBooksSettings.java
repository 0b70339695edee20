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
