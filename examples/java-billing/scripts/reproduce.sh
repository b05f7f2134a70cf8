#!/bin/sh
# Reproduces the most frequent error (invoices for regions the tax table does not know): compiles the service in
# the current directory's copy, bills two such requests and prints everything the job wrote (stdout and stderr). It
# gives no verdict: on the buggy code the output holds the NullPointerException twice, on a fixed copy two issued
# invoices (or another, explicit error). Exits non-zero only when the service does not compile (2).
set -u
cd "$(dirname "$0")/.."
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
if ! javac -J-XX:TieredStopAtLevel=1 -g -nowarn -encoding UTF-8 -d "$build/classes" $(find src/main/java -name '*.java') 2>&1; then
  echo "reproduce: the service does not compile" >&2
  exit 2
fi
cat > "$build/requests.csv" <<'CSV'
INV-REPRO-1,cus_1002,120.00,EUR,NO
INV-REPRO-2,cus_1004,42.50,EUR,CH
CSV
java -XX:TieredStopAtLevel=1 -cp "$build/classes" com.acme.billing.BillingJob run "$build/requests.csv" "$build/ledger.csv" 2>&1
exit 0
