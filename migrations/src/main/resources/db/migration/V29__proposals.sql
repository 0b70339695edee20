-- Proposals a manager writes for a customer and the customer accepts or declines through a link. Every save keeps
-- a whole version (its content as JSON, its total and validity date beside it), so what a client saw is never
-- rewritten. A link holds only the SHA-256 of its random token; it expires at the end of the version's validity
-- date (hex in token_sha256), can be revoked, and is used up by an acceptance or a decline. Every view, acceptance, decline, sending and
-- revocation is an event with its time and the client's IP address.
create table proposals (
    id              bigint generated always as identity primary key,
    customer_id     bigint      not null references customers (id),
    project_id      bigint      references projects (id),
    title           varchar     not null,
    currency        char(3)     not null,
    state           varchar     not null default 'draft',
    latest_version  integer     not null,
    sent_version    integer,
    created_by      varchar     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    decided_at      timestamptz,
    constraint proposals_state_check check (state in ('draft', 'sent', 'accepted', 'declined')),
    constraint proposals_title_not_blank check (length(trim(title)) > 0),
    constraint proposals_currency_check check (currency ~ '^[A-Z]{3}$')
);
create index proposals_customer_idx on proposals (customer_id, id desc);

create table proposal_versions (
    proposal_id     bigint      not null references proposals (id),
    version         integer     not null,
    content         jsonb       not null,
    valid_until     date        not null,
    total           numeric(18, 2) not null,
    saved_by        varchar     not null,
    saved_at        timestamptz not null,
    constraint proposal_versions_pkey primary key (proposal_id, version),
    constraint proposal_versions_version_check check (version > 0)
);

create table proposal_links (
    id              bigint generated always as identity primary key,
    proposal_id     bigint      not null references proposals (id),
    version         integer     not null,
    token_sha256    varchar     not null,
    recipient       varchar     not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    used_at         timestamptz,
    created_by      varchar     not null,
    created_at      timestamptz not null,
    constraint proposal_links_token_key unique (token_sha256),
    constraint proposal_links_token_length check (token_sha256 ~ '^[0-9a-f]{64}$'),
    constraint proposal_links_version_fk foreign key (proposal_id, version)
        references proposal_versions (proposal_id, version)
);
create index proposal_links_proposal_idx on proposal_links (proposal_id);

create table proposal_events (
    id              bigint generated always as identity primary key,
    proposal_id     bigint      not null references proposals (id),
    link_id         bigint      references proposal_links (id),
    kind            varchar     not null,
    at              timestamptz not null,
    ip              varchar,
    name            varchar,
    comment         varchar,
    constraint proposal_events_kind_check check (kind in ('sent', 'viewed', 'accepted', 'declined', 'revoked'))
);
create index proposal_events_proposal_idx on proposal_events (proposal_id, at, id);
