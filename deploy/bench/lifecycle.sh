#!/usr/bin/env bash
# Lifecycle benchmark: each power action through the API, next to the raw `virsh` doing the same to a domain of the
# same XML, in the same run.
#   API: POST /v1/servers/{id}/actions/<action> accepted (202) → the new state visible in the API (status, and
#        task_state null), polled every 10 ms on the same open HTTP connection (lifecycle_probe.py api)
#   raw: the libvirt call virsh makes (python3-libvirt, the same library) on an open connection → libvirt shows the
#        same state (polled every 10 ms; a soft reboot: libvirt's reboot event) (lifecycle_probe.py raw)
#   Neither side starts a process or opens a connection inside the measured time (a curl or virsh per poll costs
#   10-40 ms on this machine, more than the overhead being measured). The POST's own time is printed beside.
# Resize: each round a fresh m1.tiny server and a fresh raw domain (a disk never shrinks, so tiny → small → tiny is
# not possible on one server; a fresh pair per round makes every round the same work):
#   API: POST .../actions/resize {"flavor":"m1.small"} accepted → status VERIFY_RESIZE with no task in flight
#   raw: what the agent does, by hand, on one libvirt connection (lifecycle_probe.py raw-resize): ACPI shutdown →
#        shut off, a copy of the overlay (to .part, then renamed, as the agent), qemu-img info + qemu-img resize to the
#        new disk size, define of the dumped XML edited to the new vCPUs, RAM, soft limit and memory cap (prepared
#        before the clock starts), start, memory hard limit → running
#   then confirm-resize: API → status ACTIVE with no task (and → the host deleted the disk's copy); raw: rm of the copy
# Target: API − raw ≤ 100 ms at the median of each action. Then 10 parallel creates (→ all ACTIVE, → all guest
# markers) next to 10 parallel `virsh create`s of the same XML. Needs a running stack (./stratus up) with nothing
# else booting. Appends to docs/benchmarks.md.
# Usage: deploy/bench/lifecycle.sh [runs=5] [parallel=10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${STRATUS_STATE:-$ROOT/.stratus}"
AGENT_DIR=$(cat "$STATE/agent.path" 2>/dev/null || echo "$STATE/agent")
RUNS=${1:-5}
PARTS=" ${LIFECYCLE_PARTS:-actions resize parallel} " # LIFECYCLE_PARTS=resize runs only that part
part() { [[ "$PARTS" == *" $1 "* ]]; }
FROM=m1.tiny TO=m1.small # the resize (named in the report whatever parts run)
PARALLEL=${2:-10}
[ -f "$STATE/dev.env" ] || { echo "start the stack first: ./stratus up" >&2; exit 1; }
# shellcheck disable=SC1091
source "$STATE/dev.env"
source "$(dirname "${BASH_SOURCE[0]}")/fresh-token.sh" # a token of its own: dev.env's may be over an hour old
VIRSH=(virsh -q -c qemu:///system)
PROBE=(/usr/bin/python3 "$ROOT/deploy/bench/lifecycle_probe.py")
# The same observer on both sides: while the raw side is measured, a GET of the API side's server every 10 ms (the
# API side's own polling load: ~1 ms of api-service and PostgreSQL CPU per GET, which on 2 cores competes with QEMU's
# start). LIFECYCLE_OBSERVER=0 measures the raw side on a machine without it.
if [ "${LIFECYCLE_OBSERVER:-1}" = 1 ]; then export OBSERVE_URL="$STRATUS_URL" OBSERVE_TOKEN="$STRATUS_TOKEN"; fi
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || { echo "the raw side needs python3-libvirt: apt-get install python3-libvirt" >&2; exit 1; }
WORK=$(mktemp -d)
BENCH="$(dirname "$AGENT_DIR")/bench" # QEMU must reach the raw domains' files, as it reaches the agent's
RAW=()
SERVERS=() # the API's servers, deleted on any exit (a delete of one already gone is a harmless 404)
cleanup() {
  for s in "${SERVERS[@]}"; do curl -s -o /dev/null -X DELETE "$STRATUS_URL/v1/servers/$s" -H "Authorization: Bearer $STRATUS_TOKEN" || true; done
  for d in "${RAW[@]}"; do "${VIRSH[@]}" destroy "$d" >/dev/null 2>&1 || true; "${VIRSH[@]}" undefine --managed-save "$d" >/dev/null 2>&1 || true; done
  if [ "${DONE:-0}" != 1 ]; then # a failure late in the run keeps what was measured before it
    for f in "$WORK"/api-* "$WORK"/raw-*; do [ ! -f "$f" ] || echo "samples $(basename "$f"): $(tr '\n' ' ' <"$f")" >&2; done
  fi
  rm -rf "$WORK" "$BENCH"
}
trap cleanup EXIT
mkdir -p "$BENCH" && chmod 0755 "$BENCH"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

now_ms() { echo $(($(date +%s%N) / 1000000)); }
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }
api() { curl -sf -X "$1" "$STRATUS_URL$2" -H "Authorization: Bearer $STRATUS_TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
verdict() { # API median, raw median → "<API − raw> <met|NOT met>" (the target: at most 100 ms over raw)
  awk -v a="$1" -v r="$2" 'BEGIN{o=a-r; print o, (o<=100)?"met":"NOT met"}'
}
stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; i=int(0.9*NR+0.999); if(i<1)i=1; print m, a[i]}'; }

wait_api() { # id status: the status with no task in flight
  for _ in $(seq 1 12000); do
    api GET "/v1/servers/$1" | grep -q "\"status\":\"$2\",\"task_state\":null" && return 0
    sleep 0.01
  done
  echo "server $1 never reached $2" >&2; return 1
}
wait_dom() { # domain state-as-virsh-prints-it
  for _ in $(seq 1 12000); do
    [ "$("${VIRSH[@]}" domstate "$1" 2>/dev/null)" = "$2" ] && return 0
    sleep 0.01
  done
  echo "domain $1 never reached '$2'" >&2; return 1
}
wait_gone() { # id: the server is deleted (404)
  for _ in $(seq 1 12000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$STRATUS_URL/v1/servers/$1" -H "Authorization: Bearer $STRATUS_TOKEN")" = 404 ] && return 0
    sleep 0.05
  done
  echo "server $1 was never deleted" >&2; return 1
}
wait_marker() { # file id [count]: the guest printed its marker (count times)
  for _ in $(seq 1 12000); do
    [ "$(grep -c "STRATUS-GUEST-UP $2" "$1" 2>/dev/null || true)" -ge "${3:-1}" ] && return 0
    sleep 0.01
  done
  echo "no marker for $2 in $1" >&2; return 1
}

boots() { grep -c "STRATUS-GUEST-UP $2" "$1" 2>/dev/null || true; } # file id: how often the guest booted

wait_acpi() { # console file id: every boot of the guest so far has armed its power button watcher (a press before
  # that is lost, as on any guest still booting)
  for _ in $(seq 1 12000); do
    # the guest's latest boot got as far as arming it (a boot cut short by a reset prints no ACPI-READY)
    grep -a -E "STRATUS-GUEST-UP $2|STRATUS-ACPI-READY" "$1" 2>/dev/null | tail -n 1 | grep -q ACPI-READY && return 0
    sleep 0.01
  done
  echo "the guest $2 never armed its power button" >&2; return 1
}

# --- one server through the API, and a raw domain of the same XML
id=$(api POST /v1/servers '{"name":"bench-life","flavor":"m1.tiny","image":"stratus-tiny"}' | json_field id)
SERVERS+=("$id")
wait_api "$id" ACTIVE
wait_marker "$AGENT_DIR/instances/$id/console.log" "$id"
"${VIRSH[@]}" dumpxml --inactive "$id" >"$WORK/template.xml"
# kept here: the server is deleted before the resize rounds make more raw domains from the template
[ ! -f "$AGENT_DIR/instances/$id/disk.config" ] || cp "$AGENT_DIR/instances/$id/disk.config" "$WORK/disk.config"
backing=$(qemu-img info -U --output=json "$AGENT_DIR/instances/$id/disk.qcow2" | sed -n 's/.*"backing-filename": "\([^"]*\)".*/\1/p' | head -n 1)
size=$(qemu-img info -U --output=json "$AGENT_DIR/instances/$id/disk.qcow2" | sed -n 's/.*"virtual-size": \([0-9]*\).*/\1/p' | head -n 1)

raw_domain() { # → prints the id of a new defined raw domain (a fresh overlay on the same base)
  local nid dir
  nid=$(cat /proc/sys/kernel/random/uuid)
  dir="$BENCH/$nid"
  mkdir -p "$dir" && chmod 0755 "$dir"
  qemu-img create -q -f qcow2 -F qcow2 -b "$backing" "$dir/disk.qcow2" "$size"
  # the config drive (the same ISO: the raw guest reads the API guest's identity, which changes nothing measured)
  [ ! -f "$WORK/disk.config" ] || cp "$WORK/disk.config" "$dir/disk.config"
  sed -e "s#$AGENT_DIR/instances/$id#$dir#g" -e "s#$id#$nid#g" "$WORK/template.xml" >"$dir/domain.xml"
  echo "$nid"
}
if part actions; then
raw=$(raw_domain)
RAW+=("$raw")
"${VIRSH[@]}" define "$BENCH/$raw/domain.xml" >/dev/null
"${VIRSH[@]}" start "$raw" >/dev/null
wait_marker "$BENCH/$raw/console.log" "$raw"

# action | API body | API status after | the raw libvirt operation (lifecycle_probe.py)
ACTIONS=("stop|{}|STOPPED|shutdown" "start|{}|ACTIVE|start" "reboot|{\"type\":\"soft\"}|ACTIVE|reboot-acpi"
  "reboot|{\"type\":\"hard\"}|ACTIVE|reset" "pause|{}|PAUSED|suspend" "unpause|{}|ACTIVE|resume"
  "suspend|{}|SUSPENDED|managedsave" "resume|{}|ACTIVE|restore")
for round in $(seq 1 "$RUNS"); do
  for row in "${ACTIONS[@]}"; do
    IFS='|' read -r action body after rawfn <<<"$row"
    key="$action$(grep -o 'soft\|hard' <<<"$body" || true)"
    # LIFECYCLE_ACTIONS="rebootsoft stop" runs only those (keys: stop start rebootsoft reboothard pause unpause
    # suspend resume); each listed action must find the server as the one before it left it (reboots alone do)
    [ -z "${LIFECYCLE_ACTIONS:-}" ] || [[ " $LIFECYCLE_ACTIONS " == *" $key "* ]] || continue
    if [ "$action" = stop ] || [ "$key" = rebootsoft ]; then # ACPI: both guests must be listening
      wait_acpi "$AGENT_DIR/instances/$id/console.log" "$id"
      wait_acpi "$BENCH/$raw/console.log" "$raw"
    fi
    api_boots=$(boots "$AGENT_DIR/instances/$id/console.log" "$id")
    raw_boots=$(boots "$BENCH/$raw/console.log" "$raw")
    # which side goes first alternates by round: the second runs while the first one's guest boots or settles
    if ((round % 2)); then OBSERVE_SERVER="$id" "${PROBE[@]}" raw "$raw" "$rawfn" >>"$WORK/raw-$key"; fi
    read -r took post < <("${PROBE[@]}" api "$STRATUS_URL" "$STRATUS_TOKEN" "$id" "$action" "$body" "$after")
    echo "$took" >>"$WORK/api-$key"
    echo "$post" >>"$WORK/post-$key"
    if ! ((round % 2)); then OBSERVE_SERVER="$id" "${PROBE[@]}" raw "$raw" "$rawfn" >>"$WORK/raw-$key"; fi
    case "$action$key" in # a start or a reboot boots the guest again: the next ACPI press must wait for that boot
      start*|reboot*)
        wait_marker "$AGENT_DIR/instances/$id/console.log" "$id" $((api_boots + 1))
        wait_marker "$BENCH/$raw/console.log" "$raw" $((raw_boots + 1)) ;;
    esac
  done
done
api DELETE "/v1/servers/$id" >/dev/null
fi

# --- resize m1.tiny → m1.small, then confirm-resize: a fresh server and a fresh raw domain each round
if part resize; then
flavor_field() { # flavor field: a number from GET /v1/flavors
  api GET /v1/flavors | tr '{' '\n' | grep "\"name\":\"$1\"" | grep -o "\"$2\":[0-9]*" | head -n 1 | cut -d: -f2
}
to_vcpus=$(flavor_field "$TO" vcpus); to_ram=$(flavor_field "$TO" ram_mb); to_disk=$(flavor_field "$TO" disk_gb)
[ -n "$to_vcpus" ] && [ -n "$to_ram" ] && [ -n "$to_disk" ] || { echo "flavor $TO not found in /v1/flavors" >&2; exit 1; }
xml_kib() { sed -n "s#.*<$2 unit='KiB'>\([0-9]*\)</$2>.*#\1#p" "$1" | head -n 1; }
resized_xml() { # in out: the dumped domain XML with $TO's vCPUs, RAM, soft limit and memory cap (RAM + the same
  # overhead the agent adds; the hard limit itself is applied after start, as the agent does)
  local ram cap overhead
  ram=$(xml_kib "$1" memory)
  cap=$(grep -o 'memory-cap-kib="[0-9]*"' "$1" | grep -o '[0-9]*')
  overhead=$((cap - ram))
  sed -e "s#<memory unit='KiB'>[0-9]*</memory>#<memory unit='KiB'>$((to_ram * 1024))</memory>#" \
    -e "s#<currentMemory unit='KiB'>[0-9]*</currentMemory>#<currentMemory unit='KiB'>$((to_ram * 1024))</currentMemory>#" \
    -e "s#<soft_limit unit='KiB'>[0-9]*</soft_limit>#<soft_limit unit='KiB'>$((to_ram * 1024))</soft_limit>#" \
    -e "s#\(<vcpu[^>]*>\)[0-9]*</vcpu>#\1$to_vcpus</vcpu>#" \
    -e "s#memory-cap-kib=\"[0-9]*\"#memory-cap-kib=\"$((to_ram * 1024 + overhead))\"#" "$1" >"$2"
}
raw_resize() { # the agent's steps on the raw domain $rr (its resized XML is in $BENCH/$rr/resized.xml), timed by the
  # probe on one libvirt connection (no virsh process inside the measure; qemu-img runs as a process, as the agent's)
  local dir="$BENCH/$rr"
  OBSERVE_SERVER="$rid" TEARDOWN_FILE="$SAMPLES/teardown-raw" "${PROBE[@]}" raw-resize "$rr" "$dir/resized.xml" "$dir/disk.qcow2" "$dir/disk-before-resize.qcow2" "$to_disk"
}
raw_confirm() { rm -f "$BENCH/$rr/disk-before-resize.qcow2"; }
xml_checked=0
# The first RESIZE_WARMUP rounds (default 2) are run but not counted, on both sides: the services' resize code is
# interpreted until the JIT has seen it a few times, and a stack started just before the run is still compiling.
WARMUP=${RESIZE_WARMUP:-2}
mkdir -p "$WORK/warmup"
for round in $(seq 1 $((RUNS + WARMUP))); do
  SAMPLES=$WORK; ((round > WARMUP)) || SAMPLES=$WORK/warmup
  rid=$(api POST /v1/servers "{\"name\":\"bench-resize-$round\",\"flavor\":\"$FROM\",\"image\":\"stratus-tiny\"}" | json_field id)
  SERVERS+=("$rid")
  rr=$(raw_domain)
  RAW+=("$rr")
  resized_xml "$BENCH/$rr/domain.xml" "$BENCH/$rr/resized.xml"
  "${VIRSH[@]}" define "$BENCH/$rr/domain.xml" >/dev/null
  "${VIRSH[@]}" start "$rr" >/dev/null
  wait_api "$rid" ACTIVE
  wait_acpi "$AGENT_DIR/instances/$rid/console.log" "$rid"
  wait_acpi "$BENCH/$rr/console.log" "$rr"

  # which side goes first alternates by round (as for the actions): the first one's guest has been up for as long
  # as the other's when the second is pressed otherwise, and the second waits for the first's guest to boot again
  if ((round % 2)); then
    raw_resize >>"$SAMPLES/raw-resize"
    wait_marker "$BENCH/$rr/console.log" "$rr" 2
  fi
  read -r took post < <(TEARDOWN_FILE="$SAMPLES/teardown-api" TEARDOWN_DOMAIN="$rid" "${PROBE[@]}" api "$STRATUS_URL" \
    "$STRATUS_TOKEN" "$rid" resize "{\"flavor\":\"$TO\"}" VERIFY_RESIZE)
  echo "$took" >>"$SAMPLES/api-resize"
  echo "$post" >>"$SAMPLES/post-resize"
  wait_marker "$AGENT_DIR/instances/$rid/console.log" "$rid" 2 # the API's guest has booted again
  if ! ((round % 2)); then
    raw_resize >>"$SAMPLES/raw-resize"
    wait_marker "$BENCH/$rr/console.log" "$rr" 2
  fi
  if [ $xml_checked = 0 ]; then # the hand-edited XML is what the agent defined (ids aside)
    xml_checked=1
    "${VIRSH[@]}" dumpxml --inactive "$rid" | sed -e "s#$AGENT_DIR/instances/$rid#$BENCH/$rr#g" -e "s#$rid#$rr#g" >"$WORK/agent-resized.xml"
    "${VIRSH[@]}" dumpxml --inactive "$rr" >"$WORK/raw-resized.xml"
    diff <(grep -v '<uuid>\|<mac \|<target dev=.vnet\|<alias ' "$WORK/agent-resized.xml") \
      <(grep -v '<uuid>\|<mac \|<target dev=.vnet\|<alias ' "$WORK/raw-resized.xml") >&2 \
      && echo "resized XML: the raw domain's matches the agent's" >&2 \
      || echo "WARNING: the raw domain's resized XML differs from the agent's (above)" >&2
    [ "$(qemu-img info -U --output=json "$AGENT_DIR/instances/$rid/disk.qcow2" | sed -n 's/.*"virtual-size": \([0-9]*\).*/\1/p' | head -n 1)" \
      = "$(qemu-img info -U --output=json "$BENCH/$rr/disk.qcow2" | sed -n 's/.*"virtual-size": \([0-9]*\).*/\1/p' | head -n 1)" ] \
      || echo "WARNING: the disks' virtual sizes differ" >&2
  fi

  read -r took post copy < <("${PROBE[@]}" api "$STRATUS_URL" "$STRATUS_TOKEN" "$rid" confirm-resize '{}' ACTIVE \
    "$AGENT_DIR/instances/$rid/disk-before-resize.qcow2")
  echo "$took" >>"$SAMPLES/api-confirm"
  echo "$post" >>"$SAMPLES/post-confirm"
  echo "$copy" >>"$SAMPLES/api-confirmcopy"
  t0=$(now_ms)
  raw_confirm
  echo $(($(now_ms) - t0)) | tee -a "$SAMPLES/raw-confirm" >>"$SAMPLES/raw-confirmcopy"

  api DELETE "/v1/servers/$rid" >/dev/null
  "${VIRSH[@]}" destroy "$rr" >/dev/null 2>&1 || true
  "${VIRSH[@]}" undefine "$rr" >/dev/null 2>&1 || true
  wait_gone "$rid"
done
fi
RESIZES=("resize|resize $FROM → $TO (ACPI stop, disk copy, disk ${to_disk:-?} GiB, define, start) → VERIFY_RESIZE"
  "confirm|confirm-resize → ACTIVE" "confirmcopy|confirm-resize → the host deleted the disk's copy")

rows=""
for row in "${ACTIONS[@]}"; do
  IFS='|' read -r action body after rawfn <<<"$row"
  key="$action$(grep -o 'soft\|hard' <<<"$body" || true)"
  [ -f "$WORK/api-$key" ] || continue
  read -r am ap < <(stats <"$WORK/api-$key")
  read -r rm rp < <(stats <"$WORK/raw-$key")
  read -r over ok < <(verdict "$am" "$rm")
  read -r pm _ < <(stats <"$WORK/post-$key")
  rows="$rows| $action ${body//\"/} → $after | $pm | $am | $ap | $rm | $rp | $over | $ok |"$'\n'
done
for row in "${RESIZES[@]}"; do
  IFS='|' read -r key label <<<"$row"
  [ -f "$WORK/api-$key" ] || continue
  read -r am ap < <(stats <"$WORK/api-$key")
  read -r rm rp < <(stats <"$WORK/raw-$key")
  read -r over ok < <(verdict "$am" "$rm")
  pm="–"; [ -f "$WORK/post-$key" ] && read -r pm _ < <(stats <"$WORK/post-$key")
  rows="$rows| $label | $pm | $am | $ap | $rm | $rp | $over | $ok |"$'\n'
  if [ "$key" = resize ] && [ -s "$WORK/teardown-api" ]; then # the same, each sample less its own QEMU teardown
    read -r am ap < <(paste "$WORK/api-resize" "$WORK/teardown-api" | awk '{print $1 - $2}' | stats)
    read -r rm rp < <(paste "$WORK/raw-resize" "$WORK/teardown-raw" | awk '{print $1 - $2}' | stats)
    read -r over ok < <(verdict "$am" "$rm")
    td_api=$(stats <"$WORK/teardown-api" | cut -d' ' -f1)
    td_raw=$(stats <"$WORK/teardown-raw" | cut -d' ' -f1)
    label="the same, each sample less its own libvirt/QEMU teardown (SHUTDOWN → SHUTOFF; medians API $td_api, raw $td_raw)"
    rows="$rows| $label | – | $am | $ap | $rm | $rp | $over | $ok |"$'\n'
  fi
done
samples=""
for f in "$WORK"/api-*; do
  key=${f##*/api-}
  samples="$samples $key $(tr '\n' ' ' <"$f")/ $(tr '\n' ' ' <"$WORK/raw-$key");"
done
[ ! -s "$WORK/teardown-api" ] || samples="$samples resize's teardown $(tr '\n' ' ' <"$WORK/teardown-api")/ $(tr '\n' ' ' <"$WORK/teardown-raw");"

# --- parallel creates through the API and parallel raw creates
if part parallel; then
t0=$(now_ms)
ids=()
for i in $(seq 1 "$PARALLEL"); do
  ids+=("$(api POST /v1/servers "{\"name\":\"bench-par-$i\",\"flavor\":\"m1.tiny\",\"image\":\"stratus-tiny\"}" | json_field id)")
done
SERVERS+=("${ids[@]}")
for p in "${ids[@]}"; do wait_api "$p" ACTIVE; done
api_active=$(($(now_ms) - t0))
for p in "${ids[@]}"; do wait_marker "$AGENT_DIR/instances/$p/console.log" "$p"; done
api_markers=$(($(now_ms) - t0))
for p in "${ids[@]}"; do api DELETE "/v1/servers/$p" >/dev/null; done

raws=()
for i in $(seq 1 "$PARALLEL"); do raws+=("$(raw_domain)"); done
RAW+=("${raws[@]}")
t0=$(now_ms)
for r in "${raws[@]}"; do "${VIRSH[@]}" create "$BENCH/$r/domain.xml" >/dev/null & done
wait
raw_running=$(($(now_ms) - t0))
for r in "${raws[@]}"; do wait_marker "$BENCH/$r/console.log" "$r"; done
raw_markers=$(($(now_ms) - t0))
fi

report=$(cat <<EOF

## Lifecycle actions ($(date -u +%Y-%m-%d), $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1 /proc/loadavg) at the end, TCG, m1.tiny busybox guest, $RUNS rounds)

Load at the start: $LOAD_START. Each action: API = the POST's 202 → the new status with no task in flight, seen
through the API (one open HTTP connection, polled every 10 ms); raw = the libvirt call \`virsh\` makes for it
(python3-libvirt on an open connection) on a domain of the same XML → libvirt shows the state (polled every 10 ms;
soft reboot: libvirt's reboot event). No process start inside either measure. POST = the POST's own round trip
(not in the API column). The side that goes first alternates by round. Resize, raw: the agent's steps on one libvirt connection (lifecycle_probe.py raw-resize); its side also alternates; the first ${WARMUP:-0} resize rounds of each side are warm-up, not counted.
Raw side observed as the API side is: $([ "${LIFECYCLE_OBSERVER:-1}" = 1 ] && echo "yes (a GET of the API's server every 10 ms while it is measured)" || echo "no (LIFECYCLE_OBSERVER=0)").
Parts run: $PARTS${LIFECYCLE_ACTIONS:+(actions: $LIFECYCLE_ACTIONS)}.

| action → state | POST median ms | API median ms | API p90 | raw median ms | raw p90 | API − raw | ≤ 100 ms |
|---|---|---|---|---|---|---|---|
${rows}
Raw samples (ms), API / raw:${samples}

$(part parallel && echo "$PARALLEL parallel creates: API → all ACTIVE ${api_active} ms, → all guest markers ${api_markers} ms; $PARALLEL parallel
raw \`virsh create\` of the same XML → all running ${raw_running} ms, → all markers ${raw_markers} ms.")
EOF
)
echo "$report"
echo "$report" >>"$ROOT/docs/benchmarks.md"
DONE=1
