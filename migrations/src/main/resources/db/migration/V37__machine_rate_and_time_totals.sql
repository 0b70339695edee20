-- The price of machine time: per hour, in the organisation's base currency, with a per-project override (also in the
-- base currency). Null means not priced: an execution's machine-time cost line then has the amount 0.
alter table organisation_settings add column machine_rate numeric(18, 6);
alter table organisation_settings add constraint organisation_settings_machine_rate_check check (machine_rate >= 0);
alter table projects add column machine_rate numeric(18, 6);
alter table projects add constraint projects_machine_rate_check check (machine_rate >= 0);

-- An execution resumed after it ended ends again: what it used since is recorded as a further line of the same kind.
-- part numbers an execution's lines of one kind (1, 2, …); the unique key still stops one part being written twice.
alter table cost_lines add column part integer not null default 1;
drop index cost_lines_execution_kind_key;
create unique index cost_lines_execution_kind_part_key on cost_lines (execution_id, kind, part)
    where execution_id is not null;

-- All-time seconds per project and person, kept by the same trigger as time_daily: budget use and the projects' hours
-- read 1,000 rows here instead of summing a year of days (365,000 rows for 1,000 projects took the report page over
-- a second).
create table time_totals (
    project_id          bigint      not null references projects (id),
    person_id           bigint      not null references people (id),
    seconds             bigint      not null default 0,
    billable_seconds    bigint      not null default 0,
    constraint time_totals_pkey primary key (project_id, person_id)
);

-- [jooq ignore start]
create or replace function time_daily_add(p_project bigint, p_person bigint, p_day date, p_worked bigint,
        p_seconds bigint, p_unbilled bigint)
    returns void language sql as $$
    insert into time_daily (project_id, person_id, day, seconds, billable_seconds, unbilled_seconds)
    values (p_project, p_person, p_day, p_worked, p_seconds, p_unbilled)
    on conflict (project_id, person_id, day) do update
        set seconds = time_daily.seconds + excluded.seconds,
            billable_seconds = time_daily.billable_seconds + excluded.billable_seconds,
            unbilled_seconds = time_daily.unbilled_seconds + excluded.unbilled_seconds;
    insert into time_totals (project_id, person_id, seconds, billable_seconds)
    values (p_project, p_person, p_worked, p_seconds)
    on conflict (project_id, person_id) do update
        set seconds = time_totals.seconds + excluded.seconds,
            billable_seconds = time_totals.billable_seconds + excluded.billable_seconds;
$$;

insert into time_totals (project_id, person_id, seconds, billable_seconds)
select project_id, person_id, sum(seconds), sum(billable_seconds) from time_daily group by 1, 2;
-- [jooq ignore stop]
