-- A person who pushes to an item's task branch takes the item over: Clarity stops writing to that branch, checks the
-- person's commit against the item's criteria (step HUMAN_CHECK) and, when they pass, records the item done as
-- completed by that person.

alter table executions drop constraint executions_step_check;
alter table executions add constraint executions_step_check check (current_step in ('SELECT', 'PREP', 'IMPLEMENT',
    'VERIFY', 'ERROR_SOLVE', 'HUMAN_CHECK', 'MERGE', 'PUSH', 'DONE', 'HUMAN_REVIEW', 'SKIPPED'));

alter table task_runs drop constraint task_runs_step_check;
alter table task_runs add constraint task_runs_step_check check (step in ('SELECT', 'PREP', 'IMPLEMENT', 'VERIFY',
    'ERROR_SOLVE', 'HUMAN_CHECK', 'MERGE', 'PUSH', 'DONE', 'HUMAN_REVIEW', 'SKIPPED'));

-- who pushed to the item's branch: null while the item is Clarity's, '' when a person did but their login is not
-- known (found by git at PREP or PUSH rather than told by a webhook)
alter table task_runs add column pushed_by varchar;
-- the person's commit whose check passed: set by HUMAN_CHECK, cleared by a later push of theirs
alter table task_runs add column person_commit varchar;

-- pushed: a person pushed to the branch of an item the execution has not reached yet; when it does, the item is
-- theirs from the start
alter table execution_marks drop constraint execution_marks_mark_check;
alter table execution_marks add constraint execution_marks_mark_check
    check (mark in ('approved', 'skipped', 'taken', 'pushed'));
