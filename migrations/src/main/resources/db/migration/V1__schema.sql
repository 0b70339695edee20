-- Clarity's schema. Flyway applies these files in order; jOOQ classes are generated from them at build
-- time (DDLDatabase), so this folder is the only source of the schema. Enumerations are CHECK constraints
-- so that a wrong value fails in the database, not only in Java. Strings are `varchar` without a length
-- (the same as `text` in PostgreSQL) because jOOQ's DDLDatabase simulates the schema in H2, where `text` is a
-- CLOB that cannot be indexed.

create table customers (
    id                  bigint generated always as identity primary key,
    name                varchar        not null,
    slug                varchar        not null,
    github_account_id   bigint,
    github_login        varchar,
    archived_at         timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint customers_slug_key unique (slug),
    constraint customers_github_account_key unique (github_account_id),
    constraint customers_name_not_blank check (length(trim(name)) > 0)
);

create table projects (
    id                      bigint generated always as identity primary key,
    customer_id             bigint      not null references customers (id),
    name                    varchar        not null,
    -- "owner/name" on GitHub, or a local path / git URL in local mode
    repository              varchar        not null,
    clone_url               varchar        not null,
    github_repository_id    bigint,
    installation_id         bigint,
    default_branch          varchar        not null default 'main',
    task_list_path          varchar        not null default 'tasks_list.md',
    merge_policy            varchar        not null default 'stacked',
    default_tool            varchar,
    archived_at             timestamptz,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint projects_repository_key unique (repository),
    constraint projects_github_repository_key unique (github_repository_id),
    constraint projects_merge_policy_check check (merge_policy in ('stacked', 'auto', 'wait')),
    constraint projects_default_tool_check check (default_tool in ('aider', 'claude', 'ollama', 'command'))
);
create index projects_customer_idx on projects (customer_id);
create index projects_installation_idx on projects (installation_id);

create table people (
    id              bigint generated always as identity primary key,
    login           varchar        not null,
    display_name    varchar,
    email           varchar,
    role            varchar        not null,
    customer_id     bigint      references customers (id),
    password_hash   varchar,
    archived_at     timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint people_login_key unique (login),
    constraint people_role_check check (role in ('admin', 'manager', 'team_member', 'client')),
    constraint people_client_has_customer check (role <> 'client' or customer_id is not null)
);
create index people_customer_idx on people (customer_id);

create table executions (
    id                  bigint generated always as identity primary key,
    project_id          bigint      not null references projects (id),
    badge               varchar        not null default 'QUEUED',
    current_task_id     varchar,
    current_step        varchar,
    stop_after          varchar,
    only_task           varchar,
    tool_override       varchar,
    merge_policy        varchar,
    trigger             varchar        not null,
    trigger_ref         varchar,
    requested_by        varchar,
    queue_reason        varchar,
    stop_requested      boolean     not null default false,
    lease_owner         varchar,
    lease_expires_at    timestamptz,
    runner_id           varchar,
    tasks_total         integer     not null default 0,
    tasks_done          integer     not null default 0,
    created_at          timestamptz not null default now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz not null default now(),
    error               varchar,
    constraint executions_badge_check check (badge in ('QUEUED', 'INITIALIZING', 'AUTONOMOUS', 'TASK-EXECUTING',
        'ERROR-SOLVING', 'BLOCKED', 'PAUSED', 'COMPLETED', 'STOPPED', 'FAILED')),
    constraint executions_step_check check (current_step in ('SELECT', 'PREP', 'IMPLEMENT', 'VERIFY', 'ERROR_SOLVE',
        'MERGE', 'PUSH', 'DONE', 'HUMAN_REVIEW', 'SKIPPED')),
    constraint executions_trigger_check check (trigger in ('comment', 'dashboard', 'cli', 'webhook', 'api')),
    constraint executions_merge_policy_check check (merge_policy in ('stacked', 'auto', 'wait')),
    constraint executions_tasks_count_check check (tasks_done >= 0 and tasks_total >= 0)
);
-- the grid and the scheduler read executions by badge in arrival order; history reads a project's newest first
create index executions_badge_created_idx on executions (badge, created_at, id);
create index executions_project_created_idx on executions (project_id, created_at desc, id desc);
create index executions_created_idx on executions (created_at desc, id desc);
create index executions_lease_idx on executions (lease_expires_at);

create table task_runs (
    id                  bigint generated always as identity primary key,
    execution_id        bigint      not null references executions (id),
    task_id             varchar        not null,
    title               varchar        not null,
    step                varchar        not null default 'SELECT',
    attempts            integer     not null default 0,
    tool                varchar,
    base_branch         varchar,
    branch              varchar,
    commit_sha          varchar,
    pr_number           integer,
    pr_url              varchar,
    check_run_id        bigint,
    artifacts_path      varchar,
    criteria_passed     integer     not null default 0,
    criteria_failed     integer     not null default 0,
    criteria_unchecked  integer     not null default 0,
    error_summary       varchar,
    started_at          timestamptz not null default now(),
    finished_at         timestamptz,
    updated_at          timestamptz not null default now(),
    constraint task_runs_execution_task_key unique (execution_id, task_id),
    constraint task_runs_step_check check (step in ('SELECT', 'PREP', 'IMPLEMENT', 'VERIFY', 'ERROR_SOLVE', 'MERGE',
        'PUSH', 'DONE', 'HUMAN_REVIEW', 'SKIPPED')),
    constraint task_runs_attempts_check check (attempts between 0 and 3),
    constraint task_runs_tool_check check (tool in ('aider', 'claude', 'ollama', 'command', 'none'))
);
create index task_runs_tool_idx on task_runs (tool, step);

-- Append-only: a row is never updated or deleted (a trigger refuses both). Each row's checksum is
-- sha256(previous row's checksum || this row's content), so an edited or missing row breaks the chain.
create table execution_events (
    execution_id    bigint      not null references executions (id),
    seq             bigint      not null,
    at              timestamptz not null default now(),
    kind            varchar        not null,
    task_id         varchar,
    step            varchar,
    severity        varchar        not null default 'info',
    message         varchar        not null,
    checksum        varchar        not null,
    constraint execution_events_pkey primary key (execution_id, seq),
    constraint execution_events_seq_check check (seq > 0),
    constraint execution_events_kind_check check (kind in ('log', 'step', 'badge', 'control', 'command', 'tool',
        'check', 'git', 'github', 'error')),
    constraint execution_events_severity_check check (severity in ('debug', 'info', 'warn', 'error'))
);

create table webhook_deliveries (
    delivery_id     varchar        primary key,
    event           varchar        not null,
    action          varchar,
    installation_id bigint,
    repository      varchar,
    received_at     timestamptz not null default now(),
    outcome         varchar        not null default 'accepted',
    detail          varchar,
    constraint webhook_deliveries_outcome_check check (outcome in ('accepted', 'ignored', 'processed', 'failed'))
);
create index webhook_deliveries_received_idx on webhook_deliveries (received_at desc);

create table idempotency (
    key         varchar        primary key,
    scope       varchar        not null,
    result      varchar        not null,
    created_at  timestamptz not null default now()
);

create table audit (
    id              bigint generated always as identity primary key,
    at              timestamptz not null default now(),
    actor           varchar        not null,
    action          varchar        not null,
    target_type     varchar        not null,
    target_id       varchar,
    execution_id    bigint      references executions (id),
    detail          varchar
);
create index audit_at_idx on audit (at desc, id desc);
create index audit_execution_idx on audit (execution_id);

-- [jooq ignore start]
create function execution_events_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'execution_events is append-only (% refused on execution %, seq %)', tg_op, old.execution_id, old.seq;
end;
$$;
create trigger execution_events_append_only
    before update or delete on execution_events
    for each row execute function execution_events_refuse_change();
-- [jooq ignore stop]
