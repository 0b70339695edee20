-- The comments Clarity made on GitHub (an execution's progress comment, the reply to a command), by the key of the
-- outbox write that made them (`progress/<execution id>`, `reply/<owner/name>/<command comment id>`). Every later
-- write of the same key edits the comment with this id. The comment's hidden marker is used only when no id is
-- stored here (the process died between GitHub creating the comment and this row being written), and then only in
-- comments written by Clarity's own App, so no text in anyone's comment can make Clarity edit the wrong comment.
-- `body_sha256` is the hash of the body last written: the same text again (a command answered again) is not
-- written again.
create table github_comments (
    write_key       varchar     primary key,
    repository      varchar     not null,
    issue_number    integer     not null,
    comment_id      bigint      not null,
    body_sha256     varchar     not null,
    created_at      timestamptz not null
);
