-- A queued mail's bodies and extra headers may hold a link's token (a proposal's link, an unsubscribe link) whose
-- hash alone is kept elsewhere; from now on they are stored sealed with the installation's secrets key (AES-GCM,
-- bound to the mail's idempotency key) until they are sent, and blanked then (ADR 0033). Rows queued before this
-- migration stay as they were (sealed = false) and are sent as they are.
alter table mail_outbox add column sealed boolean not null default false;
