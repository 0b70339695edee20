#!/bin/sh
# Does the work and commits a credential to the repository (a deploy file holding an AWS key pair).
echo "stand-in tool run: $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
mkdir -p src
echo ok > "src/$CLARITY_TASK_ID.txt"
printf 'AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s\n' "@AWS_KEY_ID@" "@AWS_SECRET_KEY@" > deploy.env
