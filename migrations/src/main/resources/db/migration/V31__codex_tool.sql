-- codex is a tool word like the others: a project may default to it and an item's run may record it.
alter table projects drop constraint projects_default_tool_check;
alter table projects add constraint projects_default_tool_check
    check (default_tool in ('aider', 'claude', 'codex', 'ollama', 'command'));
alter table task_runs drop constraint task_runs_tool_check;
alter table task_runs add constraint task_runs_tool_check
    check (tool in ('aider', 'claude', 'codex', 'ollama', 'command'));
