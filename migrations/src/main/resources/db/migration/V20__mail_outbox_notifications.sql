-- Mail that Clarity sends, queued in the same database as what it reports on, and sent by a worker over SMTP
-- (ADR 0033). The idempotency key is unique: queueing the same message twice keeps the first row. A worker claims a
-- due row by moving it to 'sending' with a lease (next_attempt_at = when the lease runs out); a row whose worker died
-- is claimed again only after that. Message-ID is derived from the key, so a message sent again is recognisable.
create table mail_outbox (
    id                  bigint      generated always as identity primary key,
    idempotency_key     varchar     not null,
    recipient           varchar     not null,
    subject             varchar     not null,
    html_body           varchar     not null,
    text_body           varchar     not null,
    -- extra headers, one "Name: value" per line (List-Unsubscribe, List-Unsubscribe-Post)
    headers             varchar     not null default '',
    state               varchar     not null default 'queued',
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null default now(),
    last_error          varchar,
    sent_at             timestamptz,
    created_at          timestamptz not null default now(),
    constraint mail_outbox_idempotency_key unique (idempotency_key),
    constraint mail_outbox_state_check check (state in ('queued', 'sending', 'sent', 'failed')),
    constraint mail_outbox_attempts_check check (attempts >= 0)
);
-- the worker reads due rows of the two waiting states in order
create index mail_outbox_due_idx on mail_outbox (state, next_attempt_at);

create table mail_attachments (
    mail_id         bigint      not null references mail_outbox (id) on delete cascade,
    position        integer     not null,
    filename        varchar     not null,
    content_type    varchar     not null,
    content         bytea       not null,
    constraint mail_attachments_pkey primary key (mail_id, position)
);

-- Who hears of executions by mail: never, at each event, or in one mail a day.
alter table people add column execution_mail varchar not null default 'each';
alter table people add constraint people_execution_mail_check check (execution_mail in ('off', 'each', 'daily'));

-- The person who manages a project: told by mail when its executions complete, pause or need someone.
alter table projects add column manager_id bigint references people (id);

-- Events waiting for a person's daily digest; digested_at is set when the digest mail is queued (same transaction).
create table mail_digest_items (
    person_id       bigint      not null references people (id),
    event_key       varchar     not null,
    execution_id    bigint      not null references executions (id),
    line            varchar     not null,
    link            varchar     not null,
    at              timestamptz not null,
    digested_at     timestamptz,
    constraint mail_digest_items_pkey primary key (person_id, event_key)
);
create index mail_digest_items_pending_idx on mail_digest_items (digested_at, person_id);
