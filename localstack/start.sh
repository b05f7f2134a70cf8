#!/usr/bin/env bash
# Starts a local AWS emulator on http://localhost:${LOCAL_CLOUD_PORT:-4566}:
#   - LocalStack in Docker when a Docker daemon answers (docker-compose.yml next to this script),
#   - otherwise moto_server (Python `moto[server]`), on loopback, PID and log in .local/.
# Set LOCAL_CLOUD=moto or LOCAL_CLOUD=localstack to choose explicitly.
# Then the services of issue 4 (skip them with LOCAL_SERVICES=0), PIDs and logs in .local/:
#   - a Consul dev agent   http://${LOCAL_SERVICES_HOST:-127.0.0.1}:${CONSUL_PORT:-8500}
#   - a Redis server       redis://${LOCAL_SERVICES_HOST:-127.0.0.1}:${REDIS_PORT:-6379}
#   - a plugin host        ${LOCAL_SERVICES_HOST:-127.0.0.1}:${PLUGIN_HOST_PORT:-50051}, registered in that Consul
# localstack/deploy.ts gives the stage functions CONSUL_HTTP_ADDR and REDIS_URL from the environment it runs in.
# LocalStack runs the functions in containers: set LOCAL_SERVICES_HOST to an address they reach (the Docker bridge).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${LOCAL_CLOUD_PORT:-4566}"
endpoint="http://localhost:${port}"
mkdir -p .local

choice="${LOCAL_CLOUD:-}"
if [[ -z "$choice" ]]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then choice=localstack; else choice=moto; fi
fi

case "$choice" in
  localstack)
    LOCALSTACK_PORT="$port" docker compose -f localstack/docker-compose.yml up -d
    echo localstack > .local/local-cloud.kind
    ;;
  moto)
    if [[ -f .local/moto.pid ]] && kill -0 "$(cat .local/moto.pid)" 2>/dev/null; then
      echo "moto_server already running (pid $(cat .local/moto.pid))"
    else
      nohup moto_server -H 127.0.0.1 -p "$port" > .local/moto.log 2>&1 &
      echo $! > .local/moto.pid
    fi
    echo moto > .local/local-cloud.kind
    ;;
  *) echo "LOCAL_CLOUD must be moto or localstack, not '$choice'" >&2; exit 2 ;;
esac

# LocalStack needs ~10-20 s to start its services; moto ~2 s.
answered=""
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "${endpoint}/" 2>/dev/null || curl -fsS -o /dev/null "${endpoint}/_localstack/health" 2>/dev/null; then
    answered=yes
    break
  fi
  sleep 0.5
done
if [[ -z "$answered" ]]; then
  echo "no answer from ${endpoint} after 60 s; see .local/moto.log or 'docker compose -f localstack/docker-compose.yml logs'" >&2
  exit 1
fi
echo "$choice answering at ${endpoint}"
echo "  export AWS_ENDPOINT_URL=${endpoint} AWS_ENDPOINT_URL_S3=${endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1"
[[ "${LOCAL_SERVICES:-1}" == 0 ]] && exit 0

host="${LOCAL_SERVICES_HOST:-127.0.0.1}"
consul_addr="http://${host}:${CONSUL_PORT:-8500}"
redis_port="${REDIS_PORT:-6379}"
plugin_port="${PLUGIN_HOST_PORT:-50051}"

# Starts a background process unless its PID file names a live one: running NAME PIDFILE LOG COMMAND...
running() {
  local name="$1" pidfile="$2" log="$3"
  shift 3
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$pidfile"))"
  else
    nohup "$@" > "$log" 2>&1 &
    echo $! > "$pidfile"
  fi
}
# Waits up to 60 s for a command to succeed (tsx compiles the plugin host on its first start): await WHAT COMMAND...
await() {
  local what="$1"
  shift
  for _ in $(seq 1 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$what did not come up in 60 s; see .local/*.log" >&2
  exit 1
}

consul_bin="$(command -v consul || ../shared/tools/install-consul.sh .local/consul 2>/dev/null || true)"
[[ -n "$consul_bin" ]] || { echo "no consul binary: install Consul, or run with LOCAL_SERVICES=0" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "no redis-server: apt-get install redis-server, or LOCAL_SERVICES=0" >&2; exit 1; }

# Flags as in test/setup/consulAgent.ts: a dev agent (in-memory server, elects itself), no DNS or gRPC of its own.
running consul .local/consul.pid .local/consul.log "$consul_bin" agent -dev -bind="$host" -client="$host" \
  -http-port="${CONSUL_PORT:-8500}" -grpc-port=-1 -dns-port=-1 -data-dir="$PWD/.local/consul-data"
# No persistence: the caches are rebuilt from Consul and DynamoDB (test/setup/redisServer.ts uses the same flags).
running redis .local/redis.pid .local/redis.log redis-server --bind "$host" --port "$redis_port" --save '' --appendonly no
await "Consul" sh -c "curl -fsS ${consul_addr}/v1/status/leader | grep -q ':'"
await "Redis" sh -c "redis-cli -h '$host' -p '$redis_port' ping | grep -q PONG"

# The plugin host serves every language plugin and registers itself (with a gRPC health check) in Consul.
running plugin-host .local/plugin-host.pid .local/plugin-host.log env HOST="$host" PORT="$plugin_port" \
  CONSUL_HTTP_ADDR="$consul_addr" node --import tsx services/plugin-host/main.ts
await "the plugin host's Consul check" sh -c \
  "curl -fsS '${consul_addr}/v1/health/service/homeostasis-plugin-host?passing=true' | grep -Eq '\"Port\": ?${plugin_port}[,}]'"
echo "Consul at ${consul_addr}, Redis at redis://${host}:${redis_port}, plugin host at ${host}:${plugin_port}"
echo "  export CONSUL_HTTP_ADDR=${consul_addr} REDIS_URL=redis://${host}:${redis_port}"
