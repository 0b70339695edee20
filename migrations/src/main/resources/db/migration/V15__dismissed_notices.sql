-- Notices a person dismissed: the chip of a finished execution stays away for them (on every page, after a reload,
-- in every browser) and stays for everyone else.
create table dismissed_notices (
    person_id       bigint      not null references people (id),
    execution_id    bigint      not null references executions (id),
    dismissed_at    timestamptz not null default now(),
    constraint dismissed_notices_pkey primary key (person_id, execution_id)
);
