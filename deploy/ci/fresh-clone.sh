#!/usr/bin/env bash
# The release check: what a new user does on a machine set up today. Clones a ref (default: main of this
# repository) into a temporary folder and runs the README's two commands there, exactly as written, as root:
#   1. ./stratus up    then, as the README's example does, one server of the demo project on a network: it must
#                      print STRATUS-GUEST-UP and the address IPAM gave it (STRATUS-NET <ip>), then it is deleted;
#                      ./stratus down
#   2. ./stratus test  under CI=true, as .ci/run runs it: the Debian packages are brought to today's versions first
# A green CI on a machine set up long ago can hide a broken new machine; this check does not.
# Usage (as root): deploy/ci/fresh-clone.sh [repository] [ref]
# Prints each step's time; the clone is kept when a step fails (its .stratus/logs tell why), removed otherwise.
# Maven uses a local repository of the clone's own (as on a new machine: everything comes from Maven Central), so
# the check neither reads nor overwrites the snapshots a developer's working tree installed in ~/.m2.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
repo=${1:-$here}
ref=${2:-main}
log() { printf '\033[1m[fresh-clone]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[fresh-clone] %s\033[0m\n' "$*" >&2; exit 1; }

step() { # name command...: runs it, prints its time, keeps the clone on failure
  local name=$1 start=$SECONDS; shift
  log "$name"
  if ! "$@"; then
    ./stratus down >/dev/null 2>&1 || true
    die "$name failed after $((SECONDS - start)) s; the clone is kept: $clone"
  fi
  log "$name: ok in $((SECONDS - start)) s"
}

api() { # method path [json] → body
  curl -sf -X "$1" "$STRATUS_URL$2" -H "Authorization: Bearer $STRATUS_TOKEN" -H 'Content-Type: application/json' \
    ${3:+-d "$3"}
}
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }

# The README's example on a network: a guest that boots and gets its address from the network's DHCP server.
first_server() {
  # shellcheck disable=SC1091
  . .stratus/dev.env
  local net server ip deadline console
  net=$(api POST /v1/networks '{"name":"fresh-clone"}' | field id) || return 1
  api POST /v1/subnets "{\"network_id\":\"$net\",\"cidr\":\"10.213.0.0/24\"}" >/dev/null || return 1
  server=$(api POST /v1/servers "{\"name\":\"hello\",\"flavor\":\"m1.tiny\",\"image\":\"stratus-tiny\",\"networks\":[{\"network\":\"$net\"}]}" |
    field id) || return 1
  ip=$(api GET "/v1/ports?device_id=$server" | field ip_address)
  log "server $server on network $net, address $ip"
  deadline=$((SECONDS + 180))
  until api GET "/v1/servers/$server/console" | grep -q "STRATUS-NET $ip"; do
    if ((SECONDS > deadline)) || api GET "/v1/servers/$server" | grep -q '"status":"ERROR"' ||
      api GET "/v1/servers/$server/console" | grep -q 'STRATUS-NET-FAILED\|STRATUS-MODULE-FAILED'; then
      echo "the guest did not print STRATUS-NET $ip; modules in its initramfs: $(tr '\n' ' ' <.stratus/test-image/initramfs.modules)"
      api GET "/v1/servers/$server"; echo
      api GET "/v1/servers/$server/console" | tail -c 3000
      return 1
    fi
    sleep 1
  done
  [[ "$(api GET "/v1/servers/$server")" == *'"status":"ACTIVE"'* ]] || return 1
  api DELETE "/v1/servers/$server" >/dev/null
  until ! api GET "/v1/servers/$server" >/dev/null; do sleep 1; done
  api DELETE "/v1/networks/$net" >/dev/null || true
}

main() {
  [ "$(id -u)" = 0 ] || die "run as root (the README's commands are run as root)"
  for port in 8080 8081 8082 8083 8084 15432 19092; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use: stop the stack that holds it (./stratus down)"
  done

  dir=$(mktemp -d /tmp/stratus-fresh-XXXXXX)
  clone="$dir/stratus"
  git clone -q --branch "$ref" "$repo" "$clone" || die "cannot clone $ref of $repo"
  log "clone of $ref ($(git -C "$clone" rev-parse --short HEAD)) in $clone"
  export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }-Dmaven.repo.local=$dir/m2"
  cd "$clone"
  total=$SECONDS
  step "./stratus up" ./stratus up
  step "a server on a network boots and gets its address" first_server
  step "./stratus down" ./stratus down
  step "./stratus test" env CI=true ./stratus test
  log "fresh clone green in $((SECONDS - total)) s"
  cd / && rm -rf "$dir"
}

# the whole script is read before it runs: editing this file during a run (it takes minutes) cannot change the run
main "$@"; exit
