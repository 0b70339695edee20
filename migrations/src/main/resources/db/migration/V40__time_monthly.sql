-- Seconds per project, person and calendar month (UTC), kept by the same trigger as time_daily and time_totals: the
-- billable-hours report reads the whole months of a period here (1,000 rows a month for 1,000 projects) and only the
-- partial first and last months from time_daily; a year read 365,000 daily rows before. Only time is summed, never
-- money: customers billed in another currency are still converted per day with that day's rate, read from time_daily,
-- because a rate can be corrected after the time was recorded (docs/adr/0039-report-speed.md).
-- month is the first day of the month.
create table time_monthly (
    project_id          bigint      not null references projects (id),
    person_id           bigint      not null references people (id),
    month               date        not null,
    seconds             bigint      not null default 0,
    billable_seconds    bigint      not null default 0,
    unbilled_seconds    bigint      not null default 0,
    constraint time_monthly_pkey primary key (project_id, person_id, month)
);
create index time_monthly_month_idx on time_monthly (month, project_id);

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
    insert into time_monthly (project_id, person_id, month, seconds, billable_seconds, unbilled_seconds)
    values (p_project, p_person, date_trunc('month', p_day)::date, p_worked, p_seconds, p_unbilled)
    on conflict (project_id, person_id, month) do update
        set seconds = time_monthly.seconds + excluded.seconds,
            billable_seconds = time_monthly.billable_seconds + excluded.billable_seconds,
            unbilled_seconds = time_monthly.unbilled_seconds + excluded.unbilled_seconds;
    insert into time_totals (project_id, person_id, seconds, billable_seconds)
    values (p_project, p_person, p_worked, p_seconds)
    on conflict (project_id, person_id) do update
        set seconds = time_totals.seconds + excluded.seconds,
            billable_seconds = time_totals.billable_seconds + excluded.billable_seconds;
$$;

insert into time_monthly (project_id, person_id, month, seconds, billable_seconds, unbilled_seconds)
select project_id, person_id, date_trunc('month', day)::date, sum(seconds), sum(billable_seconds),
       sum(unbilled_seconds)
from time_daily
group by 1, 2, 3;
-- [jooq ignore stop]
