#!/usr/bin/env bash
# The fuzzer's numbers (issue 12): requests per service and per kind of malformation, how many were answered 5xx,
# how long it took. Runs FuzzE2ETest through ./stratus test (the whole stack, as the suite runs it), then appends the
# numbers of its report (e2e/target/fuzz-report.properties) to docs/benchmarks.md with the machine and the date.
# Target: 0 answers 5xx, and it stays 0 as the API grows.
# Usage: deploy/bench/fuzz.sh [--report-only] [maven args...]
#   --report-only   append the numbers of the last run without running it again
#   maven args      e.g. -Dstratus.fuzz.seed=7 -Dstratus.e2e.port-base=22000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPORT="$ROOT/e2e/target/fuzz-report.properties"
log() { echo "[fuzz-bench] $*" >&2; }

if [ "${1:-}" = --report-only ]; then
  shift
else
  rm -f "$REPORT"
  "$ROOT/stratus" test -o -Dtest=FuzzE2ETest -Dsurefire.failIfNoSpecifiedTests=false "$@" || true
fi
[ -f "$REPORT" ] || { log "no $REPORT: the fuzzer did not get to its report (see the Maven output)"; exit 1; }

# java.util.Properties escapes ':' '=' and leading spaces with a backslash
prop() { grep "^$1=" "$REPORT" | head -n 1 | cut -d= -f2- | sed 's/\\\(.\)/\1/g'; }
services=$(grep -o '^service\.[^.]*\.requests' "$REPORT" | cut -d. -f2 | sort)
categories=$(grep -o '^category\.[A-Z_]*\.requests' "$REPORT" | cut -d. -f2 | sort)
errors=$(prop server_errors)
[ "$errors" = 0 ] && met=met || met="not met"
[ "$(prop failures)" = 0 ] && outcome=passed || outcome="failed: $(prop failures) failures"

{
  echo
  echo "## Fuzzer: malformed requests from the OpenAPI documents ($(prop started), $(prop machine); seed $(prop seed); \`deploy/bench/fuzz.sh\`)"
  echo
  echo "FuzzE2ETest at $(prop commit) ($outcome), documents $(prop documents): every"
  echo "operation gets its essential cases plus a seeded sample; each answer must be no 5xx, each 4xx problem+json,"
  echo "and the lists must not change on a 4xx."
  echo
  echo "| service | operations | requests | 5xx | failures |"
  echo "|---|---|---|---|---|"
  for s in $services; do
    echo "| $s | $(prop "service.$s.operations") | $(prop "service.$s.requests") | $(prop "service.$s.5xx") | $(prop "service.$s.failures") |"
  done
  echo "| all | $(prop operations) | $(prop requests) | $errors | $(prop failures) |"
  echo
  echo "| kind of request | requests | 5xx |"
  echo "|---|---|---|"
  for c in $categories; do
    echo "| $(prop "category.$c.title" || true) | $(prop "category.$c.requests") | $(prop "category.$c.5xx") |"
  done
  echo
  echo "Fuzzing took $(prop fuzz_seconds) s (making the fixtures before it $(prop fixture_seconds) s: three projects,"
  echo "their networks, ports, routers, images, ..., and one server booted to ACTIVE); $(prop accepted) malformed"
  echo "requests were answered 2xx (listed in e2e/target/fuzz-report.md). Target 0 answers 5xx: **$met**."
} >>"$ROOT/docs/benchmarks.md"
log "appended to docs/benchmarks.md"
