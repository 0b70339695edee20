#!/bin/sh
# Tries to write outside its workspace (a directory of the host, the workspaces' directory, HOME, /tmp), then does
# the work. Every failure is ignored: the sandbox decides.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
for target in "@OUTSIDE@/escape.txt" "$PWD/../@ESCAPE@" "$HOME/../@ESCAPE@" "/tmp/@ESCAPE@"; do
  echo "escaped" > "$target" 2>/dev/null && echo "wrote $target"
done
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
