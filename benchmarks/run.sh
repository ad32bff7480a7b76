#!/usr/bin/env bash
# Runs Tasktrail's benchmarks against the packaged services (docs/benchmarks.md).
#
#   benchmarks/run.sh quick [NAME...]   smoke run (CI): small data, one run each, about 4 minutes
#   benchmarks/run.sh full  [NAME...]   the figures of docs/benchmarks.md: full sizes, 3 runs each (~30 minutes)
#
# NAME: startup, publisher, projector, archiver, snapshot, end-to-end, sse (default: all, in that order).
# Builds the services' fast-jars and the harness when sources are newer (offline Maven; MAVEN_OFFLINE= to go
# online), starts its own redis-server on a free port per run, and writes benchmarks/target/results/<mode>-<time>/
# results.md beside the log of every service it ran. Needs a JDK 17+ and redis-server on the PATH; Linux (/proc).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVICES=(task-publisher projector-service archiver-service dashboard-api)
MAVEN_OFFLINE=${MAVEN_OFFLINE--o}

say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }

usage() { fail "usage: $0 quick|full [startup|publisher|projector|archiver|snapshot|end-to-end|sse ...]"; }
[ $# -ge 1 ] || usage
MODE=$1; shift
case "$MODE" in quick|full) ;; *) usage ;; esac

command -v java >/dev/null 2>&1 || fail "a JDK 17+ is required"
command -v redis-server >/dev/null 2>&1 || fail "redis-server is missing (Debian/Ubuntu: apt-get install redis-server)"
[ -r /proc/self/status ] || fail "the benchmarks read process memory from /proc: Linux only"

# Built by this script's last successful build (the stamp), and no source changed since.
STAMP="$ROOT/benchmarks/target/run-sh-build.stamp"
up_to_date() {
  [ -f "$STAMP" ] && [ -f "$ROOT/benchmarks/target/classpath.txt" ] || return 1
  local service
  for service in "${SERVICES[@]}"; do [ -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ] || return 1; done
  [ -z "$(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target' -prune -o -path "$ROOT/deploy" -prune \
      -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$STAMP" -print -quit)" ]
}

if ! up_to_date; then
  mkdir -p "$ROOT/benchmarks/target"
  log="$ROOT/benchmarks/target/build.log"
  say "building the services and the harness (mvnw package -DskipTests), log in $log"
  (cd "$ROOT" && ./mvnw -B $MAVEN_OFFLINE package -DskipTests \
      -pl "$(IFS=,; echo "${SERVICES[*]}"),benchmarks" -am >"$log" 2>&1) \
    || { tail -n 30 "$log"; fail "build failed, see $log"; }
  touch "$STAMP"
fi

# The benchmarks start their own Redis and services: never a shared one named in the environment.
unset TASK_TRACKING_REDIS_URL
# JUL through the JBoss log manager that Quarkus libraries on the classpath expect.
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")" \
  dev.tasktrail.bench.BenchmarkMain "$MODE" "$ROOT" "$ROOT/benchmarks/target/results" "$@"
