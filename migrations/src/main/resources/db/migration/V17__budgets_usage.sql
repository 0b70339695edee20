-- What AI tools used, what it cost, and the limits on it: the wall time of every step Clarity carried out, each model
-- request of a tool step (tokens and cost at the price table of the time), budgets per project, and provider keys
-- per customer or project (encrypted; only the last four characters are kept in clear, to show which key is set).

-- One row per step carried out, keyed by the step's idempotency key (execution, item, generation, step, attempt):
-- a step run again after a crash replaces its row instead of counting twice.
create table step_usage (
    step_key        varchar     primary key,
    execution_id    bigint      not null references executions (id),
    task_id         varchar     not null,
    step            varchar     not null,
    tool            varchar,
    wall_ms         bigint      not null default 0,
    recorded_at     timestamptz not null default now(),
    constraint step_usage_wall_check check (wall_ms >= 0)
);
create index step_usage_execution_idx on step_usage (execution_id, task_id);

-- One row per model request a tool step made, as the provider reported it. cost is in US dollars.
create table model_usage (
    step_key        varchar     not null,
    seq             integer     not null,
    execution_id    bigint      not null references executions (id),
    task_id         varchar     not null,
    tool            varchar,
    provider        varchar     not null,
    model           varchar     not null,
    input_tokens    bigint      not null,
    output_tokens   bigint      not null,
    cost            numeric(24, 12) not null,
    recorded_at     timestamptz not null default now(),
    constraint model_usage_pkey primary key (step_key, seq),
    constraint model_usage_tokens_check check (input_tokens >= 0 and output_tokens >= 0 and cost >= 0)
);
create index model_usage_execution_idx on model_usage (execution_id, task_id);
create index model_usage_recorded_idx on model_usage (recorded_at);

-- A project's budgets (null: no limit from the project); .clarity.yml may set its own, and the tighter one holds.
alter table projects add column budget_item_tokens bigint;
alter table projects add column budget_item_money numeric(14, 4);
alter table projects add column budget_item_seconds bigint;
alter table projects add column budget_execution_tokens bigint;
alter table projects add column budget_execution_money numeric(14, 4);
alter table projects add column budget_execution_seconds bigint;
alter table projects add constraint projects_budgets_positive_check check (budget_item_tokens > 0
    and budget_item_money > 0 and budget_item_seconds > 0 and budget_execution_tokens > 0
    and budget_execution_money > 0 and budget_execution_seconds > 0);

-- A provider key (or, for ollama, the server's URL) of one customer or one project, sealed with AES-GCM under
-- Clarity's secrets key: sealed is base64(nonce || ciphertext || tag). last4 is what the dashboard shows.
create table provider_keys (
    id              bigint      generated always as identity primary key,
    customer_id     bigint      references customers (id),
    project_id      bigint      references projects (id),
    provider        varchar     not null,
    sealed          varchar     not null,
    last4           varchar     not null,
    updated_by      varchar     not null,
    updated_at      timestamptz not null default now(),
    constraint provider_keys_provider_check check (provider in ('anthropic', 'openai', 'ollama')),
    constraint provider_keys_owner_check check ((customer_id is null and project_id is not null)
        or (customer_id is not null and project_id is null)),
    constraint provider_keys_customer_key unique (customer_id, provider),
    constraint provider_keys_project_key unique (project_id, provider)
);
