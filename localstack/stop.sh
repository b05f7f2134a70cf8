#!/usr/bin/env bash
# Stops what localstack/start.sh started (by PID for moto; docker compose down for LocalStack).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="$(cat .local/local-cloud.kind 2>/dev/null || echo moto)"
if [[ "$kind" == localstack ]]; then
  docker compose -f localstack/docker-compose.yml down
elif [[ -f .local/moto.pid ]]; then
  pid="$(cat .local/moto.pid)"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f .local/moto.pid
fi
rm -f .local/local-cloud.kind
echo stopped
