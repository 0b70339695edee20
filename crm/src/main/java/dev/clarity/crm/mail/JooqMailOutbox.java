package dev.clarity.crm.mail;

import static dev.clarity.migrations.jooq.Tables.MAIL_ATTACHMENTS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;

import dev.clarity.crm.secrets.SecretSealer;
import dev.clarity.migrations.jooq.tables.records.MailOutboxRecord;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox in PostgreSQL ({@code mail_outbox}, {@code mail_attachments}). Queueing joins the caller's transaction
 * when given its {@link DSLContext}, so a mail commits with what it reports. Claims lock due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so any number of workers in any number of processes share the queue without
 * taking the same row; a claimed row is {@code sending} under a lease of {@code lease}, and only a row whose lease
 * ran out (its worker died) is claimed again. Outcomes are recorded only by the claim that holds the row (same
 * attempt), so a worker that outlived its lease cannot overwrite a newer one's. Thread-safe.
 *
 * <p>Bodies and extra headers are stored sealed ({@link SecretSealer}, bound to the mail's idempotency key and the
 * column) from queueing until they are sent, then blanked: they may hold a link's token (a proposal's link, an
 * unsubscribe link) whose hash alone is kept elsewhere, so a copy of this table must not open them. They are opened
 * only by {@link #claim} (the worker, just before sending) and {@link #contents}. Recipient, subject and attachments
 * are kept in clear: they hold no token (a proposal's PDF is the proposal's text, which its own tables keep in clear).
 */
public final class JooqMailOutbox {
    private static final Logger log = LoggerFactory.getLogger(JooqMailOutbox.class);

    /** What a sent mail's bodies read afterwards (see {@link #delivered}). */
    static final String SENT_BODY = "(sent; the body is not kept)";

    private final DSLContext dsl;
    private final InstantSource clock;
    private final Duration lease;
    private final Backoff backoff;
    private final SecretSealer sealer;

    /** @param sealer seals bodies and headers at rest; every process sharing the database needs the same key */
    public JooqMailOutbox(DSLContext dsl, InstantSource clock, Duration lease, Backoff backoff, SecretSealer sealer) {
        this.dsl = dsl;
        this.clock = clock;
        this.lease = lease;
        this.backoff = backoff;
        this.sealer = sealer;
    }

    /** Queues {@code mail} in its own transaction; false when a mail with its key was queued before. */
    public boolean queue(OutgoingMail mail) {
        return dsl.transactionResult(tx -> queue(tx.dsl(), mail));
    }

    /** Queues {@code mail} inside the transaction of {@code tx}; false when a mail with its key was queued before. */
    public boolean queue(DSLContext tx, OutgoingMail mail) {
        OffsetDateTime now = now();
        Optional<Long> id = tx.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.IDEMPOTENCY_KEY, mail.idempotencyKey())
                .set(MAIL_OUTBOX.RECIPIENT, mail.to())
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.HTML_BODY, sealer.seal(mail.html(), context(mail.idempotencyKey(), "html")))
                .set(MAIL_OUTBOX.TEXT_BODY, sealer.seal(mail.text(), context(mail.idempotencyKey(), "text")))
                .set(
                        MAIL_OUTBOX.HEADERS,
                        sealer.seal(headerLines(mail.headers()), context(mail.idempotencyKey(), "headers")))
                .set(MAIL_OUTBOX.SEALED, true)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now)
                .set(MAIL_OUTBOX.CREATED_AT, now)
                .onConflict(MAIL_OUTBOX.IDEMPOTENCY_KEY)
                .doNothing()
                .returning(MAIL_OUTBOX.ID)
                .fetchOptional(MAIL_OUTBOX.ID);
        id.ifPresent(mailId -> {
            int position = 0;
            for (Attachment a : mail.attachments()) {
                tx.insertInto(MAIL_ATTACHMENTS)
                        .set(MAIL_ATTACHMENTS.MAIL_ID, mailId)
                        .set(MAIL_ATTACHMENTS.POSITION, position++)
                        .set(MAIL_ATTACHMENTS.FILENAME, a.filename())
                        .set(MAIL_ATTACHMENTS.CONTENT_TYPE, a.contentType())
                        .set(MAIL_ATTACHMENTS.CONTENT, a.content())
                        .execute();
            }
        });
        return id.isPresent();
    }

    /**
     * Claims up to {@code max} due rows (queued and due, or sending with an expired lease), oldest due first, and
     * marks them {@code sending} with one more attempt. Committed before anything is sent. A row whose sealed parts
     * do not open (the secrets key changed) cannot be sent by anyone: it is marked {@code failed} here, saying so.
     */
    public List<ClaimedMail> claim(int max) {
        return dsl.transactionResult(tx -> {
            DSLContext d = tx.dsl();
            OffsetDateTime now = now();
            List<MailOutboxRecord> due = d.selectFrom(MAIL_OUTBOX)
                    .where(MAIL_OUTBOX.STATE.in("queued", "sending"))
                    .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                    .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID)
                    .limit(max)
                    .forUpdate()
                    .skipLocked()
                    .fetch();
            List<ClaimedMail> claimed = new ArrayList<>();
            for (MailOutboxRecord r : due) {
                int attempt = r.getAttempts() + 1;
                OutgoingMail mail;
                try {
                    mail = mailOf(d, r);
                } catch (IllegalStateException unopened) {
                    String why = "its body does not open with this secrets key (was CLARITY_SECRETS_KEY or the key"
                            + " file changed, or is it set differently on another Clarity process?)";
                    log.warn("Mail {} is given up: {}", r.getIdempotencyKey(), why);
                    d.update(MAIL_OUTBOX)
                            .set(MAIL_OUTBOX.STATE, "failed")
                            .set(MAIL_OUTBOX.ATTEMPTS, attempt)
                            .set(MAIL_OUTBOX.LAST_ERROR, why)
                            .where(MAIL_OUTBOX.ID.eq(r.getId()))
                            .execute();
                    continue;
                }
                d.update(MAIL_OUTBOX)
                        .set(MAIL_OUTBOX.STATE, "sending")
                        .set(MAIL_OUTBOX.ATTEMPTS, attempt)
                        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now.plus(lease))
                        .where(MAIL_OUTBOX.ID.eq(r.getId()))
                        .execute();
                claimed.add(new ClaimedMail(r.getId(), attempt, mail));
            }
            return claimed;
        });
    }

    /**
     * The server accepted the claimed mail: it is never sent again. Its bodies and extra headers are not kept once
     * sent: they may hold a link's token (a proposal's link, an unsubscribe link) whose hash alone is stored elsewhere,
     * and a copy of this table must not open them. Recipient, subject, times and attachments stay as the record.
     */
    public void delivered(ClaimedMail claim) {
        dsl.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATE, "sent")
                .set(MAIL_OUTBOX.SENT_AT, now())
                .setNull(MAIL_OUTBOX.LAST_ERROR)
                .set(MAIL_OUTBOX.HTML_BODY, SENT_BODY)
                .set(MAIL_OUTBOX.TEXT_BODY, SENT_BODY)
                .set(MAIL_OUTBOX.HEADERS, "")
                .set(MAIL_OUTBOX.SEALED, false)
                .where(held(claim))
                .execute();
    }

    /**
     * The claimed mail was refused: queued again after the backoff, or {@code failed} for good when the refusal is
     * permanent or this was the last attempt. Returns whether it will be tried again.
     */
    public boolean refused(ClaimedMail claim, Delivery.Refused refusal) {
        boolean again = !refusal.permanent() && backoff.retriesAfter(claim.attempt());
        String error = refusal.reason().length() > 2000 ? refusal.reason().substring(0, 2000) : refusal.reason();
        dsl.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATE, again ? "queued" : "failed")
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, again ? now().plus(backoff.after(claim.attempt())) : now())
                .set(MAIL_OUTBOX.LAST_ERROR, error)
                .where(held(claim))
                .execute();
        return again;
    }

    /** The mail queued under {@code key}, if any. */
    public Optional<MailStatus> status(String key) {
        return dsl.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(key))
                .fetchOptional()
                .map(r -> new MailStatus(
                        r.getId(),
                        r.getIdempotencyKey(),
                        r.getState(),
                        r.getAttempts(),
                        r.getNextAttemptAt().toInstant(),
                        Optional.ofNullable(r.getLastError()),
                        Optional.ofNullable(r.getSentAt()).map(OffsetDateTime::toInstant)));
    }

    /**
     * The mail queued under {@code key} as it will be sent, its sealed parts opened (once sent, its bodies read
     * {@value #SENT_BODY}); for tests and for looking into a mail that went wrong.
     */
    public Optional<OutgoingMail> contents(String key) {
        return dsl.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(key))
                .fetchOptional()
                .map(r -> mailOf(dsl, r));
    }

    private org.jooq.Condition held(ClaimedMail claim) {
        return MAIL_OUTBOX
                .ID
                .eq(claim.id())
                .and(MAIL_OUTBOX.STATE.eq("sending"))
                .and(MAIL_OUTBOX.ATTEMPTS.eq(claim.attempt()));
    }

    /** The row's mail with its sealed parts opened; an {@link IllegalStateException} when they do not open. */
    private OutgoingMail mailOf(DSLContext d, MailOutboxRecord r) {
        List<Attachment> attachments = d.selectFrom(MAIL_ATTACHMENTS)
                .where(MAIL_ATTACHMENTS.MAIL_ID.eq(r.getId()))
                .orderBy(MAIL_ATTACHMENTS.POSITION)
                .fetch(a -> new Attachment(a.getFilename(), a.getContentType(), a.getContent()));
        return new OutgoingMail(
                r.getIdempotencyKey(),
                r.getRecipient(),
                r.getSubject(),
                opened(r, r.getHtmlBody(), "html"),
                opened(r, r.getTextBody(), "text"),
                headers(opened(r, r.getHeaders(), "headers")),
                attachments);
    }

    private String opened(MailOutboxRecord r, String value, String column) {
        return r.getSealed() ? sealer.open(value, context(r.getIdempotencyKey(), column)) : value;
    }

    /** What a sealed column is bound to: a value copied to another row or column does not open. */
    private static String context(String key, String column) {
        return "mail_outbox:" + key + ":" + column;
    }

    static String headerLines(Map<String, String> headers) {
        StringBuilder out = new StringBuilder();
        headers.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    static Map<String, String> headers(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
