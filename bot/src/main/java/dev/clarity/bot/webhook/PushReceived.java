package dev.clarity.bot.webhook;

import java.util.Optional;
import java.util.Set;

/**
 * {@code push}: a ref of a repository moved (or was deleted).
 *
 * @param repository {@code repository.full_name}, what the project is found by
 * @param ref the full ref, for example {@code refs/heads/main} or {@code refs/tags/v1}
 * @param after the commit the ref points to now (zeros for a deleted ref)
 * @param defaultBranch the repository's default branch, empty when the payload does not say
 * @param changedPaths every path the pushed commits added, modified or removed
 * @param pusher the login of the person (or bot) who pushed
 * @param byBot the push was sent by a bot
 */
public record PushReceived(
        String deliveryId,
        String repository,
        String ref,
        boolean deleted,
        String after,
        Optional<String> defaultBranch,
        Set<String> changedPaths,
        String pusher,
        boolean byBot)
        implements WebhookEvent {
    public PushReceived {
        changedPaths = Set.copyOf(changedPaths);
    }
}
