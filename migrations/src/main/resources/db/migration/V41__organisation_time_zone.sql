-- The organisation's time zone (an IANA name such as Europe/Berlin): the calendar day a time record counts on in
-- time_daily and time_monthly, and so in reports, budgets and invoice periods, is the day it started in this zone.
-- Before, it was always the UTC day, so evening work in America or work after midnight in Europe counted on the
-- neighbouring day (and at a month's end in the neighbouring month). UTC stays the default: nothing moves until an
-- admin sets a zone, and setting one moves the records whose day changes in the daily and monthly sums in the same
-- transaction (time_days_move, with time_records locked against writers), so they never mix two zones.
alter table organisation_settings add column time_zone text not null default 'UTC';

-- [jooq ignore start]
create function organisation_time_zone() returns text language sql stable as $$
    select coalesce((select time_zone from organisation_settings where id = 1), 'UTC')
$$;

create or replace function time_records_roll_up() returns trigger language plpgsql as $$
declare
    zone text := organisation_time_zone();
begin
    if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null then
        perform time_daily_add(old.project_id, old.person_id, (old.started_at at time zone zone)::date,
            -old.seconds, case when old.billable then -old.billable_seconds else 0 end,
            case when old.billable and old.billed_invoice_id is null then -old.billable_seconds else 0 end);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
        perform time_daily_add(new.project_id, new.person_id, (new.started_at at time zone zone)::date,
            new.seconds, case when new.billable then new.billable_seconds else 0 end,
            case when new.billable and new.billed_invoice_id is null then new.billable_seconds else 0 end);
    end if;
    return null;
end
$$;

-- Moves the records whose day differs between the zone they were counted in (from_zone) and the zone now set: each
-- such record's seconds leave its old day and month and join its new ones, as net changes per project, person and
-- day (or month). Records whose day does not change (most: those not near midnight) are read once and not written.
-- time_totals has no day and stays. The caller locks time_records first (share mode), so no record changes between
-- the zone and the sums.
create function time_days_move(from_zone text) returns void language plpgsql as $$
declare
    to_zone text := organisation_time_zone();
begin
    create temporary table time_days_moved on commit drop as
    select project_id, person_id, day, sum(s)::bigint as s, sum(b)::bigint as b, sum(u)::bigint as u
    from (
        select project_id, person_id, d.day, d.sign * seconds as s,
               d.sign * case when billable then billable_seconds else 0 end as b,
               d.sign * case when billable and billed_invoice_id is null then billable_seconds else 0 end as u
        from time_records
        cross join lateral (values (-1, (started_at at time zone from_zone)::date),
                                   (1, (started_at at time zone to_zone)::date)) as d (sign, day)
        where deleted_at is null
          and (started_at at time zone from_zone)::date <> (started_at at time zone to_zone)::date
    ) moves
    group by 1, 2, 3;
    insert into time_daily (project_id, person_id, day, seconds, billable_seconds, unbilled_seconds)
    select project_id, person_id, day, s, b, u from time_days_moved
    on conflict (project_id, person_id, day) do update
        set seconds = time_daily.seconds + excluded.seconds,
            billable_seconds = time_daily.billable_seconds + excluded.billable_seconds,
            unbilled_seconds = time_daily.unbilled_seconds + excluded.unbilled_seconds;
    insert into time_monthly (project_id, person_id, month, seconds, billable_seconds, unbilled_seconds)
    select project_id, person_id, date_trunc('month', day)::date, sum(s), sum(b), sum(u) from time_days_moved
    group by 1, 2, 3
    on conflict (project_id, person_id, month) do update
        set seconds = time_monthly.seconds + excluded.seconds,
            billable_seconds = time_monthly.billable_seconds + excluded.billable_seconds,
            unbilled_seconds = time_monthly.unbilled_seconds + excluded.unbilled_seconds;
end
$$;
-- [jooq ignore stop]
