package dev.clarity.bot.webhook;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;

import org.jooq.DSLContext;

/**
 * The {@code webhook_deliveries} table: the first insert of a delivery id wins, so a redelivery (same
 * {@code X-GitHub-Delivery}) is seen as such even when it reaches another replica. Thread-safe.
 */
public final class DeliveryLog {
    private static final int DETAIL_LIMIT = 2000;
    private final DSLContext db;

    public DeliveryLog(DSLContext db) {
        this.db = db;
    }

    /** Records the delivery; false when that id was already recorded (a redelivery). */
    public boolean recordFirst(Delivery delivery, String outcome) {
        long installation = delivery.installationId();
        return db.insertInto(WEBHOOK_DELIVERIES)
                        .set(WEBHOOK_DELIVERIES.DELIVERY_ID, delivery.id())
                        .set(WEBHOOK_DELIVERIES.EVENT, delivery.event())
                        .set(WEBHOOK_DELIVERIES.ACTION, delivery.action().orElse(null))
                        .set(WEBHOOK_DELIVERIES.INSTALLATION_ID, installation == 0 ? null : installation)
                        .set(WEBHOOK_DELIVERIES.REPOSITORY, delivery.repository())
                        .set(WEBHOOK_DELIVERIES.OUTCOME, outcome)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /**
     * Sets the final outcome ({@code processed} or {@code failed}) and a short detail. Committed without waiting for
     * the disk ({@code synchronous_commit off}): a crash may lose only this bookkeeping, leaving the row
     * {@code accepted}, never the delivery itself, which {@link #recordFirst} commits durably before GitHub is
     * answered.
     */
    public void finish(String deliveryId, String outcome, String detail) {
        db.transaction(tx -> finish(tx.dsl(), deliveryId, outcome, detail));
    }

    private static void finish(DSLContext db, String deliveryId, String outcome, String detail) {
        db.execute("set local synchronous_commit = off");
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.OUTCOME, outcome)
                .set(
                        WEBHOOK_DELIVERIES.DETAIL,
                        detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT))
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(deliveryId))
                .execute();
    }

    /** Removes a delivery that could not be handed off, so that GitHub's redelivery is processed. */
    public void forget(String deliveryId) {
        db.deleteFrom(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(deliveryId))
                .execute();
    }
}
