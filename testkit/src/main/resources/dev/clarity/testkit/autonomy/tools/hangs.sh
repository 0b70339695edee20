#!/bin/sh
# Never returns: sleeps far beyond the step timeout.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
sleep 3600
