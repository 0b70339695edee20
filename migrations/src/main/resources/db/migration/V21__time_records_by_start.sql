-- The time list of an admin (every person, every project) pages newest first by (started_at, id): without this index
-- each page would sort the whole table. The billable-hours report reads a period across every project by it too.
create index time_records_started_idx on time_records (started_at desc, id desc);
