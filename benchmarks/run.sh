#!/usr/bin/env bash
# Builds the benchmarks with the project's Maven wrapper and runs them all in one session:
# latency and allocation per operation (1 thread, GC profiler), then throughput on 1 and 2
# threads for the shared verifiers; prints the table and the budget ratios.
#
#   benchmarks/run.sh [quick|full] [regex]
#   benchmarks/run.sh http [full|quick] [adapter,...]
#
#   full   (default) 5 forks x (3 warm-up + 5 measured iterations of 1 s): the numbers to publish.
#   quick  1 fork x (1 + 1 iterations of 1 s): proves the run works; the numbers mean nothing.
#   regex  optional; selects benchmarks by "Class.method", e.g. 'Floor.hmac|Ours.sir'.
#
#   http   the HTTP load benchmark (HttpBenchmark): each adapter (jetty, tomcat, spring, vertx) in a
#          server process pinned to CPU 0, loaded from this process pinned to CPU 1 over loopback;
#          bare against verified endpoints, duplicates, Redis (the library's store and the floors
#          written by hand) and PostgreSQL stores (redis-server and PostgreSQL's initdb/pg_ctl must be
#          installed). About 35 minutes in full (each
#          endpoint warmed up until its throughput stops rising, 6 to 120 s, then 5 rounds of 3 s),
#          3 in quick. Each server also answers a floor endpoint that checks deliveries by hand.
#          Results: benchmarks/target/http/{report.md,http.svg}.
#
# Override a setting with JAVA_OPTS, e.g. JAVA_OPTS='-Dbench.forks=10' benchmarks/run.sh full.
# Results: benchmarks/target/jmh/{latency,throughput-1t,throughput-2t}.json and report.md.
# Run on an otherwise idle machine; other load skews every ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-full}"
filter="${2:-.*}"
case "$mode" in
  quick|full|http) ;;
  *) echo "usage: benchmarks/run.sh [quick|full] [regex] | benchmarks/run.sh http [full|quick] [adapter,...]" >&2; exit 2 ;;
esac

./mvnw -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true

classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
if [ "$mode" = http ]; then
  pin=()
  if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    pin=(taskset -c 1) # the servers get CPU 0 (HttpBenchmark starts them with taskset -c 0)
  fi
  # shellcheck disable=SC2086
  exec "${pin[@]}" java ${JAVA_OPTS:-} -Xmx8g -Dbench.out=benchmarks/target/http -cp "$classpath" \
    dev.givinghooks.benchmarks.HttpBenchmark "${2:-full}" ${3:-}
fi
# The forked benchmark JVMs inherit this class path; their own settings are in BenchmarkMain.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dbench.out=benchmarks/target/jmh -cp "$classpath" \
  dev.givinghooks.benchmarks.BenchmarkMain "$mode" "$filter"
