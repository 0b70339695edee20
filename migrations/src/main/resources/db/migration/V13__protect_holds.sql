-- An item held for a person's approval mid-way (issue 13): a tool changed protected files (the change is kept on the
-- runner until approved; approval continues at VERIFY), or its diff is risky (approval continues at MERGE). The row
-- survives a restart; approval marks it, and a risk approval is remembered by the diff's digest so the same diff is
-- not held again.
create table execution_holds (
    id            bigserial   primary key,
    execution_id  bigint      not null references executions (id),
    task_id       varchar     not null,
    kind          varchar     not null,
    resume_step   varchar     not null,
    attempts      integer     not null,
    files         varchar     not null,
    reason        varchar     not null,
    diff          varchar     not null,
    digest        varchar,
    held_at       timestamptz not null,
    approved_by   varchar,
    approved_at   timestamptz,
    released_at   timestamptz,
    dropped_at    timestamptz,
    constraint execution_holds_kind_check check (kind in ('protected', 'risk')),
    constraint execution_holds_resume_check check (resume_step in ('VERIFY', 'MERGE')),
    constraint execution_holds_attempts_check check (attempts between 0 and 3)
);

create index execution_holds_item on execution_holds (execution_id, task_id);
