-- The orchestrator's position inside an item, and what people decided about items.

alter table executions add column current_kind varchar;
alter table executions add column current_attempts integer not null default 0;
alter table executions add constraint executions_current_kind_check
    check (current_kind in ('LEAF', 'CHECK_A', 'CHECK_B', 'CHECK_C'));
alter table executions add constraint executions_current_attempts_check check (current_attempts between 0 and 3);

-- approved: a gate released; skipped: left undone on purpose; taken: a person works on the item (manual override).
create table execution_marks (
    execution_id    bigint      not null references executions (id),
    task_id         varchar     not null,
    mark            varchar     not null,
    marked_by       varchar     not null,
    marked_at       timestamptz not null default now(),
    constraint execution_marks_pkey primary key (execution_id, task_id, mark),
    constraint execution_marks_mark_check check (mark in ('approved', 'skipped', 'taken'))
);

-- a retry gives an item a fresh set of attempts: the generation keeps their idempotency keys apart
alter table task_runs add column generation integer not null default 0;

-- what the dashboard shows of the current item: its dependencies and criteria as SELECT found them (one per line)
alter table task_runs add column dependencies varchar;
alter table task_runs add column criteria varchar;
