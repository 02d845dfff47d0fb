#!/usr/bin/env bash
# Server list benchmark: GET /v1/servers?limit=100 with 10,000 live servers in one project.
#   first   /v1/servers?limit=100                        the default order (created_at, id), first page
#   deep    /v1/servers?limit=100&marker=<9,000th>       a page deep in the list, by marker
#   filter  /v1/servers?limit=100&status=ACTIVE&tag=web  a filtered list (a vm_state and a tag)
#   name    /v1/servers?limit=100&sort_key=name          sorted by name
# Each: $REQUESTS requests one after another on one keep-alive connection (curl, time_total: request sent → last
# byte of the ~75 KB body read) after a warm-up. Target: p99 < 20 ms.
#
# Starts what it needs, apart from any stack of ./stratus: PostgreSQL and Kafka (devinfra's DevInfra, as ./stratus
# does) and api-service alone, on their own ports, in a temporary state directory removed at the end. The rows are
# written with SQL (see seed below): 10,000 live servers of project demo, plus 2,000 deleted servers of demo and
# 5,000 live servers of five other projects (both invisible to the list, but in the table and its indexes).
#
# BEFORE=<a quarkus-app directory of an earlier api-service build> (optional): measures that build first (its
# Flyway migrations only), stops it, starts this one on the same database (Flyway adds this build's migrations) and
# measures again: before and after in the same run, on the same rows. EXPLAIN ANALYZE of this build's queries (the
# SQL below, written as Hibernate writes them) is run at the end.
# Appends to docs/benchmarks.md. Builds api-service through the reactor (mvn package, no install) when needed.
# Usage: deploy/bench/server-list.sh [requests=1000]
#   BENCH_API_PORT (28180), BENCH_PG_PORT (25433), BENCH_KAFKA_PORT (29093), BEFORE,
#   BENCH_JAVA_OPTS (more JVM options for api-service, e.g. -XX:StartFlightRecording=filename=/tmp/list.jfr to profile)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REQUESTS=${1:-1000}
WARMUP=500
API_PORT=${BENCH_API_PORT:-28180}
PG_PORT=${BENCH_PG_PORT:-25433}
KAFKA_PORT=${BENCH_KAFKA_PORT:-29093}
BEFORE=${BEFORE:-}
API="http://localhost:$API_PORT"
WORK=$(mktemp -d /tmp/stratus-bench-list.XXXXXX)
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
[ -z "$BEFORE" ] || [ -f "$BEFORE/quarkus-run.jar" ] || die "BEFORE=$BEFORE holds no quarkus-run.jar"
for p in "$API_PORT" "$PG_PORT" "$KAFKA_PORT"; do port_free "$p" || die "port $p is taken (BENCH_*_PORT)"; done

# --- build (through the reactor; nothing is installed into ~/.m2)
jar="$ROOT/api-service/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ] || [ ! -d "$ROOT/devinfra/target/lib" ] || [ -n "$(find "$ROOT/contracts/src" "$ROOT/platform/src" \
  "$ROOT/api-service/src/main" "$ROOT/devinfra/src" -newer "$jar" -type f -print -quit)" ]; then
  log "building api-service (mvn package -pl contracts,platform,devinfra,api-service)"
  (cd "$ROOT" && mvn -B -q -o package -DskipTests -pl contracts,platform,devinfra,api-service) || die "build failed"
fi

# --- PostgreSQL, Kafka, api-service
log "starting PostgreSQL ($PG_PORT) and Kafka ($KAFKA_PORT) in $WORK"
java -Xmx384m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/devinfra/target/classes:$ROOT/devinfra/target/lib/*" \
  dev.stratus.devinfra.DevInfra "$WORK/infra" "$PG_PORT" "$KAFKA_PORT" >"$WORK/infra.log" 2>&1 &
PIDS+=($!)
wait_for "PostgreSQL and Kafka" 180 test -f "$WORK/infra/infra.env"
DEMO_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
secret() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }
API_PID=
start_api() { # quarkus-app directory: starts that api-service, waits until ready, sets TOKEN (demo's)
  log "starting api-service ($API_PORT) from $1"
  STRATUS_API_BOOTSTRAP_ADMIN_PASSWORD=$(secret) STRATUS_API_BOOTSTRAP_DEMO_PASSWORD="$DEMO_PASSWORD" \
  STRATUS_API_BOOTSTRAP_AGENT_PASSWORD=$(secret) STRATUS_API_BOOTSTRAP_NETWORK_PASSWORD=$(secret) \
  STRATUS_API_BOOTSTRAP_IMAGE_PASSWORD=$(secret) \
    java -Xmx384m ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$API_PORT" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://localhost:$PG_PORT/stratus" \
    -Dkafka.bootstrap.servers="localhost:$KAFKA_PORT" -Dmp.jwt.verify.publickey.location="$API/v1/auth/keys" \
    -Dstratus.api.image-service-url="http://localhost:1" -Dstratus.api.network-service-url="http://localhost:1" \
    -Dstratus.rate-limits.enabled=false \
    -jar "$1/quarkus-run.jar" >>"$WORK/api-service.log" 2>&1 &
  API_PID=$!
  PIDS+=("$API_PID")
  wait_for "api-service" 180 curl -sf "$API/q/health/ready"
  TOKEN=$(curl -sf -X POST "$API/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"user\":\"demo\",\"password\":\"$DEMO_PASSWORD\",\"project\":\"demo\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4 || true)
  [ -n "$TOKEN" ] || die "no token for demo"
}
stop_api() {
  kill "$API_PID"
  for _ in $(seq 1 100); do kill -0 "$API_PID" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$API_PID"
}
start_api "${BEFORE:-$ROOT/api-service/target/quarkus-app}"

# --- the rows: what a project with 10,000 servers looks like after a week of use
log "writing 10,000 servers of project demo (+ 2,000 deleted, + 5,000 of other projects)"
PROJECT=$(sql -At -c "SELECT id FROM api.project WHERE name = 'demo'")
sql -v project="$PROJECT" <<'SQL'
SET search_path = api;
CREATE TEMP TABLE seed AS
SELECT g AS n, :'project' AS project_id, NULL::timestamptz AS deleted_at FROM generate_series(1, 10000) g
UNION ALL SELECT 10000 + g, :'project', now() - (g % 500) * interval '1 minute' FROM generate_series(1, 2000) g
UNION ALL SELECT 12000 + g, 'other-' || (g % 5), NULL FROM generate_series(1, 5000) g;
INSERT INTO instance (id, project_id, name, description, metadata, flavor_id, image_id, vcpus, ram_mb, disk_gb,
                      desired_state, vm_state, task_state, power_state, host, agent_url, status_seq, power_generation,
                      shutdown_behavior, placement, created_at, updated_at, deleted_at)
SELECT md5('server-' || n)::uuid, project_id,
       (ARRAY['web', 'db', 'ci-runner', 'cache', 'batch'])[1 + n % 5] || '-' || lpad(((n * 7919) % 100000)::text, 5, '0'),
       CASE WHEN n % 7 = 0 THEN 'server ' || n || ' of the benchmark' END,
       CASE WHEN n % 4 = 0 THEN jsonb_build_object('owner', 'team-' || n % 9, 'job', n::text) ELSE '{}'::jsonb END,
       (ARRAY['m1.tiny', 'm1.small', 'm1.medium'])[1 + n % 3],
       (ARRAY['0b8e1c7e-5d1e-4a63-9a55-3f0f8a7b2c11', '6f1c2a3e-1111-4a63-9a55-3f0f8a7b2c12'])[1 + n % 2],
       1 + n % 2, 128 << (n % 3), 1 << (n % 3),
       CASE WHEN s.vm = 'STOPPED' THEN 'STOPPED' ELSE 'RUNNING' END, s.vm,
       CASE WHEN s.vm = 'BUILDING' THEN 'SPAWNING' END,
       CASE s.vm WHEN 'ACTIVE' THEN 'RUNNING' WHEN 'STOPPED' THEN 'SHUTOFF' WHEN 'BUILDING' THEN 'NOSTATE' END,
       'host-' || lpad((n % 20)::text, 2, '0'), 'http://host-' || lpad((n % 20)::text, 2, '0') || ':8082',
       n % 13, n % 3, 'STOP',
       CASE WHEN s.vm <> 'BUILDING' THEN '{"eventId":"' || md5('placed-' || n)::uuid || '","instanceId":"'
         || md5('server-' || n)::uuid || '","host":"host-' || lpad((n % 20)::text, 2, '0')
         || '","flavor":{"vcpus":1,"ramMb":128,"diskGb":1},"image":{"id":"0b8e1c7e-5d1e-4a63-9a55-3f0f8a7b2c11"},'
         || '"networks":[],"keys":[],"userData":null}' END,
       timestamptz '2026-11-20 00:00:00+00' + n * interval '1 minute',
       timestamptz '2026-11-20 00:00:00+00' + n * interval '1 minute' + (n % 97) * interval '1 minute',
       deleted_at
FROM seed, LATERAL (SELECT CASE WHEN n % 20 < 16 THEN 'ACTIVE' WHEN n % 20 < 18 THEN 'STOPPED'
                                WHEN n % 20 = 18 THEN 'ERROR' ELSE 'BUILDING' END AS vm) s;
-- tags: a third "web", a tenth "ci", one in fifty "gpu" (so a server has 0 to 3)
INSERT INTO instance_tag (instance_id, tag)
SELECT md5('server-' || n)::uuid, t FROM seed, LATERAL (VALUES ('web', n % 3 = 0), ('ci', n % 10 = 0),
  ('gpu', n % 50 = 0)) AS v(t, has) WHERE has;
ANALYZE instance;
ANALYZE instance_tag;
SQL
live=$(curl -sf "$API/v1/servers?limit=1000" -H "Authorization: Bearer $TOKEN" | grep -o '"vcpus":' | wc -l || true)
[ "$live" = 1000 ] || die "the list does not show the rows ($live)"
# the marker of the deep page: the 9,000th server in the default order
DEEP=$(sql -At -c "SELECT id FROM api.instance WHERE project_id = '$PROJECT' AND deleted_at IS NULL
  ORDER BY created_at, id OFFSET 8999 LIMIT 1")
NAMES=(first deep filter name)
declare -A URLS=([first]="/v1/servers?limit=100" [deep]="/v1/servers?limit=100&marker=$DEEP"
  [filter]="/v1/servers?limit=100&status=ACTIVE&tag=web" [name]="/v1/servers?limit=100&sort_key=name")
# the same queries in SQL as this build's ListQuery writes them, for EXPLAIN ANALYZE
declare -A SQLS=(
  [first]="SELECT * FROM api.instance e WHERE (e.project_id = '$PROJECT' AND e.deleted_at IS NULL)
    ORDER BY e.created_at, e.id LIMIT 101"
  [deep]="SELECT * FROM api.instance e WHERE (e.project_id = '$PROJECT' AND e.deleted_at IS NULL)
    AND e.created_at >= (SELECT created_at FROM api.instance WHERE id = '$DEEP') AND (e.created_at >
    (SELECT created_at FROM api.instance WHERE id = '$DEEP') OR (e.created_at = (SELECT created_at FROM api.instance
    WHERE id = '$DEEP') AND e.id > '$DEEP')) ORDER BY e.created_at, e.id LIMIT 101"
  [filter]="SELECT * FROM api.instance e WHERE (e.project_id = '$PROJECT' AND e.deleted_at IS NULL)
    AND (e.vm_state = 'ACTIVE' AND e.host_lost_at IS NULL) AND (EXISTS (SELECT 1 FROM api.instance_tag t
    WHERE t.instance_id = e.id AND t.tag = 'web')) ORDER BY e.created_at, e.id LIMIT 101"
  [name]="SELECT * FROM api.instance e WHERE (e.project_id = '$PROJECT' AND e.deleted_at IS NULL)
    ORDER BY e.name, e.id LIMIT 101")

# measure label: every scenario, REQUESTS each; results in $WORK/<label>.<scenario>
measure() {
  local label=$1 s i cfg
  for s in "${NAMES[@]}"; do
    cfg="$WORK/$s.curl"
    for ((i = 0; i < REQUESTS; i++)); do printf 'url = "%s%s"\noutput = /dev/null\n' "$API" "${URLS[$s]}"; done >"$cfg"
    curl -s -K "$cfg" -H "Authorization: Bearer $TOKEN" -w '%{http_code} %{time_total}\n' >"$WORK/$label.$s.raw"
    awk '$1 != 200 {bad++} END {exit bad > 0}' "$WORK/$label.$s.raw" || die "$label $s: not every answer was 200"
    awk '{printf "%.3f\n", $2 * 1000}' "$WORK/$label.$s.raw" | sort -n >"$WORK/$label.$s"
  done
}
pct() { # file p → the p-th percentile (nearest rank)
  awk -v p="$2" '{a[NR]=$1} END {i=int(p/100*NR+0.999); if(i<1)i=1; print a[i]}' "$1"
}
row() { # label scenario → a table row
  local f="$WORK/$1.$2"
  printf '| %s | %s | `%s` | %s | %s | %s | %s |\n' "$1" "$2" "${URLS[$2]/$DEEP/<9000th>}" "$(pct "$f" 50)" \
    "$(pct "$f" 90)" "$(pct "$f" 99)" "$(tail -n 1 "$f")"
}
warm() { # the JIT and the pools, on every scenario
  local s i cfg="$WORK/warm.curl"
  for ((i = 0; i < WARMUP; i++)); do
    for s in "${NAMES[@]}"; do printf 'url = "%s%s"\noutput = /dev/null\n' "$API" "${URLS[$s]}"; done
  done >"$cfg"
  curl -sf -K "$cfg" -H "Authorization: Bearer $TOKEN" >/dev/null
}

LABELS=()
if [ -n "$BEFORE" ]; then
  log "warming up ($WARMUP rounds)"
  warm
  measure before
  LABELS+=(before)
  stop_api
  start_api "$ROOT/api-service/target/quarkus-app"
  sql -c "ANALYZE api.instance; ANALYZE api.instance_tag"
fi
log "warming up ($WARMUP rounds)"
warm
label=now
[ -z "$BEFORE" ] || label=after
measure "$label"
LABELS+=("$label")
for s in "${NAMES[@]}"; do sql -At -c "EXPLAIN (ANALYZE, BUFFERS) ${SQLS[$s]}" >"$WORK/$s.plan"; done
load=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
ram=$(free -g | awk '/^Mem:/{print $2}')
table=$(
  echo "| run | list | request | p50 ms | p90 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|"
  for l in "${LABELS[@]}"; do for s in "${NAMES[@]}"; do row "$l" "$s"; done; done
)
echo "$table"
met=met
for l in "${LABELS[@]: -1}"; do
  for s in "${NAMES[@]}"; do
    awk -v v="$(pct "$WORK/$l.$s" 99)" 'BEGIN {exit !(v < 20)}' || met="NOT met"
  done
done
plans=$(for s in "${NAMES[@]}"; do
  printf '%s: %s\n' "$s" "$(grep -E 'Index Scan|Index Only|Seq Scan|Sort Method|Index Cond|Execution Time' "$WORK/$s.plan" |
    sed "s/^ *//; s/  */ /g; s/ *(cost=[^)]*)//; s/ *(actual time=[^)]*)//; s/$PROJECT/<project>/; s/$DEEP/<marker>/" |
    grep -v 'instance_pkey\|(id = ' | paste -sd ';' | sed 's/;/; /g')"
done)
echo "$plans"
{
  echo
  echo "## Server list: GET /v1/servers?limit=100 with 10,000 servers ($(date -u +%F), $(nproc) cores $cpu, ${ram} GiB, load average at the end $load; $REQUESTS requests per list after $WARMUP warm-up rounds; \`deploy/bench/server-list.sh\`)"
  echo
  echo "Project demo holds 10,000 live servers (plus 2,000 deleted and 5,000 of five other projects in the same table;"
  echo "a third tagged web, a tenth ci, 1 in 50 gpu; metadata on a quarter; 80 % ACTIVE). One client, one keep-alive"
  echo "connection, requests back to back; time = curl's time_total (request sent → the ~75 KB body read), api-service"
  echo "alone (-Xmx384m, rate limits off) with its PostgreSQL on the same machine.${BEFORE:+ before = the build in $BEFORE, after = this one, in the same run on the same rows.}"
  echo
  echo "$table"
  echo
  echo "Target p99 < 20 ms on every list${BEFORE:+ (after)}: **$met**. Plans of this build's queries (EXPLAIN ANALYZE at the end):"
  echo
  echo "$plans" | sed 's/^/- /'
} >>"$ROOT/docs/benchmarks.md"
log "appended to docs/benchmarks.md"
