#!/bin/sh
# Does the work on its first attempt: writes src/<task id>.txt holding "ok", which tests/test_src.sh wants.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
