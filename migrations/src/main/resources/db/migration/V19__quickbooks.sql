-- QuickBooks Online: the organisation's connection (tokens sealed with AES-GCM, never in clear), the OAuth states
-- waiting for their callback, the outbox of documents to send (drained by a worker with retries, each row with the
-- requestid QuickBooks deduplicates on), and the webhook notifications already applied (a duplicate is harmless).

-- At most one connection: the organisation's company (realm). Access tokens live an hour, refresh tokens 100 days.
create table quickbooks_connections (
    id                      integer     primary key default 1,
    realm_id                varchar     not null,
    access_token_sealed     varchar     not null,
    refresh_token_sealed    varchar     not null,
    access_expires_at       timestamptz not null,
    refresh_expires_at      timestamptz not null,
    connected_by            varchar     not null,
    connected_at            timestamptz not null,
    refreshed_at            timestamptz not null,
    constraint quickbooks_connections_single_row check (id = 1)
);

-- The state parameter of an authorization request: the callback must bring back one that exists and has not expired.
create table quickbooks_oauth_states (
    state                   varchar     primary key,
    created_by              varchar     not null,
    expires_at              timestamptz not null
);

alter table customers add column quickbooks_id varchar;

-- One row per document to send: a customer, an issued invoice, or a sales receipt (an invoice paid at once). The
-- request_id is fixed when the row is made, so a retry after a lost answer is the same request to QuickBooks.
create table quickbooks_outbox (
    id                  bigint generated always as identity primary key,
    kind                varchar     not null,
    target_id           bigint      not null,
    request_id          varchar     not null,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null,
    last_error          varchar,
    done_at             timestamptz,
    quickbooks_id       varchar,
    created_at          timestamptz not null,
    constraint quickbooks_outbox_kind_check check (kind in ('customer', 'invoice', 'sales_receipt')),
    constraint quickbooks_outbox_target_key unique (kind, target_id),
    constraint quickbooks_outbox_request_key unique (request_id),
    constraint quickbooks_outbox_attempts_check check (attempts >= 0)
);
create index quickbooks_outbox_due_idx on quickbooks_outbox (next_attempt_at, id) where done_at is null;

-- Webhook entities already applied, keyed by entity, id, operation and lastUpdated: QuickBooks may deliver twice.
create table quickbooks_webhook_events (
    event_key           varchar     primary key,
    received_at         timestamptz not null
);
