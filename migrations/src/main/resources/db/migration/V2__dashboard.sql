-- The dashboard's tables: sign-in sessions, failed sign-in records for throttling, API tokens; and the indexes
-- that keep the dashboard's lists and the JSON API fast with 10,000 executions and 1,000,000 events.

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy of this table does
-- not let anyone sign in. csrf_token is echoed in every form and checked on every POST of the session.
create table dashboard_sessions (
    token_hash      varchar     primary key,
    person_id       bigint      not null references people (id),
    csrf_token      varchar     not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null
);
create index dashboard_sessions_person_idx on dashboard_sessions (person_id);
create index dashboard_sessions_expires_idx on dashboard_sessions (expires_at);

-- Every sign-in attempt; the throttle counts recent failures per login and per address.
create table login_attempts (
    id              bigint      generated always as identity primary key,
    login           varchar     not null,
    remote_address  varchar     not null,
    at              timestamptz not null default now(),
    succeeded       boolean     not null
);
create index login_attempts_login_idx on login_attempts (login, at);
create index login_attempts_remote_idx on login_attempts (remote_address, at);

-- Bearer tokens for the JSON API; only the SHA-256 of the token is stored.
create table api_tokens (
    id              bigint      generated always as identity primary key,
    person_id       bigint      not null references people (id),
    name            varchar     not null,
    token_hash      varchar     not null,
    created_at      timestamptz not null default now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    constraint api_tokens_token_hash_key unique (token_hash)
);
create index api_tokens_person_idx on api_tokens (person_id);

-- History reads finished executions newest first; the API pages executions by id (keyset).
create index executions_finished_idx on executions (finished_at desc, id desc);
create index executions_updated_idx on executions (updated_at desc);
create index task_runs_execution_idx on task_runs (execution_id, started_at);
