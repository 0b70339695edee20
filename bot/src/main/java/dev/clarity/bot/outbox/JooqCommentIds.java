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
 * that later writes edit that comment by its id, and the hash of the body last written there. Thread-safe.
 */
final class JooqCommentIds {
    private final DSLContext dsl;

    JooqCommentIds(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The comment a key made, and the hash of what was last written there. */
    record Stored(long commentId, String bodySha256) {
        boolean holds(String body) {
            return bodySha256.equals(sha256(body));
        }
    }

    Optional<Stored> find(String key) {
        return dsl.select(GITHUB_COMMENTS.COMMENT_ID, GITHUB_COMMENTS.BODY_SHA256)
                .from(GITHUB_COMMENTS)
                .where(GITHUB_COMMENTS.WRITE_KEY.eq(key))
                .fetchOptional(r -> new Stored(r.value1(), r.value2()));
    }

    /** Stores (or replaces) the comment of {@code key}, holding {@code body} now. */
    void remember(String key, RepoRef repo, int issueNumber, long commentId, String body, Instant now) {
        var c = GITHUB_COMMENTS;
        dsl.insertInto(c)
                .set(c.WRITE_KEY, key)
                .set(c.REPOSITORY, repo.fullName())
                .set(c.ISSUE_NUMBER, issueNumber)
                .set(c.COMMENT_ID, commentId)
                .set(c.BODY_SHA256, sha256(body))
                .set(c.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .onConflict(c.WRITE_KEY)
                .doUpdate()
                .set(c.COMMENT_ID, DSL.excluded(c.COMMENT_ID))
                .set(c.ISSUE_NUMBER, DSL.excluded(c.ISSUE_NUMBER))
                .set(c.REPOSITORY, DSL.excluded(c.REPOSITORY))
                .set(c.BODY_SHA256, DSL.excluded(c.BODY_SHA256))
                .execute();
    }

    static String sha256(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Forgets the comment of {@code key} if it is still {@code commentId} (GitHub says it is gone). */
    void forget(String key, long commentId) {
        dsl.deleteFrom(GITHUB_COMMENTS)
                .where(GITHUB_COMMENTS.WRITE_KEY.eq(key).and(GITHUB_COMMENTS.COMMENT_ID.eq(commentId)))
                .execute();
    }
}
