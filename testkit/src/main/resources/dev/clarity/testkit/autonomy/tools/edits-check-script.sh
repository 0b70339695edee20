#!/bin/sh
# Writes broken work and rewrites the script the standard check runs so that it always passes.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo "broken on attempt $CLARITY_ATTEMPT" > "src/$CLARITY_TASK_ID.txt"
printf '#!/bin/sh\nexit 0\n' > tests/run.sh
