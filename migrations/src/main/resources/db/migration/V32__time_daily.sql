-- Seconds worked per project, person and day (UTC), kept by a trigger on time_records: the billable-hours report,
-- budget use and the projects' hours read these sums instead of scanning every time record (1,000,000 records made
-- the report take seconds). Deleted records never count; seconds is all time worked, billable_seconds the billable
-- records' time after rounding, unbilled_seconds the billable part no issued invoice billed.
create table time_daily (
    project_id          bigint      not null references projects (id),
    person_id           bigint      not null references people (id),
    day                 date        not null,
    seconds             bigint      not null default 0,
    billable_seconds    bigint      not null default 0,
    unbilled_seconds    bigint      not null default 0,
    constraint time_daily_pkey primary key (project_id, person_id, day)
);
create index time_daily_day_idx on time_daily (day, project_id);

-- [jooq ignore start]
create function time_daily_add(p_project bigint, p_person bigint, p_day date, p_worked bigint, p_seconds bigint,
        p_unbilled bigint)
    returns void language sql as $$
    insert into time_daily (project_id, person_id, day, seconds, billable_seconds, unbilled_seconds)
    values (p_project, p_person, p_day, p_worked, p_seconds, p_unbilled)
    on conflict (project_id, person_id, day) do update
        set seconds = time_daily.seconds + excluded.seconds,
            billable_seconds = time_daily.billable_seconds + excluded.billable_seconds,
            unbilled_seconds = time_daily.unbilled_seconds + excluded.unbilled_seconds
$$;

create function time_records_roll_up() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null then
        perform time_daily_add(old.project_id, old.person_id, (old.started_at at time zone 'UTC')::date,
            -old.seconds, case when old.billable then -old.billable_seconds else 0 end,
            case when old.billable and old.billed_invoice_id is null then -old.billable_seconds else 0 end);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
        perform time_daily_add(new.project_id, new.person_id, (new.started_at at time zone 'UTC')::date,
            new.seconds, case when new.billable then new.billable_seconds else 0 end,
            case when new.billable and new.billed_invoice_id is null then new.billable_seconds else 0 end);
    end if;
    return null;
end
$$;

create trigger time_records_roll_up after insert or update or delete on time_records
    for each row execute function time_records_roll_up();

insert into time_daily (project_id, person_id, day, seconds, billable_seconds, unbilled_seconds)
select project_id, person_id, (started_at at time zone 'UTC')::date, sum(seconds),
       sum(case when billable then billable_seconds else 0 end),
       sum(case when billable and billed_invoice_id is null then billable_seconds else 0 end)
from time_records
where deleted_at is null
group by 1, 2, 3;
-- [jooq ignore stop]
