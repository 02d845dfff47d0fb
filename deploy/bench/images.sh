#!/usr/bin/env bash
# Image data benchmark: upload and download of one image of SIZE MiB (default 1024) through image-service,
# next to `cp` of the same file in the same run, with the image-service heap sampled (jcmd GC.heap_info) every
# 200 ms while the bytes move. Target: upload and download ≥ 50% of cp's MB/s, heap flat.
# Needs a running stack (./stratus up). Appends to docs/benchmarks.md.
# Usage: deploy/bench/images.sh [size-mib=1024]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${STRATUS_STATE:-$ROOT/.stratus}"
SIZE=${1:-1024}
[ -f "$STATE/dev.env" ] || { echo "start the stack first: ./stratus up" >&2; exit 1; }
# shellcheck disable=SC1091
source "$STATE/dev.env" # STRATUS_TOKEN
AUTH="Authorization: Bearer $STRATUS_TOKEN"
IMAGE_PORT=$(( ${STRATUS_PORT_BASE:-8080} + 3 ))
IMAGES="http://localhost:$IMAGE_PORT"
PID=$(cat "$STATE/pids/image-service.pid")
WORK=$(mktemp -d -p "$STATE")  # same filesystem as the image store
trap 'kill $SAMPLER 2>/dev/null || true; rm -rf "$WORK"' EXIT

now_ns() { date +%s%N; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f", (b / 1048576) / (ns / 1e9) }'; }
heap_used_kb() { jcmd "$PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub("K,?","",v); print v; exit } }'; }
heap_max() { jcmd "$PID" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*' | cut -d= -f2; }

echo "writing $SIZE MiB of random data"
head -c $((SIZE * 1048576)) /dev/urandom >"$WORK/image.raw"
bytes=$(stat -c %s "$WORK/image.raw")
cat "$WORK/image.raw" >/dev/null # both sides read it from the page cache

t0=$(now_ns); cp "$WORK/image.raw" "$WORK/copy.raw"; cp_ns=$(( $(now_ns) - t0 )); rm -f "$WORK/copy.raw"

heap_before=$(heap_used_kb)
( while true; do heap_used_kb >>"$WORK/heap.samples"; sleep 0.2; done ) &
SAMPLER=$!

id=$(curl -sf -X POST "$IMAGES/v1/images" -H 'Content-Type: application/json' -H "$AUTH" \
  -d '{"name":"bench-1g","disk_format":"raw","container_format":"bare"}' | grep -o '"id":"[^"]*"' | head -n1 | cut -d'"' -f4)
t0=$(now_ns)
curl -sf -X PUT "$IMAGES/v1/images/$id/file" -H 'Content-Type: application/octet-stream' -H "$AUTH" \
  -T "$WORK/image.raw" -o /dev/null
up_ns=$(( $(now_ns) - t0 ))
t0=$(now_ns)
curl -sf -H "$AUTH" "$IMAGES/v1/images/$id/file" -o "$WORK/download.raw"
down_ns=$(( $(now_ns) - t0 ))
kill $SAMPLER 2>/dev/null || true
heap_after=$(heap_used_kb)
cmp -s "$WORK/image.raw" "$WORK/download.raw" || { echo "downloaded bytes differ" >&2; exit 1; }
curl -sf -X DELETE -H "$AUTH" "$IMAGES/v1/images/$id" >/dev/null

cp_mbps=$(mbps "$bytes" "$cp_ns"); up_mbps=$(mbps "$bytes" "$up_ns"); down_mbps=$(mbps "$bytes" "$down_ns")
heap_peak=$(sort -n "$WORK/heap.samples" | tail -n1)
max_mb=$(( $(heap_max) / 1048576 ))
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 100 * a / b }'; }
verdict() { [ "$(pct "$1" "$cp_mbps")" -ge 50 ] && echo met || echo "not met"; }
cpu=$(nproc); mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
fs=$(df -T "$STATE" | awk 'NR==2 { print $2 }')
cat <<EOT | tee -a "$ROOT/docs/benchmarks.md"

## Image data: $SIZE MiB upload/download vs cp ($(date -u +%F), $cpu cores, $mem, $fs, image-service -Xmx${max_mb}m)

| path | MB/s | % of cp |
|---|---|---|
| \`cp\` of the same file | $cp_mbps | 100 |
| upload \`PUT /v1/images/{id}/file\` (sha256 + md5 + qemu-img info) | $up_mbps | $(pct "$up_mbps" "$cp_mbps") |
| download \`GET /v1/images/{id}/file\` (sendfile) | $down_mbps | $(pct "$down_mbps" "$cp_mbps") |

Heap used (jcmd GC.heap_info, sampled every 200 ms): before $((heap_before / 1024)) MiB, peak $((heap_peak / 1024)) MiB,
after $((heap_after / 1024)) MiB, of $max_mb MiB max, while $SIZE MiB moved each way. Target ≥ 50% of cp: upload
**$(verdict "$up_mbps")**, download **$(verdict "$down_mbps")**.
EOT
