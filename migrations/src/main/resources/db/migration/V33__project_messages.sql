-- Messages a client leaves on one of their customer's projects, read by the project's managers. read_at is set when
-- a manager or admin first opens the project's messages.
create table project_messages (
    id              bigint generated always as identity primary key,
    project_id      bigint      not null references projects (id),
    person_id       bigint      not null references people (id),
    body            varchar     not null,
    created_at      timestamptz not null,
    read_at         timestamptz,
    constraint project_messages_body_length check (length(trim(body)) between 1 and 4000)
);
create index project_messages_project_idx on project_messages (project_id, id desc);
