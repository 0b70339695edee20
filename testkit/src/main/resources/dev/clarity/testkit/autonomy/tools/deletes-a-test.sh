#!/bin/sh
# Does the work and deletes an existing test that the checks do not name.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
rm -f tests/test_readme.sh
