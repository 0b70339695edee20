-- Contact lists for campaigns, the contacts on them (one per email and list), the addresses that must never get a
-- campaign again (unsubscribed, bounced, complained; later imports respect it), and CSV uploads waiting for their
-- column mapping and dry run (kept in the database so any replica can carry the next step).

create table contact_lists (
    id              bigint generated always as identity primary key,
    name            varchar     not null,
    created_by      varchar     not null,
    created_at      timestamptz not null default now(),
    archived_at     timestamptz,
    constraint contact_lists_name_not_blank check (length(trim(name)) > 0)
);

-- email is stored lower-cased: deduplication is by address, whatever its case in the file.
create table contacts (
    id              bigint generated always as identity primary key,
    list_id         bigint      not null references contact_lists (id),
    email           varchar     not null,
    name            varchar,
    company         varchar,
    source          varchar     not null default 'import',
    created_at      timestamptz not null default now(),
    constraint contacts_list_email_key unique (list_id, email),
    constraint contacts_email_lower check (email = lower(email))
);
create index contacts_list_idx on contacts (list_id, id);

create table suppressions (
    email           varchar     primary key,
    reason          varchar     not null,
    at              timestamptz not null default now(),
    constraint suppressions_email_lower check (email = lower(email)),
    constraint suppressions_reason_check check (reason in ('unsubscribed', 'bounced', 'complained', 'manual'))
);

create table contact_imports (
    id              bigint generated always as identity primary key,
    list_id         bigint      not null references contact_lists (id),
    filename        varchar     not null,
    content         bytea       not null,
    created_by      varchar     not null,
    created_at      timestamptz not null default now(),
    imported_at     timestamptz,
    imported_rows   integer
);
create index contact_imports_list_idx on contact_imports (list_id, id desc);
