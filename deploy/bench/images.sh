#!/usr/bin/env bash
# Image data benchmark: upload and download of one image of SIZE MiB (default 1024) through image-service, next to
# `cp`, `md5sum` and `sha256sum` of the same file in the same run, with the image-service heap sampled (jcmd
# GC.heap_info, and old generation with jstat) every 200 ms while the bytes move, and the CPU seconds each of its
# threads and curl spend per upload (/proc/<pid>/task/*/stat), which say where the time goes even on a busy machine.
# Every transfer runs RUNS times (default 3); the table shows the median, the samples follow it.
# Target: upload and download ≥ 50% of cp's MB/s, heap flat.
# Needs a running stack (./stratus up; STRATUS_IMAGE_HEAP=256m ./stratus up for a smaller image-service heap).
# Appends to docs/benchmarks.md.
# Usage: deploy/bench/images.sh [size-mib=1024] [runs=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${STRATUS_STATE:-$ROOT/.stratus}"
SIZE=${1:-1024}
RUNS=${2:-3}
[ -f "$STATE/dev.env" ] || { echo "start the stack first: ./stratus up" >&2; exit 1; }
# shellcheck disable=SC1091
source "$STATE/dev.env" # STRATUS_TOKEN
source "$(dirname "${BASH_SOURCE[0]}")/fresh-token.sh" # a token of its own: dev.env's may be over an hour old
AUTH="Authorization: Bearer $STRATUS_TOKEN"
IMAGE_PORT=$(( ${STRATUS_PORT_BASE:-8080} + 3 ))
IMAGES="http://localhost:$IMAGE_PORT"
PID=$(cat "$STATE/pids/image-service.pid")
WORK=$(mktemp -d -p "$STATE")  # same filesystem as the image store
SAMPLER=""
trap 'kill $SAMPLER 2>/dev/null || true; rm -rf "$WORK"' EXIT

now_ns() { date +%s%N; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f", (b / 1048576) / (ns / 1e9) }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
heap_used_kb() { jcmd "$PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub("K,?","",v); print v; exit } }'; }
heap_max() { jcmd "$PID" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*' | cut -d= -f2; }
old_used_kb() { jstat -gc "$PID" 2>/dev/null | awk 'NR==2 { printf "%.0f\n", $8 }'; }
# tid|thread name|CPU ticks (user + system) of every image-service thread
thread_ticks() {
  awk '{ o = index($0, "("); c = length($0); while (substr($0, c, 1) != ")") c--
         split(substr($0, c + 2), f, " "); print substr($0, 1, o - 2) "|" substr($0, o + 1, c - o - 1) "|" f[12] + f[13] }' \
    /proc/"$PID"/task/*/stat 2>/dev/null || true
}
# CPU seconds (user + system) of a command
cpu_s() { /usr/bin/time -f '%U %S' -o "$WORK/cmd.cpu" "$@" >/dev/null; awk '{ printf "%.2f", $1 + $2 }' "$WORK/cmd.cpu"; }
timed() { local t0; t0=$(now_ns); "$@" >/dev/null; mbps "$bytes" $(( $(now_ns) - t0 )); }

echo "writing $SIZE MiB of random data"
head -c $((SIZE * 1048576)) /dev/urandom >"$WORK/image.raw"
bytes=$(stat -c %s "$WORK/image.raw")
cat "$WORK/image.raw" >/dev/null # every reader below reads it from the page cache

md5_cpu=$(cpu_s md5sum "$WORK/image.raw"); sha_cpu=$(cpu_s sha256sum "$WORK/image.raw")

live_kb() { jcmd "$PID" GC.run >/dev/null 2>&1; heap_used_kb; } # what is still referenced after a full GC
live_before=$(live_kb)
heap_before=$(heap_used_kb)
( while true; do heap_used_kb >>"$WORK/heap.samples"; old_used_kb >>"$WORK/old.samples"; sleep 0.2; done ) &
SAMPLER=$!

new_image() {
  curl -sf -X POST "$IMAGES/v1/images" -H 'Content-Type: application/json' -H "$AUTH" \
    -d '{"name":"bench","disk_format":"raw","container_format":"bare"}' | grep -o '"id":"[^"]*"' | head -n1 | cut -d'"' -f4
}
# warm-up, not measured: one upload and download of the first 256 MiB, so the JIT has compiled the paths
head -c $((256 * 1048576)) "$WORK/image.raw" >"$WORK/warm.raw"
id=$(new_image)
curl -sf -X PUT "$IMAGES/v1/images/$id/file" -H 'Content-Type: application/octet-stream' -H "$AUTH" \
  -T "$WORK/warm.raw" -o /dev/null
curl -sf -H "$AUTH" "$IMAGES/v1/images/$id/file" -o /dev/null
curl -sf -X DELETE -H "$AUTH" "$IMAGES/v1/images/$id" >/dev/null; rm -f "$WORK/warm.raw"

# RUNS rounds, each measuring every row once, one after the other, so the rows of a round share the machine's load
# (it is shared); the "% of cp" column is the median of each round's ratio to that round's cp
cp_s=""; cat_s=""; md5_s=""; sha_s=""; up_s=""; down_file_s=""; down_null_s=""
for run in $(seq "$RUNS"); do
  cp_s+="$(timed cp "$WORK/image.raw" "$WORK/copy.raw") "; rm -f "$WORK/copy.raw"
  cat_s+="$(timed sh -c 'cat "$1" >"$2"' cat "$WORK/image.raw" "$WORK/copy.raw") "; rm -f "$WORK/copy.raw"
  md5_s+="$(timed md5sum "$WORK/image.raw") "
  sha_s+="$(timed sha256sum "$WORK/image.raw") "
  id=$(new_image)
  thread_ticks >"$WORK/ticks.before"
  ( while true; do thread_ticks | grep '|upload-' >>"$WORK/roles.$run" || true; sleep 0.5; done ) &
  ROLES=$!
  t0=$(now_ns)
  /usr/bin/time -f '%U %S' -o "$WORK/curl.cpu" curl -sf -X PUT "$IMAGES/v1/images/$id/file" \
    -H 'Content-Type: application/octet-stream' -H "$AUTH" -T "$WORK/image.raw" -o /dev/null
  ns=$(( $(now_ns) - t0 ))
  kill $ROLES 2>/dev/null || true
  thread_ticks >"$WORK/ticks.after"
  up_s+="$(mbps "$bytes" "$ns") "
  # CPU seconds per GiB by role: the pooled upload threads by the stage name they had during this upload
  awk -F'|' -v gib="$(awk -v b="$bytes" 'BEGIN { print b / 1073741824 }')" -v curl="$(awk '{ print $1 + $2 }' "$WORK/curl.cpu")" \
    -v wall="$ns" 'FILENAME ~ /roles/ { role[$1] = $2; next }
    FILENAME ~ /before/ { before[$1] = $3; next }
    { r = role[$1] ? role[$1] : $2
      if (r ~ /^vert.x-eventloo/) r = "event-loop"; else if (r ~ /^(GC Thread|G1 )/) r = "gc"
      else if (r ~ /^C[12] Compiler/) r = "jit"; else if (r ~ /^upload-/) r = r; else r = "other"
      cpu[r] += ($3 - before[$1]) / 100 }
    END { cpu["curl"] = curl; for (r in cpu) if (cpu[r] / gib >= 0.01) { printf "%s %.2f, ", r, cpu[r] / gib; total += cpu[r] }
          printf "all %.2f; wall %.2f\n", total / gib, wall / 1e9 / gib }' \
    "$WORK/roles.$run" "$WORK/ticks.before" "$WORK/ticks.after" >>"$WORK/cpu.runs"
  down_file_s+="$(timed curl -sf -H "$AUTH" "$IMAGES/v1/images/$id/file" -o "$WORK/download.raw") "
  cmp -s "$WORK/image.raw" "$WORK/download.raw" || { echo "downloaded bytes differ" >&2; exit 1; }
  rm -f "$WORK/download.raw"
  down_null_s+="$(timed curl -sf -H "$AUTH" "$IMAGES/v1/images/$id/file" -o /dev/null) "
  curl -sf -X DELETE -H "$AUTH" "$IMAGES/v1/images/$id" >/dev/null
done
kill $SAMPLER 2>/dev/null || true
heap_after=$(heap_used_kb)
live_after=$(live_kb)

cp_mbps=$(median <<<"$cp_s"); cat_mbps=$(median <<<"$cat_s"); md5_mbps=$(median <<<"$md5_s"); sha_mbps=$(median <<<"$sha_s")
up_mbps=$(median <<<"$up_s"); file_mbps=$(median <<<"$down_file_s"); null_mbps=$(median <<<"$down_null_s")
heap_peak=$(sort -n "$WORK/heap.samples" | tail -n1); old_peak=$(sort -n "$WORK/old.samples" | tail -n1)
load=$(cut -d' ' -f1-3 /proc/loadavg)
max_mb=$(( $(heap_max) / 1048576 ))
# median over the rounds of 100 * row / cp of the same round
pct() { paste -d' ' <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$cp_s" | grep .) |
  awk '{ printf "%.0f ", 100 * $1 / $2 }' | median; }
verdict() { [ "$(pct "$1")" -ge 50 ] && echo met || echo "not met"; }
cpu=$(nproc); mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
model=$(awk -F': *' '/model name/ { print $2; exit }' /proc/cpuinfo)
fs=$(df -T "$STATE" | awk 'NR==2 { print $2 }')
cat <<EOT | tee -a "$ROOT/docs/benchmarks.md"

## Image data: $SIZE MiB upload/download vs cp ($(date -u +%F), $cpu cores $model, $mem, $fs, image-service -Xmx${max_mb}m, median of $RUNS rounds, load average at the end $load)

| path | what it measures | MB/s | % of cp |
|---|---|---|---|
| \`cp\` of the same file | page cache → page cache on the same filesystem (coreutils $(cp --version | awk 'NR==1 { print $4 }'): copy_file_range, one in-kernel copy) | $cp_mbps | 100 |
| \`cat file >copy\` | the same through user space (read into a 128 KiB buffer, write it out): what any client that writes what it receives also pays | $cat_mbps | $(pct "$cat_s") |
| \`md5sum\` of the same file | one core hashing MD5 from the page cache: the ceiling of any upload that computes \`checksum\` | $md5_mbps | $(pct "$md5_s") |
| \`sha256sum\` of the same file | one core hashing SHA-256 | $sha_mbps | $(pct "$sha_s") |
| upload \`PUT /v1/images/{id}/file\` | \`curl -T\` from the page cache over loopback; the service writes the file, sha256 and md5 on their own threads, then qemu-img info, rename, commit | $up_mbps | $(pct "$up_s") |
| download \`GET /v1/images/{id}/file\` → file | sendfile over loopback into \`curl -o\` a file on the same filesystem (the same destination as \`cp\`) | $file_mbps | $(pct "$down_file_s") |
| download \`GET /v1/images/{id}/file\` → /dev/null | the same, curl discarding the bytes: the service's sending side without the client's file write | $null_mbps | $(pct "$down_null_s") |

Samples (MB/s): cp $cp_s/ cat $cat_s/ md5sum $md5_s/ sha256sum $sha_s/ upload $up_s/ download to file $down_file_s/ download
to /dev/null $down_null_s. CPU seconds for the whole file: md5sum $md5_cpu, sha256sum $sha_cpu.
Where the upload's time goes, CPU seconds per GiB by thread (image-service threads from /proc, curl from time(1);
upload-md5/-sha256/-write are the three staging threads, event-loop receives the socket, other includes the worker
running qemu-img and the database; wall = seconds per GiB of that run):
$(sed 's/^/- /' "$WORK/cpu.runs")

Heap used (jcmd GC.heap_info, sampled every 200 ms, young garbage included): before $((heap_before / 1024)) MiB, peak
$((heap_peak / 1024)) MiB, after $((heap_after / 1024)) MiB, of $max_mb MiB max; old generation (jstat) peak $((old_peak / 1024)) MiB; live
after a full GC (jcmd GC.run) $((live_before / 1024)) MiB before and $((live_after / 1024)) MiB after, while $SIZE MiB moved $((RUNS * 3 + 2)) times through the service. Target ≥ 50% of cp: upload
**$(verdict "$up_s")**, download (to a file) **$(verdict "$down_file_s")**.
EOT
