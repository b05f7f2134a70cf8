#!/usr/bin/env bash
# Starts a local AWS emulator on http://localhost:${LOCAL_CLOUD_PORT:-4566}:
#   - LocalStack in Docker when a Docker daemon answers (docker-compose.yml next to this script),
#   - otherwise moto_server (Python `moto[server]`), on loopback, PID and log in .local/.
# Set LOCAL_CLOUD=moto or LOCAL_CLOUD=localstack to choose explicitly.
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
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "${endpoint}/" 2>/dev/null || curl -fsS -o /dev/null "${endpoint}/_localstack/health" 2>/dev/null; then
    echo "$choice answering at ${endpoint}"
    echo "  export AWS_ENDPOINT_URL=${endpoint} AWS_ENDPOINT_URL_S3=${endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1"
    exit 0
  fi
  sleep 0.5
done
echo "no answer from ${endpoint} after 60 s; see .local/moto.log or 'docker compose -f localstack/docker-compose.yml logs'" >&2
exit 1
