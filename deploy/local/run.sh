#!/usr/bin/env bash
# Runs the whole Tasktrail stack on this machine: Redis, an S3-compatible store (S3Proxy), and the four
# services in local-auth mode. See docs/deploy.md ("Local run").
#
#   deploy/local/run.sh [--demo]   build what is stale, start everything, wait until ready, stay in the
#                                  foreground; Ctrl-C stops what it started. --demo also publishes
#                                  realistic task lifecycles.
#                                  Refuses to start while a stack of an earlier run is still running.
#   deploy/local/run.sh stop       stop what a run started (e.g. from another terminal)
#   deploy/local/run.sh token [EMAIL]
#                                  print a fresh viewer token (default demo@example.com); paste it into the
#                                  dashboard page, or open http://127.0.0.1:8080/dashboard/ui/#token=<token>
#
# Progress and errors go to stderr; stdout carries only results (the token, the summary of a started stack), so
# TOKEN=$(deploy/local/run.sh token) captures the token alone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL="$ROOT/deploy/local"
STATE="$LOCAL/.run"
LOGS="$STATE/logs"
PIDS="$STATE/pids"

DASHBOARD_PORT=${DASHBOARD_PORT:-8080}
PUBLISHER_PORT=${PUBLISHER_PORT:-8081}
PROJECTOR_PORT=${PROJECTOR_PORT:-8082}
ARCHIVER_PORT=${ARCHIVER_PORT:-8083}
REDIS_PORT=${REDIS_PORT:-6390}
S3_PORT=${S3_PORT:-9000}
S3PROXY_VERSION=4.1.0

ISSUER="https://tasktrail.local"
CLIENT_ID="tasktrail-local"
S3_BUCKET="tasktrail-archive"
S3_IDENTITY="local-identity"
S3_CREDENTIAL="local-credential"
SERVICES=(projector-service archiver-service task-publisher dashboard-api)

say() { printf '\033[1m[tasktrail]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[tasktrail]\033[0m %s\n' "$*" >&2; exit 1; }

port_of() {
  case "$1" in
    dashboard-api) echo "$DASHBOARD_PORT" ;; task-publisher) echo "$PUBLISHER_PORT" ;;
    projector-service) echo "$PROJECTOR_PORT" ;; archiver-service) echo "$ARCHIVER_PORT" ;;
  esac
}

# --- processes --------------------------------------------------------------------------------------
# Each started process is recorded as "PID START-TIME": a PID alone could have been reused by an unrelated
# process since (e.g. after a reboot), and stop must never touch anything it did not start.
started_at() { ps -o lstart= -p "$1" 2>/dev/null | tr -s " " | sed "s/^ //; s/ $//"; }

# launch NAME LOG COMMAND...: starts a component in the background, in a process group of its own so that
# Ctrl-C in the terminal reaches only this script, which then stops the components in order (services
# drain before Redis goes).
launch() {
  local name=$1 log=$2; shift 2
  set -m
  "$@" >"$log" 2>&1 &
  local pid=$!
  set +m
  echo "$pid $(started_at "$pid")" >"$PIDS/$name.pid"
}

# Prints the PID recorded for a name when that process is still the one this script started. "run" is the
# foreground script of a start itself: recorded so that a second start can tell that a run is still going.
running_pid() {
  local file="$PIDS/$1.pid"
  [ -f "$file" ] || return 1
  local pid started
  read -r pid started <"$file"
  [ -n "$pid" ] && [ "$(started_at "$pid")" = "$started" ] && [ -n "$started" ] || return 1
  echo "$pid"
}

# Everything a start launches, in the order stop_all stops it: services first (they drain in-flight work), the
# stores last.
COMPONENTS=(demo-producer "${SERVICES[@]}" s3proxy redis)

stop_all() {
  [ -d "$PIDS" ] || return 0
  touch "$STATE/stopping"
  local stopped=0
  for name in "${COMPONENTS[@]}"; do
    local pid
    if pid=$(running_pid "$name"); then
      stopped=$((stopped + 1))
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
        say "killed $name (pid $pid): it did not stop within 15 s"
      else
        say "stopped $name (pid $pid)"
      fi
    fi
    rm -f "$PIDS/$name.pid"
  done
  if [ "$stopped" -eq 0 ] && [ "${1:-}" = report-nothing ]; then
    local run
    if run=$(running_pid run); then
      say "the run (pid $run) has no component running yet (it may be building); it stops at its next readiness check"
    else
      say "nothing to stop: no component of a run is running"
    fi
  fi
}

# "name (pid N)" for each recorded process of a run that is still running.
still_running() {
  local name pid
  for name in run "${COMPONENTS[@]}"; do
    if pid=$(running_pid "$name"); then printf '%s (pid %s) ' "$name" "$pid"; fi
  done
}

# --- tokens -----------------------------------------------------------------------------------------
ensure_keys() {
  if [ ! -f "$STATE/auth/public.x509.b64" ]; then
    say "generating the local RSA key pair (once) in $STATE/auth"
    java "$LOCAL/TokenTool.java" keygen "$STATE/auth"
  fi
}

mint_token() {
  java "$LOCAL/TokenTool.java" mint "$STATE/auth" "$ISSUER" "$CLIENT_ID" "${1:-demo@example.com}" 43200
}

# --- build ------------------------------------------------------------------------------------------
# A jar is stale when a file it is built from (not tests, which it does not contain) is newer.
build_if_stale() {
  local stale=no
  for service in "${SERVICES[@]}"; do
    local jar="$ROOT/$service/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/$service" "$ROOT/shared-model" "$ROOT/service-common" \
        \( -path '*/target' -o -path '*/src/test' \) -prune -o -type f -newer "$jar" -print -quit)" ]; then
      stale=yes
    fi
  done
  if [ "$stale" = yes ]; then
    say "building the services (./mvnw package -DskipTests), log in $LOGS/build.log"
    (cd "$ROOT" && ./mvnw -B package -DskipTests >"$LOGS/build.log" 2>&1) \
      || { tail -n 30 "$LOGS/build.log" >&2; fail "build failed, see $LOGS/build.log"; }
  fi
}

# --- Redis ------------------------------------------------------------------------------------------
start_redis() {
  if [ -n "${TASK_TRACKING_REDIS_URL:-}" ]; then
    REDIS_URL="$TASK_TRACKING_REDIS_URL"
    say "using the Redis at $REDIS_URL"
    return
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing redis-server from Debian's packages"
      (export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq redis-server >/dev/null) \
        || fail "could not install redis-server: install it (apt-get install redis-server) or set TASK_TRACKING_REDIS_URL"
    else
      fail "redis-server is missing: install it (sudo apt-get install redis-server) or set TASK_TRACKING_REDIS_URL"
    fi
  fi
  mkdir -p "$STATE/redis"
  launch redis "$LOGS/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$STATE/redis" \
    --appendonly yes --save ""
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  wait_until "redis" "timeout 2 redis-cli -p $REDIS_PORT ping" "$LOGS/redis.log"
}

# --- S3 (S3Proxy on the local file system) ----------------------------------------------------------
start_s3() {
  local jar="$STATE/lib/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
  if [ ! -f "$jar" ]; then
    say "fetching S3Proxy $S3PROXY_VERSION from Maven Central"
    (cd "$ROOT" && ./mvnw -B -q dependency:copy \
      -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
      -DoutputDirectory="$STATE/lib" >"$LOGS/s3proxy-fetch.log" 2>&1) || fail "could not fetch S3Proxy, see $LOGS/s3proxy-fetch.log"
  fi
  mkdir -p "$STATE/s3/$S3_BUCKET"
  cat >"$STATE/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_IDENTITY
s3proxy.credential=$S3_CREDENTIAL
jclouds.provider=filesystem-nio2
jclouds.identity=$S3_IDENTITY
jclouds.credential=$S3_CREDENTIAL
jclouds.filesystem.basedir=$STATE/s3
CONF
  launch s3proxy "$LOGS/s3proxy.log" java -jar "$jar" --properties "$STATE/s3proxy.conf"
  wait_until "s3proxy" "curl -s -m 2 -o /dev/null http://127.0.0.1:$S3_PORT/" "$LOGS/s3proxy.log"
}

# --- services ---------------------------------------------------------------------------------------
start_service() {
  local service=$1; shift
  local port; port=$(port_of "$service")
  # Loopback only: the local stack prints its API key and tokens, so it is not offered to the network.
  launch "$service" "$LOGS/$service.log" env "$@" TASK_TRACKING_REDIS_URL="$REDIS_URL" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$port" TASK_TRACKING_REDIS_CONSUMER_NAME="local-$service" \
    java -jar "$ROOT/$service/target/quarkus-app/quarkus-run.jar"
}

# Waits up to 60 s for a check command to succeed; names the component and shows its log when it does not.
# Each check must bound its own time (curl -m, timeout), so one that hangs cannot outlast the wait.
wait_until() {
  local name=$1 check=$2 log=$3
  local deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    if [ -f "$STATE/stopping" ]; then say "stopped from another terminal"; exit 0; fi
    if ! running_pid "$name" >/dev/null; then
      tail -n 25 "$log" >&2 || true
      fail "$name exited before it was ready; its log: $log"
    fi
    sleep 0.25
  done
  tail -n 25 "$log" >&2 || true
  fail "$name was not ready within 60 s; its log: $log"
}

# A port something else already listens on would make its readiness look like ours.
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      fail "port $port is in use; stop what listens there or choose other ports (DASHBOARD_PORT, PUBLISHER_PORT, PROJECTOR_PORT, ARCHIVER_PORT, REDIS_PORT, S3_PORT)"
    fi
  done
}

start_all() {
  local demo=$1
  mkdir -p "$LOGS" "$PIDS"
  # The PID files are shared by every run from this checkout: a second start must not take over (or stop) a stack
  # that still runs. Records of processes that are gone (a killed run, a reboot) are stale and removed.
  local running; running=$(still_running)
  if [ -n "$running" ]; then
    fail "a stack started earlier is still running: ${running% }. Stop it first with Ctrl-C in its terminal or \
deploy/local/run.sh stop (its logs: $LOGS)"
  fi
  rm -f "$PIDS"/*.pid "$STATE/stopping"
  echo "$$ $(started_at "$$")" >"$PIDS/run.pid"
  command -v java >/dev/null 2>&1 || fail "a JDK 17+ is required"
  command -v curl >/dev/null 2>&1 || fail "curl is required"
  local ports=("$DASHBOARD_PORT" "$PUBLISHER_PORT" "$PROJECTOR_PORT" "$ARCHIVER_PORT" "$S3_PORT")
  [ -n "${TASK_TRACKING_REDIS_URL:-}" ] || ports+=("$REDIS_PORT")
  require_free_ports "${ports[@]}"
  # From here on, whatever ends this script (a failed start, Ctrl-C, a closed terminal) stops what it started.
  trap 'stop_all; rm -f "$PIDS/run.pid"' EXIT
  trap 'echo >&2; say "stopping"; exit 0' INT TERM HUP
  build_if_stale
  ensure_keys
  start_redis
  start_s3

  local api_key_file="$STATE/publisher-api-key"
  [ -f "$api_key_file" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$api_key_file"
  API_KEY=$(cat "$api_key_file")
  local s3=(QUARKUS_S3_ENDPOINT_OVERRIDE="http://127.0.0.1:$S3_PORT" QUARKUS_S3_PATH_STYLE_ACCESS=true
    QUARKUS_S3_AWS_REGION=us-east-1 QUARKUS_S3_AWS_CREDENTIALS_TYPE=static
    QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID="$S3_IDENTITY"
    QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY="$S3_CREDENTIAL")

  start_service projector-service
  start_service archiver-service "${s3[@]}" TASK_TRACKING_S3_ARCHIVE_ENABLED=true TASK_TRACKING_S3_BUCKET="$S3_BUCKET"
  start_service task-publisher TASK_PUBLISHER_API_KEYS="$API_KEY" TASK_PROJECTS_CONFIG_FILE="$LOCAL/projects.json"
  start_service dashboard-api TASK_DASHBOARD_GOOGLE_CLIENT_IDS="$CLIENT_ID" \
    QUARKUS_OIDC_PUBLIC_KEY="$(cat "$STATE/auth/public.x509.b64")" QUARKUS_OIDC_TOKEN_ISSUER="$ISSUER" \
    TASK_PROJECTS_CONFIG_FILE="$LOCAL/projects.json"
  for service in "${SERVICES[@]}"; do
    wait_until "$service" "curl -sf -m 2 http://127.0.0.1:$(port_of "$service")/q/health/ready" "$LOGS/$service.log"
    say "$service is ready on port $(port_of "$service")"
  done

  if [ "$demo" = yes ]; then
    launch demo-producer "$LOGS/demo-producer.log" \
      java "$LOCAL/DemoProducer.java" "http://127.0.0.1:$PUBLISHER_PORT" "$API_KEY"
    say "demo producer is publishing task lifecycles (log: $LOGS/demo-producer.log)"
  fi

  local token; token=$(mint_token)
  cat <<INFO

  Tasktrail is running. Logs: $LOGS

  dashboard          http://127.0.0.1:$DASHBOARD_PORT/dashboard/ui/#token=$token
                     (opens signed in; the token stays in the fragment, which is never sent to a server)
  dashboard-api      http://127.0.0.1:$DASHBOARD_PORT   (viewer token below, valid 12 h)
  task-publisher     http://127.0.0.1:$PUBLISHER_PORT   (API key: $API_KEY)
  projector-service  http://127.0.0.1:$PROJECTOR_PORT/q/health
  archiver-service   http://127.0.0.1:$ARCHIVER_PORT/q/health   (archive: $STATE/s3/$S3_BUCKET)
  redis              $REDIS_URL
  s3 (S3Proxy)       http://127.0.0.1:$S3_PORT

  export TOKEN='$token'
  curl -s -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:$DASHBOARD_PORT/dashboard/tasks?limit=5'
  curl -sN -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:$DASHBOARD_PORT/dashboard/tasks/stream'
  curl -s -X POST -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \\
    http://127.0.0.1:$PUBLISHER_PORT/v1/events -d '{"executionId":"hello-1","taskName":"Say hello",
    "status":"in_progress","project":"acme/rocket","actor":{"provider":"github","id":"octocat"},"schemaVersion":1}'
  // in a browser console:
  new EventSource('http://127.0.0.1:$DASHBOARD_PORT/dashboard/tasks/stream?authToken=$token')
    .addEventListener('task_status_updated', e => console.log(JSON.parse(e.data)))

  A new token: deploy/local/run.sh token [email]. Stop: Ctrl-C (or deploy/local/run.sh stop).
INFO

  # Stay in the foreground; report a component that dies; end when `run.sh stop` stops everything (it does so in
  # order, everything being launched by now: this script only leaves). A stop during the start is noticed by
  # wait_until, and the EXIT trap then stops what was launched after that stop looked.
  while true; do
    sleep 2
    if [ -f "$STATE/stopping" ]; then
      say "stopped from another terminal (deploy/local/run.sh stop)"
      trap 'rm -f "$PIDS/run.pid"' EXIT
      exit 0
    fi
    for name in "${SERVICES[@]}" redis s3proxy; do
      if [ -f "$PIDS/$name.pid" ] && ! running_pid "$name" >/dev/null; then
        say "$name stopped unexpectedly; last lines of its log ($LOGS/$name.log):"
        tail -n 20 "$LOGS/$name.log" >&2 || true
        rm -f "$PIDS/$name.pid"
      fi
    done
  done
}

case "${1:-}" in
  stop) stop_all report-nothing; running_pid run >/dev/null || rm -f "$PIDS/run.pid" ;;
  token) ensure_keys; mint_token "${2:-}" ;;
  ""|--demo) start_all "$([ "${1:-}" = --demo ] && echo yes || echo no)" ;;
  *) fail "usage: $0 [--demo] | stop | token [EMAIL]" ;;
esac
