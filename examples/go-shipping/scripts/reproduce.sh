#!/bin/sh
# Replays the request that crashes the service most often in logs/crash.log, the way it arrived: through `serve`,
# a quote for a carrier code the service does not know. Before the fix it panics; after it, it is rejected.
cd "$(dirname "$0")/.." || exit 1
printf '%s\n' 'dhl-express p-1003;4;eu' | exec go run . serve
