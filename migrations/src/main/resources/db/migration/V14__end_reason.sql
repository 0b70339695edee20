-- Why an execution stopped running, in one sentence: the note of the transition that left it completed, failed,
-- stopped, blocked or paused. Cleared when it runs again. The JSON summary, the execution page, the progress comment
-- and the check run all show this one sentence.
alter table executions add column end_reason varchar;
