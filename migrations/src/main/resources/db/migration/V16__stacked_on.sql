-- The branch an execution continues a stack on: the top of the stack an earlier execution of the same project left
-- (its last finished item's branch, not merged into the default branch), taken when the execution starts under
-- merge policy stacked. The items recorded there count as done, and the execution's first item starts from it.
alter table executions add column stacked_on varchar;
