package dev.clarity.bot.outbox;

import static dev.clarity.migrations.jooq.Tables.GITHUB_COMMENTS;

import dev.clarity.bot.github.RepoRef;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code github_comments} table: the id of the comment each comment write ({@link PendingWrite#key()}) made, so
 * that later writes edit that comment by its id. Thread-safe.
 */
final class JooqCommentIds {
    private final DSLContext dsl;

    JooqCommentIds(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Long> find(String key) {
        return dsl.select(GITHUB_COMMENTS.COMMENT_ID)
                .from(GITHUB_COMMENTS)
                .where(GITHUB_COMMENTS.WRITE_KEY.eq(key))
                .fetchOptional(GITHUB_COMMENTS.COMMENT_ID);
    }

    /** Stores (or replaces) the comment of {@code key}. */
    void remember(String key, RepoRef repo, int issueNumber, long commentId, Instant now) {
        var c = GITHUB_COMMENTS;
        dsl.insertInto(c)
                .set(c.WRITE_KEY, key)
                .set(c.REPOSITORY, repo.fullName())
                .set(c.ISSUE_NUMBER, issueNumber)
                .set(c.COMMENT_ID, commentId)
                .set(c.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .onConflict(c.WRITE_KEY)
                .doUpdate()
                .set(c.COMMENT_ID, DSL.excluded(c.COMMENT_ID))
                .set(c.ISSUE_NUMBER, DSL.excluded(c.ISSUE_NUMBER))
                .set(c.REPOSITORY, DSL.excluded(c.REPOSITORY))
                .execute();
    }

    /** Forgets the comment of {@code key} if it is still {@code commentId} (GitHub says it is gone). */
    void forget(String key, long commentId) {
        dsl.deleteFrom(GITHUB_COMMENTS)
                .where(GITHUB_COMMENTS.WRITE_KEY.eq(key).and(GITHUB_COMMENTS.COMMENT_ID.eq(commentId)))
                .execute();
    }
}
