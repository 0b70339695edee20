-- task_runs.tool allowed 'none' beside the four tools, but nothing ever wrote it: an item that ran no tool keeps a
-- null tool (the dashboard shows it as "none"). The constraint now lists exactly the tools, as projects.default_tool
-- does, so that one enum (Tool, in the vocabulary module) spells both columns.
-- [jooq ignore start]
update task_runs set tool = null where tool = 'none';
-- [jooq ignore stop]
alter table task_runs drop constraint task_runs_tool_check;
alter table task_runs add constraint task_runs_tool_check check (tool in ('aider', 'claude', 'ollama', 'command'));
