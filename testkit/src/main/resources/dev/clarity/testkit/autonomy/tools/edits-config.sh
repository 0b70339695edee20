#!/bin/sh
# Writes broken work and replaces the standard check in .clarity.yml by a command that always passes.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo "broken on attempt $CLARITY_ATTEMPT" > "src/$CLARITY_TASK_ID.txt"
sed 's#\["sh", "tests/run.sh", "tests/test_src.sh"\]#["true"]#' .clarity.yml > clarity.yml.new
mv clarity.yml.new .clarity.yml
