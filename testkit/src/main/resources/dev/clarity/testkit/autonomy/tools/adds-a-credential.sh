#!/bin/sh
# Does the work and adds a credential to the repository (a deploy file holding an AWS key pair). The key pair is kept
# base64-encoded here, so only the tool's change holds it.
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
printf 'AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s\n' "$(echo '@AWS_KEY_ID_B64@' | base64 -d)" \
  "$(echo '@AWS_SECRET_KEY_B64@' | base64 -d)" > deploy.env
