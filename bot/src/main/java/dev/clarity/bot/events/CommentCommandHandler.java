package dev.clarity.bot.events;

import dev.clarity.bot.commands.Command;
import dev.clarity.bot.commands.CommandParser;
import dev.clarity.bot.commands.HelpText;
import dev.clarity.bot.github.Permission;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.markdown.Markdown;
import dev.clarity.bot.orchestrator.ports.IdempotentControls;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.outbox.PendingWrite;
import dev.clarity.bot.webhook.Delivery;
import dev.clarity.bot.webhook.EventHandler;
import dev.clarity.bot.webhook.IssueCommentCreated;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issue_comment.created}, as {@link IssueCommentCreated}: a {@code /clarity} command from a person with write, maintain or admin permission
 * is acknowledged with 👀 and carried out through {@link ExecutionControls}; the outcome is the reply. Others get
 * one polite refusal. Comments by bots, Clarity's own included, are ignored. A command has one reply: the outbox
 * stores the id of the comment it made and edits that comment when the command is answered again (a retried or
 * redelivered command); the reply's hidden marker only recovers the id after a crash, among the comments of
 * Clarity's own App. Words from the comment, the task list and the execution are escaped with
 * {@link Markdown}; only the command's author is mentioned. The reaction and the reply go through the outbox: when
 * GitHub does not take them, the command is still carried out and they are written later.
 *
 * <p>The same comment may be handled twice (its delivery handled again after a crash, or delivered twice): a command
 * with an effect is carried out through {@link IdempotentControls#once}, keyed by the comment, so a repeat starts no
 * second execution, grants no second set of attempts, and answers with the first handling's words (the reply, found
 * by its stored id, is then written with the same text). {@code status} and {@code help} change nothing and are simply
 * answered again.
 */
public final class CommentCommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommentCommandHandler.class);

    private final CommandParser parser;
    private final GitHubOutbox outbox;
    private final CommenterPermissions permissions;
    private final ProjectDirectory projects;
    private final IdempotentControls controls;
    private final java.time.InstantSource clock;

    public CommentCommandHandler(
            CommandParser parser,
            GitHubOutbox outbox,
            CommenterPermissions permissions,
            ProjectDirectory projects,
            IdempotentControls controls,
            java.time.InstantSource clock) {
        this.clock = clock;
        this.parser = parser;
        this.outbox = outbox;
        this.permissions = permissions;
        this.projects = projects;
        this.controls = controls;
    }

    /** The hidden marker of the reply to comment {@code commentId}. */
    public static String replyMarker(long commentId) {
        return "<!-- clarity:reply:" + commentId + " -->";
    }

    /**
     * Most comments are not commands: told from the body the delivery read in its single pass, on the HTTP thread,
     * so they are never handed off.
     */
    public boolean wants(Delivery delivery) {
        return parser.parse(delivery.commentBody().orElse("")).isPresent();
    }

    public void handle(IssueCommentCreated comment) {
        Optional<Command> command = parser.parse(comment.body());
        if (command.isEmpty()) {
            return;
        }
        if (comment.byBot()) {
            log.debug("Comment by a bot ignored");
            return;
        }
        long installationId = comment.installationId();
        RepoRef repo = RepoRef.parse(comment.repository().fullName());
        String login = comment.author();
        long commentId = comment.commentId();
        int issue = comment.issueNumber();
        long projectId = ensureProject(installationId, comment.repository());
        Permission permission = permissions.of(installationId, repo, login);
        if (!permission.mayRunCommands()) {
            log.info("Refused a command from {} ({} on {})", login, permission, repo);
            reply(
                    installationId,
                    repo,
                    issue,
                    commentId,
                    Markdown.mention(login) + ", thank you for your interest. Only people with "
                            + "write, maintain or admin permission on " + Markdown.inline(repo.fullName())
                            + " can run Clarity commands, and GitHub "
                            + "reports `" + permission.name().toLowerCase(java.util.Locale.ROOT)
                            + "` for you. Ask a maintainer to run it for you.");
            return;
        }
        outbox.submit(new PendingWrite.Reaction(installationId, repo, commentId, "eyes"));
        Actor actor = new Actor(login, "comment");
        String answer = answer(
                command.get(),
                // comment ids are unique across repositories: a rename between two handlings keeps the key
                "comment/" + commentId,
                projectId,
                repo,
                actor,
                "issue #" + issue + ", delivery " + comment.deliveryId());
        log.info("Command {} from {} on {}: {}", command.get().getClass().getSimpleName(), login, repo, answer);
        reply(installationId, repo, issue, commentId, Markdown.mention(login) + " " + answer);
    }

    private long ensureProject(long installationId, IssueCommentCreated.Repository repository) {
        long customer = projects.upsertCustomer(repository.ownerId(), repository.ownerLogin());
        return projects.upsertProject(
                customer,
                installationId,
                repository.id(),
                repository.fullName(),
                repository.defaultBranch().orElse(null));
    }

    private String answer(
            Command command, String requestKey, long projectId, RepoRef repo, Actor actor, String trigger) {
        return switch (command) {
            case Command.Help help -> HelpText.render(help);
            case Command.Status s ->
                controls.status(projectId)
                        .map(status -> StatusReply.text(status, repo, clock.instant()))
                        .or(() -> controls.currentExecution(projectId)
                                .map(id -> "Execution #" + id + " holds " + Markdown.inline(repo.fullName())
                                        + "; its progress comment shows where it is."))
                        .orElse("No execution is active on " + Markdown.inline(repo.fullName())
                                + ". Start one with `/clarity run`.");
            default -> {
                try {
                    yield controls.once(requestKey, c -> carryOut(command, projectId, repo, actor, trigger, c));
                } catch (IdempotentControls.NotNow e) {
                    // no reply: the command is carried out, and answered, by the next process
                    throw new EventHandler.Deferred("Clarity is shutting down; " + requestKey + " waits for the next"
                            + " start (" + e.getMessage() + ")");
                }
            }
        };
    }

    /** A command with an effect, carried out on {@code controls} (those of one request's transaction). */
    private static String carryOut(
            Command command, long projectId, RepoRef repo, Actor actor, String trigger, ExecutionControls controls) {
        return switch (command) {
            case Command.Run run ->
                text(controls.start(new StartRequest(
                        projectId,
                        actor,
                        run.stopAfter().orElse(null),
                        run.task().orElse(null),
                        run.tool().orElse(null),
                        null,
                        trigger)));
            default -> onCurrent(command, projectId, repo, actor, controls);
        };
    }

    private static String onCurrent(
            Command command, long projectId, RepoRef repo, Actor actor, ExecutionControls controls) {
        Optional<Long> current = controls.currentExecution(projectId);
        if (current.isEmpty()) {
            return "No execution is active on " + Markdown.inline(repo.fullName()) + ", so there is nothing to "
                    + verb(command)
                    + ". Start one with `/clarity run`.";
        }
        long id = current.get();
        ControlOutcome outcome = switch (command) {
            case Command.Stop s -> controls.stop(id, actor);
            case Command.StopAfter s -> controls.stopAfter(id, s.taskId(), actor);
            case Command.Resume r -> controls.resume(id, actor);
            case Command.Retry r -> controls.retry(id, r.taskId().orElse(null), actor);
            case Command.Skip s -> controls.skip(id, s.taskId(), actor);
            case Command.Approve a -> controls.approve(id, a.taskId(), actor);
            case Command.Run r -> throw new IllegalStateException("run is not applied to a current execution");
            case Command.Status s -> throw new IllegalStateException("status is not a control");
            case Command.Help h -> throw new IllegalStateException("help is not a control");
        };
        return text(outcome);
    }

    private static String verb(Command command) {
        return switch (command) {
            case Command.Stop s -> "stop";
            case Command.StopAfter s -> "stop";
            case Command.Resume r -> "resume";
            case Command.Retry r -> "retry";
            case Command.Skip s -> "skip";
            case Command.Approve a -> "approve";
            default -> "do";
        };
    }

    /** The controls answer in plain text (it names people, items and repositories): escaped, it notifies nobody. */
    private static String text(ControlOutcome outcome) {
        return switch (outcome) {
            case ControlOutcome.Accepted a -> Markdown.inline(a.message());
            case ControlOutcome.Refused r -> "Not done: " + Markdown.inline(r.message());
        };
    }

    /** Through the outbox: a reply GitHub does not take now is written later, once (then edited by its id). */
    private void reply(long installationId, RepoRef repo, int issue, long commentId, String text) {
        String marker = replyMarker(commentId);
        outbox.submit(
                new PendingWrite.Reply(installationId, repo, issue, commentId, marker, text.strip() + "\n\n" + marker));
    }
}
