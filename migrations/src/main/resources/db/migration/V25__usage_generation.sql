-- The generation of the item each step ran in (task_runs.generation: a retry starts a new one). An item's budget
-- counts only its latest generation, so a retried item gets a fresh budget; the execution's budget and every total
-- shown still count all of them. Rows written before this column are read from their step key (e1/1.1/g2/STEP/0).
alter table step_usage add column generation integer not null default 0;
alter table model_usage add column generation integer not null default 0;
-- [jooq ignore start]
update step_usage set generation = substring(step_key from '/g([0-9]+)/')::integer where step_key ~ '/g[0-9]+/';
update model_usage set generation = substring(step_key from '/g([0-9]+)/')::integer where step_key ~ '/g[0-9]+/';
-- [jooq ignore stop]
