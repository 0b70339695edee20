package dev.clarity.bot.webhook;

/**
 * {@code check_run.rerequested}: someone asked GitHub to run a check run again.
 *
 * @param repository {@code repository.full_name}, what the project is found by
 * @param externalId the id the check run's creator gave it (empty when it gave none); Clarity's are
 *     {@code <execution>/<task>}
 * @param requester the login of who asked
 */
public record CheckRunRequested(String deliveryId, String repository, String externalId, String requester)
        implements WebhookEvent {}
