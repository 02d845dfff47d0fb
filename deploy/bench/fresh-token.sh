# Sourced by the benchmarks after dev.env: STRATUS_TOKEN anew from the demo user's password in dev.env, so a bench
# started more than an hour (the token's lifetime) after `./stratus up` does not fail at its first call.
# shellcheck shell=bash
if [ -n "${STRATUS_USER:-}" ] && [ -n "${STRATUS_PASSWORD:-}" ]; then
  fresh_token=$(curl -sf -X POST "$STRATUS_URL/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"user\":\"$STRATUS_USER\",\"password\":\"$STRATUS_PASSWORD\",\"project\":\"${STRATUS_PROJECT:-demo}\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' 2>/dev/null || true)
  [ -z "$fresh_token" ] || STRATUS_TOKEN=$fresh_token
  unset fresh_token
fi
