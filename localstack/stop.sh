#!/usr/bin/env bash
# Stops what localstack/start.sh started (by PID for moto, Consul, Redis and the plugin host; docker compose down
# for LocalStack).
set -euo pipefail
cd "$(dirname "$0")/.."

# SIGTERM the process of a PID file, SIGKILL after 10 s (the plugin host drains in-flight calls first).
stop_pid() {
  local pidfile="$1"
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
}
stop_pid .local/plugin-host.pid
stop_pid .local/redis.pid
stop_pid .local/consul.pid
rm -rf .local/consul-data
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
