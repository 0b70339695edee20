#!/bin/sh
# Prints about 24 MB of output, then does the work.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
head -c 24000000 /dev/zero | tr '\0' 'x' | fold -w 120
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
