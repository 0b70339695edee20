#!/bin/sh
# Does no work and marks its own item done in the task list.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
awk -v id="$CLARITY_TASK_ID" '{ if ($1 == "-" && $2 == id) print $0 " ✅"; else print }' tasks_list.md > tasks_list.md.new
mv tasks_list.md.new tasks_list.md
