-- Campaigns: a subject and a text sent to a contact list, in batches at a set rate. Each contact gets one
-- recipient row (the primary key makes a second impossible), holding the key of its mail in mail_outbox (where its
-- delivery is tracked) and the SHA-256 of the random token in its unsubscribe link; or, when the address is on the
-- suppression list at the time of its batch, state 'suppressed' and no mail.
create table campaigns (
    id                  bigint generated always as identity primary key,
    list_id             bigint      not null references contact_lists (id),
    subject             varchar     not null,
    body                varchar     not null,
    state               varchar     not null default 'draft',
    send_at             timestamptz,
    per_minute          integer     not null default 60,
    cursor_contact_id   bigint      not null default 0,
    next_batch_at       timestamptz,
    created_by          varchar     not null,
    created_at          timestamptz not null default now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    constraint campaigns_state_check check (state in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
    constraint campaigns_rate_check check (per_minute between 1 and 10000),
    constraint campaigns_subject_not_blank check (length(trim(subject)) > 0),
    constraint campaigns_body_not_blank check (length(trim(body)) > 0)
);
create index campaigns_due_idx on campaigns (state, next_batch_at);

create table campaign_recipients (
    campaign_id         bigint      not null references campaigns (id),
    contact_id          bigint      not null references contacts (id),
    email               varchar     not null,
    state               varchar     not null,
    mail_key            varchar,
    unsubscribe_hash    varchar,
    at                  timestamptz not null default now(),
    constraint campaign_recipients_pkey primary key (campaign_id, contact_id),
    constraint campaign_recipients_state_check check (state in ('queued', 'suppressed')),
    constraint campaign_recipients_unsubscribe_key unique (unsubscribe_hash)
);
