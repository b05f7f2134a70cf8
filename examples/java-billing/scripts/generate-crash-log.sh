#!/bin/sh
# Produces logs/crash.log by really running the service: copies it to <tmp>/srv/billing (the path a deployment
# uses), compiles it there with javac, runs the nightly billing job on data/requests-2024-05-14.csv, then the daily
# report for yesterday, with stdout and stderr of both going to the log (like `2>&1` in the job's cron entry).
# Nothing in the log is written by this script. Usage: sh scripts/generate-crash-log.sh
set -eu
service=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app="$work/srv/billing"
mkdir -p "$app"
cp -R "$service/src" "$service/data" "$app/"
cd "$app"
javac -g -nowarn -encoding UTF-8 -d build/classes $(find src/main/java -name '*.java')
log="$service/logs/crash.log"
mkdir -p "$(dirname "$log")"
: > "$log"
java -cp build/classes com.acme.billing.BillingJob run data/requests-2024-05-14.csv "$work/ledger.csv" >> "$log" 2>&1
# The report for a day the ledger has no invoice for (yesterday): the job dies with an uncaught exception.
yesterday=$(date -u -d yesterday +%Y-%m-%d 2>/dev/null || date -u -v-1d +%Y-%m-%d)
status=0
java -cp build/classes com.acme.billing.BillingJob report "$work/ledger.csv" "$yesterday" >> "$log" 2>&1 || status=$?
if [ "$status" -ne 1 ]; then
  echo "expected the report for $yesterday to crash with status 1, got $status" >&2
  exit 1
fi
echo "wrote $log ($(wc -l < "$log") lines); the report job exited with status $status"
