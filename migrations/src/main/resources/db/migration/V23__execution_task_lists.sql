-- The task list as an execution last read it (at SELECT and after each push), so that the execution page can show
-- every item of the list with its status, not only the items the execution has started. One row per execution,
-- replaced on each read; kept apart from executions so the grid's queries never carry the list's text.
create table execution_task_lists (
    execution_id    bigint      primary key references executions (id),
    path            varchar     not null,
    content         varchar     not null,
    read_at         timestamptz not null default now()
);

-- The customer panel's GitHub status of each repository: its last delivery, and its installation's last
-- installation event (created, suspend, unsuspend, deleted), each found by one index probe.
create index webhook_deliveries_repository_idx on webhook_deliveries (repository, received_at desc);
create index webhook_deliveries_installation_idx on webhook_deliveries (installation_id, event, received_at desc);
