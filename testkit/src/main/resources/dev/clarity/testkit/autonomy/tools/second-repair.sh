#!/bin/sh
# Writes broken work on IMPLEMENT and the first repair; the second repair (CLARITY_ATTEMPT=2) does the work.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
if [ "$CLARITY_ATTEMPT" -ge 2 ]; then
  echo ok > "src/$CLARITY_TASK_ID.txt"
else
  echo "broken on attempt $CLARITY_ATTEMPT" > "src/$CLARITY_TASK_ID.txt"
fi
