-- The failing criteria of an item's last VERIFY, each with its one-sentence summary, its output excerpt (the tail,
-- redacted by the runner, at most 4,000 characters) and the file locations it named: what the check run of an item
-- that waits for a person shows. Null when the last VERIFY passed or ran before this column existed.
alter table task_runs add column failed_criteria jsonb;
