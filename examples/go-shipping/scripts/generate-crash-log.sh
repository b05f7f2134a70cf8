#!/usr/bin/env bash
# Regenerates logs/crash.log by really running the service: it is built from a copy at <tmp>/srv/shipping (so the
# paths in the panics look like a deployment's, not this checkout's) and fed the request batches below, restarted
# after each crash the way a supervisor would. Needs Go (Debian: apt-get install -y golang-go).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
srv="$work/srv/shipping"
mkdir -p "$srv"
cp "$here"/*.go "$here/go.mod" "$srv/"
(cd "$srv" && go build -o shipping .)

log="$here/logs/crash.log"
: >"$log"
# serve <requests...>: one run of the service until it answers everything or crashes.
serve() {
  printf '%s\n' "$@" | (cd "$srv" && ./shipping serve) >>"$log" 2>&1 || true
}

# An unknown carrier code (a client sends "dhl-express") crashes QuoteFor; it happens in most batches.
serve "ups p-1001;2.5;eu" "dhl p-1002;1;domestic" "dhl-express p-1003;4;eu"
serve "fedex p-1004;12;world" "ups p-1005;0.4;domestic" "royalmail p-1006;1.2;domestic"
serve "dhl p-1007;3;moon" "ups p-1008;7;eu" "dhl-express p-1009;2;world"
# A parcel line without its zone crashes ParseParcel.
serve "ups p-1010;1.5;eu" "dhl p-1011;2"
serve "fedex p-1012;0.8;eu" "dpd p-1013;5;domestic"
echo "wrote $log ($(grep -c '^panic: ' "$log") panics)"
