-- The payload of each delivery handed to a handler, kept until the handler has finished with it, so that a delivery
-- answered 202 by a process that died before handling it is handled again (GitHub does not redeliver what it got a
-- 2xx for). Ignored deliveries, most of them, store nothing here. A row is written in the same statement that
-- records the delivery, deleted when the delivery is processed, and kept when it failed (to re-run it by hand).
-- The process handling it holds a claim (`claimed_by`, `claimed_until`); a claim past its `until` belongs to a
-- process that is gone, and another process handles the delivery again. Apart from `webhook_deliveries`, so that
-- the outcome updates there stay on their page and that table needs no index for the replay.
create table webhook_payloads (
    delivery_id     varchar     primary key references webhook_deliveries (delivery_id) on delete cascade,
    payload         bytea       not null,
    claimed_by      varchar     not null,
    claimed_until   timestamptz not null
);
create index webhook_payloads_claim_idx on webhook_payloads (claimed_until);

-- What a command's first handling did, keyed by the request that asked for it (`comment/<comment id>`,
-- `delivery/<id>`), written in the same transaction as its effect: a second handling of the same request (a
-- replayed delivery, the same comment delivered twice) answers with `answer` and does nothing again.
create table command_effects (
    request_key             varchar     primary key,
    started_execution_id    bigint      references executions (id),
    answer                  varchar,
    created_at              timestamptz not null
);
