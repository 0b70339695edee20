#!/bin/sh
# Prints credentials of common shapes (on stdout and stderr), then does the work. They are kept base64-encoded here,
# so the repository itself holds none of them.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
echo "found AWS key id $(echo '@AWS_KEY_ID_B64@' | base64 -d) in the environment"
echo "using token $(echo '@GITHUB_TOKEN_B64@' | base64 -d)" >&2
echo '@PRIVATE_KEY_B64@' | base64 -d
echo
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
