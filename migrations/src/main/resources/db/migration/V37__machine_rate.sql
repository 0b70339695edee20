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
