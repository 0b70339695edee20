#!/bin/sh
# Writes broken work and rewrites the existing test that would catch it so that it always passes.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo "broken on attempt $CLARITY_ATTEMPT" > "src/$CLARITY_TASK_ID.txt"
printf '#!/bin/sh\n# checks every src file\nexit 0\n' > tests/test_src.sh
