#!/usr/bin/env bash
# Event feed: commit of a server action → the answer of a follower's waiting long poll (GET /v1/events?wait_seconds=10),
# before and after LISTEN/NOTIFY, in the same run: two api-services of this build on one database, the same project,
# samples alternating between them (EventFeedLatency.java: the poll waits 200-1200 ms, then one action is written
# with JDBC and committed; time = commit() returned → the answer read):
#   poll    -Dstratus.api.events-listen=false: the follower reads again every events-poll-interval (500 ms), as the
#           feed did before NOTIFY
#   notify  the default: PostgreSQL's NOTIFY at the commit wakes it
# Then what a waiting follower costs the database: transactions committed (pg_stat_database.xact_commit) during
# 10 s with nobody waiting, with 20 long polls waiting on one service, then on the other.
#
# Starts what it needs, apart from any stack of ./stratus: PostgreSQL and Kafka (devinfra's DevInfra) and the two
# api-services, on their own ports, in a temporary state directory removed at the end. Appends to docs/benchmarks.md.
# Builds api-service through the reactor (mvn package, no install) when needed.
# Usage: deploy/bench/event-feed.sh [rounds=50]
#   BENCH_API_PORT (28190; the second service takes the next port), BENCH_PG_PORT (25434), BENCH_KAFKA_PORT (29094)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=${1:-50}
WAITERS=20
POLL_PORT=${BENCH_API_PORT:-28190}
NOTIFY_PORT=$((POLL_PORT + 1))
PG_PORT=${BENCH_PG_PORT:-25434}
KAFKA_PORT=${BENCH_KAFKA_PORT:-29094}
WORK=$(mktemp -d /tmp/stratus-bench-feed.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  [ -n "${BENCH_KEEP:-}" ] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # what seconds command...
  local what=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what did not come up within the time (logs: $WORK/*.log)"
    sleep 0.3
  done
}
sql() { PGPASSWORD=postgres psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d stratus "$@"; }
for p in "$POLL_PORT" "$NOTIFY_PORT" "$PG_PORT" "$KAFKA_PORT"; do port_free "$p" || die "port $p is taken (BENCH_*_PORT)"; done

# --- build (through the reactor; nothing is installed into ~/.m2)
jar="$ROOT/api-service/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ] || [ ! -d "$ROOT/devinfra/target/lib" ] || [ -n "$(find "$ROOT/contracts/src" "$ROOT/platform/src" \
  "$ROOT/api-service/src/main" "$ROOT/devinfra/src" -newer "$jar" -type f -print -quit)" ]; then
  log "building api-service (mvn package -pl contracts,platform,devinfra,api-service)"
  (cd "$ROOT" && mvn -B -q -o package -DskipTests -pl contracts,platform,devinfra,api-service) || die "build failed"
fi

# --- PostgreSQL, Kafka, the two api-services
log "starting PostgreSQL ($PG_PORT) and Kafka ($KAFKA_PORT) in $WORK"
java -Xmx384m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/devinfra/target/classes:$ROOT/devinfra/target/lib/*" \
  dev.stratus.devinfra.DevInfra "$WORK/infra" "$PG_PORT" "$KAFKA_PORT" >"$WORK/infra.log" 2>&1 &
PIDS+=($!)
wait_for "PostgreSQL and Kafka" 180 test -f "$WORK/infra/infra.env"
secret() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }
DEMO_PASSWORD=$(secret) ADMIN_PASSWORD=$(secret) AGENT_PASSWORD=$(secret) NETWORK_PASSWORD=$(secret) IMAGE_PASSWORD=$(secret)
start_api() { # name port options...: starts an api-service, waits until ready, prints demo's token
  local name=$1 port=$2
  shift 2
  log "starting api-service '$name' ($port) $*"
  STRATUS_API_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD STRATUS_API_BOOTSTRAP_DEMO_PASSWORD="$DEMO_PASSWORD" \
  STRATUS_API_BOOTSTRAP_AGENT_PASSWORD=$AGENT_PASSWORD STRATUS_API_BOOTSTRAP_NETWORK_PASSWORD=$NETWORK_PASSWORD \
  STRATUS_API_BOOTSTRAP_IMAGE_PASSWORD=$IMAGE_PASSWORD \
    java -Xmx256m "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://localhost:$PG_PORT/stratus" \
    -Dkafka.bootstrap.servers="localhost:$KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="http://localhost:$port/v1/auth/keys" \
    -Dstratus.api.image-service-url="http://localhost:1" -Dstratus.api.network-service-url="http://localhost:1" \
    -Dstratus.rate-limits.enabled=false \
    -jar "$ROOT/api-service/target/quarkus-app/quarkus-run.jar" >>"$WORK/api-$name.log" 2>&1 &
  PIDS+=($!)
  wait_for "api-service $name" 180 curl -sf "http://localhost:$port/q/health/ready"
}
token() { # port
  curl -sf -X POST "http://localhost:$1/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"user\":\"demo\",\"password\":\"$DEMO_PASSWORD\",\"project\":\"demo\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4 || true
}
# one after the other: the first one runs the migrations
start_api poll "$POLL_PORT" -Dstratus.api.events-listen=false
start_api notify "$NOTIFY_PORT"
POLL_TOKEN=$(token "$POLL_PORT")
NOTIFY_TOKEN=$(token "$NOTIFY_PORT")
[ -n "$POLL_TOKEN" ] && [ -n "$NOTIFY_TOKEN" ] || die "no token for demo"
PROJECT=$(sql -At -c "SELECT id FROM api.project WHERE name = 'demo'")
grep -q 'events-listen is off' "$WORK/api-poll.log" || die "the poll service listens (api-poll.log)"
[ "$(sql -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'stratus-event-wakeups'")" = 1 ] ||
  die "not exactly one LISTEN connection"

# --- latency: commit → answer
driver=$(ls "$ROOT"/api-service/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -n 1)
log "measuring $ROUNDS rounds (warm-up: 5)"
java -cp "$driver" "$ROOT/deploy/bench/EventFeedLatency.java" "jdbc:postgresql://localhost:$PG_PORT/stratus" postgres \
  postgres "$PROJECT" 5 "poll=http://localhost:$POLL_PORT=$POLL_TOKEN" \
  "notify=http://localhost:$NOTIFY_PORT=$NOTIFY_TOKEN" >/dev/null 2>"$WORK/warmup.err" || die "warm-up failed: $(cat "$WORK/warmup.err")"
java -cp "$driver" "$ROOT/deploy/bench/EventFeedLatency.java" "jdbc:postgresql://localhost:$PG_PORT/stratus" postgres \
  postgres "$PROJECT" "$ROUNDS" "poll=http://localhost:$POLL_PORT=$POLL_TOKEN" \
  "notify=http://localhost:$NOTIFY_PORT=$NOTIFY_TOKEN" >"$WORK/samples" 2>"$WORK/samples.err" ||
  die "measuring failed: $(cat "$WORK/samples.err")"
retaken=$(grep -c 'taken again' "$WORK/samples.err" || true)
for side in poll notify; do grep "^$side " "$WORK/samples" | cut -d' ' -f2- | tr ' ' '\n' | sort -n >"$WORK/$side"; done
pct() { # file p → the p-th percentile (nearest rank)
  awk -v p="$2" '{a[NR]=$1} END {i=int(p/100*NR+0.999); if(i<1)i=1; print a[i]}' "$1"
}

# --- what waiting costs: transactions committed in the database in 10 s
# (a backend reports its counts at most once a second while busy, and within 10 s once idle: hence the 11 s pause)
xacts() { sleep 11; sql -At -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'stratus'"; }
cost() { # port token cursor (no port: nobody waits) → transactions committed in 10 s
  local before after i curls=()
  before=$(xacts)
  if [ -n "$1" ]; then
    for ((i = 0; i < WAITERS; i++)); do
      curl -s -o /dev/null "http://localhost:$1/v1/events?wait_seconds=10&since=$3" -H "Authorization: Bearer $2" &
      curls+=($!)
    done
    wait "${curls[@]}"
  else
    sleep 10
  fi
  after=$(xacts)
  echo $((after - before))
}
end_cursor() { # port token
  local cursor="" body
  while :; do
    body=$(curl -sf "http://localhost:$1/v1/events?limit=1000${cursor:+&since=$cursor}" -H "Authorization: Bearer $2")
    cursor=$(printf '%s' "$body" | grep -o '"next":"[^"]*"' | cut -d'"' -f4)
    case $body in *'"events":[]'*) echo "$cursor"; return ;; esac
  done
}
log "counting transactions: 10 s idle, then $WAITERS followers waiting 10 s on each service"
idle=$(cost "")
poll_cost=$(cost "$POLL_PORT" "$POLL_TOKEN" "$(end_cursor "$POLL_PORT" "$POLL_TOKEN")")
notify_cost=$(cost "$NOTIFY_PORT" "$NOTIFY_TOKEN" "$(end_cursor "$NOTIFY_PORT" "$NOTIFY_TOKEN")")
per() { awk -v c="$1" -v i="$idle" -v w="$WAITERS" 'BEGIN {printf "%.2f", (c - i) / w / 10}'; }
load=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
ram=$(free -g | awk '/^Mem:/{print $2}')
row() { # side what
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$(wc -l <"$WORK/$1")" "$(pct "$WORK/$1" 50)" \
    "$(pct "$WORK/$1" 90)" "$(pct "$WORK/$1" 99)" "$(tail -n 1 "$WORK/$1")"
}
table=$(
  echo "| follower | woken by | samples | p50 ms | p90 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|"
  row poll "re-read every 500 ms (\`events-listen=false\`, the feed before NOTIFY)"
  row notify "NOTIFY at the commit"
)
echo "$table"
{
  echo
  echo "## Event feed: commit → a waiting follower's answer, poll vs NOTIFY ($(date -u '+%F %H:%M') UTC, $(nproc) cores $cpu, ${ram} GiB, load average at the end $load; \`deploy/bench/event-feed.sh\`)"
  echo
  echo "Two api-services of this build (-Xmx256m) on one PostgreSQL on the same machine, following the same project,"
  echo "samples alternating between them; each: a long poll (\`wait_seconds=10\`) waits 200–1200 ms, then one server"
  echo "action (started and finished, one transaction) is committed with JDBC; time = \`commit()\` returned → the answer"
  echo "with that event read by the client (\`deploy/bench/EventFeedLatency.java\`, after 5 warm-up rounds; $retaken samples"
  echo "taken again because the poll answered an earlier event first)."
  echo
  echo "$table"
  echo
  echo "What waiting costs: transactions committed in the database in 10 s: $idle with nobody waiting (both services'"
  echo "own timers), with $WAITERS long polls waiting 10 s on one service and nothing happening: poll $poll_cost"
  echo "($(per "$poll_cost") transactions per waiting request per second), notify $notify_cost ($(per "$notify_cost"))."
  echo "A read is two transactions (the pool validates the connection it hands out, then the statement): a poll"
  echo "follower reads twice a second, a woken one once when it starts and once when its wait ends."
  echo
  echo "Samples (ms, sorted): poll $(tr '\n' ' ' <"$WORK/poll")/ notify $(tr '\n' ' ' <"$WORK/notify")"
} >>"$ROOT/docs/benchmarks.md"
log "appended to docs/benchmarks.md"
