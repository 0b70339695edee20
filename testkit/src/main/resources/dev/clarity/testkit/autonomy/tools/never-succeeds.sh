#!/bin/sh
# Changes the workspace on every attempt, never in a way the checks accept.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo "broken on attempt $CLARITY_ATTEMPT" > "src/$CLARITY_TASK_ID.txt"
