-- GitHub writes that are not tied to a step (the progress comment, replies to commands, reactions), kept until
-- GitHub takes them. A row is deleted once written. `write_key` names what is written, so a newer write of the same
-- thing (the next progress update of an execution) replaces the pending one instead of queueing behind it;
-- `version` grows with each replacement, so a worker that wrote an older version leaves the newer one queued.
-- A worker claims a row (`claimed_by`, `claimed_until`) for the length of one attempt.
create table github_writes (
    id                  bigint generated always as identity primary key,
    write_key           varchar     not null,
    kind                varchar     not null,
    installation_id     bigint      not null,
    repository          varchar     not null,
    issue_number        integer,
    comment_id          bigint,
    execution_id        bigint      references executions (id),
    marker              varchar,
    body                varchar     not null,
    version             integer     not null default 1,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null,
    last_error          varchar,
    claimed_by          varchar,
    claimed_until       timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    constraint github_writes_key unique (write_key),
    constraint github_writes_kind_check check (kind in ('progress', 'reply', 'reaction')),
    constraint github_writes_attempts_check check (attempts >= 0)
);
create index github_writes_due_idx on github_writes (next_attempt_at, id);
