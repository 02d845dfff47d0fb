#!/usr/bin/env bash
# Spine benchmark: N sequential creates through the API, next to raw `virsh create` of the same domain XML.
#   (a) POST accepted → status ACTIVE        (polled through the API every 10 ms)
#   (b) POST accepted → guest marker         (the console file watched every 5 ms)
#   (c) `virsh create` of the same XML → marker (same kernel, initramfs, overlay disk, cgroup limits)
# Target: median(b) − median(c) ≤ 500 ms. Needs a running stack (./stratus up). Appends to docs/benchmarks.md.
# Usage: deploy/bench/spine.sh [runs=10] [flavor=m1.tiny]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${STRATUS_STATE:-$ROOT/.stratus}"
AGENT_DIR=$(cat "$STATE/agent.path" 2>/dev/null || echo "$STATE/agent") # ./stratus up may put it under /var/lib/stratus
RUNS=${1:-10}
FLAVOR=${2:-m1.tiny}
[ -f "$STATE/dev.env" ] || { echo "start the stack first: ./stratus up" >&2; exit 1; }
# shellcheck disable=SC1091
source "$STATE/dev.env"
source "$(dirname "${BASH_SOURCE[0]}")/fresh-token.sh" # a token of its own: dev.env's may be over an hour old
VIRSH=(virsh -q -c qemu:///system)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; } # first occurrence

wait_marker() { # file id → returns when the marker line is in the file
  local file=$1 id=$2
  for _ in $(seq 1 12000); do
    grep -qs "STRATUS-GUEST-UP $id" "$file" && return 0
    sleep 0.005
  done
  echo "no marker for $id in $file" >&2; return 1
}

wait_status() { # id status
  for _ in $(seq 1 6000); do
    curl -sf -H "Authorization: Bearer $STRATUS_TOKEN" "$STRATUS_URL/v1/servers/$1" | grep -q "\"status\":\"$2\"" && return 0
    sleep 0.01
  done
  echo "server $1 never reached $2" >&2; return 1
}

wait_gone() {
  for _ in $(seq 1 3000); do
    [ "$(curl -s -H "Authorization: Bearer $STRATUS_TOKEN" -o /dev/null -w '%{http_code}' "$STRATUS_URL/v1/servers/$1")" = 404 ] && return 0
    sleep 0.02
  done
  echo "server $1 was not deleted" >&2; return 1
}

stats() { # prints "median p90" of the numbers on stdin
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; i=int(0.9*NR+0.999); if(i<1)i=1; print m, a[i]}'
}

: >"$WORK/a"; : >"$WORK/b"; : >"$WORK/c"
template=""
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms)
  id=$(curl -sf -X POST "$STRATUS_URL/v1/servers" -H "Authorization: Bearer $STRATUS_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-$i\",\"flavor\":\"$FLAVOR\",\"image\":\"stratus-tiny\"}" | json_field id)
  [ -n "$id" ] || { echo "create failed" >&2; exit 1; }
  console="$AGENT_DIR/instances/$id/console.log"
  wait_marker "$console" "$id"
  echo $(($(now_ms) - t0)) >>"$WORK/b"
  wait_status "$id" ACTIVE
  if [ -z "$template" ]; then
    "${VIRSH[@]}" dumpxml --inactive "$id" >"$WORK/template.xml"
    template=$id
    backing=$(qemu-img info -U --output=json "$AGENT_DIR/instances/$id/disk.qcow2" |
      sed -n 's/.*"backing-filename": "\([^"]*\)".*/\1/p' | head -n 1)
    size=$(qemu-img info -U --output=json "$AGENT_DIR/instances/$id/disk.qcow2" |
      sed -n 's/.*"virtual-size": \([0-9]*\).*/\1/p' | head -n 1)
  fi
  curl -sf -X DELETE -H "Authorization: Bearer $STRATUS_TOKEN" "$STRATUS_URL/v1/servers/$id" >/dev/null
  wait_gone "$id"
done

# (a) POST → ACTIVE, polling only the API
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms)
  id=$(curl -sf -X POST "$STRATUS_URL/v1/servers" -H "Authorization: Bearer $STRATUS_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-a-$i\",\"flavor\":\"$FLAVOR\",\"image\":\"stratus-tiny\"}" | json_field id)
  wait_status "$id" ACTIVE
  echo $(($(now_ms) - t0)) >>"$WORK/a"
  curl -sf -X DELETE -H "Authorization: Bearer $STRATUS_TOKEN" "$STRATUS_URL/v1/servers/$id" >/dev/null
  wait_gone "$id"
done

# (c) raw virsh create of the same domain XML, with a fresh overlay on the same cached base each time
mkdir -p "$(dirname "$AGENT_DIR")/bench"
chmod 0755 "$(dirname "$AGENT_DIR")/bench"
for i in $(seq 1 "$RUNS"); do
  nid=$(cat /proc/sys/kernel/random/uuid)
  dir="$(dirname "$AGENT_DIR")/bench/$nid"
  mkdir -p "$dir" && chmod 0755 "$dir"
  qemu-img create -q -f qcow2 -F qcow2 -b "$backing" "$dir/disk.qcow2" "$size"
  sed -e "s#$AGENT_DIR/instances/$template#$dir#g" -e "s#$template#$nid#g" "$WORK/template.xml" >"$dir/domain.xml"
  t0=$(now_ms)
  "${VIRSH[@]}" create "$dir/domain.xml" >/dev/null
  wait_marker "$dir/console.log" "$nid"
  echo $(($(now_ms) - t0)) >>"$WORK/c"
  "${VIRSH[@]}" destroy "$nid" >/dev/null
  rm -rf "$dir"
done

read -r am ap < <(stats <"$WORK/a")
read -r bm bp < <(stats <"$WORK/b")
read -r cm cp < <(stats <"$WORK/c")
delta=$(awk -v b="$bm" -v c="$cm" 'BEGIN{print b-c}')
verdict=$(awk -v d="$delta" 'BEGIN{print (d<=500)?"met":"NOT met"}')
report=$(cat <<EOF

## Spine: create → ACTIVE → console marker ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(virsh -c qemu:///system version 2>/dev/null | sed -n 's/.*hypervisor: //p' | head -n 1), TCG, flavor $FLAVOR, $RUNS runs)

| measure | median ms | p90 ms |
|---|---|---|
| (a) POST accepted → ACTIVE | $am | $ap |
| (b) POST accepted → guest marker on the console | $bm | $bp |
| (c) raw \`virsh create\` of the same domain XML → marker | $cm | $cp |
| (b) − (c) at the median (target ≤ 500) | $delta | |

Target (b) − (c) ≤ 500 ms: **$verdict**. Raw samples (ms): a: $(tr '\n' ' ' <"$WORK/a")/ b: $(tr '\n' ' ' <"$WORK/b")/ c: $(tr '\n' ' ' <"$WORK/c")
EOF
)
echo "$report"
mkdir -p "$ROOT/docs"
[ -f "$ROOT/docs/benchmarks.md" ] || printf '# Stratus benchmarks\n\nEach section is one run of a script in deploy/bench/, on the machine it names.\n' >"$ROOT/docs/benchmarks.md"
echo "$report" >>"$ROOT/docs/benchmarks.md"
