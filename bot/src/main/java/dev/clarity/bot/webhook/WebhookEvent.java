package dev.clarity.bot.webhook;

/**
 * A webhook event Clarity handles, read from its delivery's payload once, by {@link WebhookEvents}, on the handler's
 * thread; handlers take these records and never walk the payload themselves.
 */
public sealed interface WebhookEvent
        permits IssueCommentCreated,
                PushReceived,
                PullRequestClosed,
                CheckRunRequested,
                InstallationChanged,
                PingReceived {
    /** The {@code X-GitHub-Delivery} id of the delivery it came in; it keys effects that must happen once. */
    String deliveryId();
}
