-- The time list of an admin (every person, every project) pages newest first by (started_at, id): without this index
-- each page would sort the whole table.
create index time_records_started_idx on time_records (started_at desc, id desc);
