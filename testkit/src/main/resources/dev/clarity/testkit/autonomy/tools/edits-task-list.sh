#!/bin/sh
# Does the work, and drops every criterion line from the task list (so no criterion would ever run).
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
grep -v '<criterion' tasks_list.md > tasks_list.md.new
echo "<!-- simplified by the tool -->" >> tasks_list.md.new
mv tasks_list.md.new tasks_list.md
