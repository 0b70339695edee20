#!/bin/sh
# Writes broken work until the third repair (CLARITY_ATTEMPT=3), which does the work.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
if [ "$CLARITY_ATTEMPT" -ge 3 ]; then
  echo ok > "src/$CLARITY_TASK_ID.txt"
else
  echo "broken on attempt $CLARITY_ATTEMPT" > "src/$CLARITY_TASK_ID.txt"
fi
