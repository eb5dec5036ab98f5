#!/usr/bin/env bash
# Builds the benchmarks with the project's Maven wrapper and runs them all in one session:
# latency and allocation per operation (1 thread, GC profiler), then throughput on 1 and 2
# threads for the shared verifiers; prints the table and the budget ratios.
#
#   benchmarks/run.sh [quick|full] [regex]
#
#   full   (default) 5 forks x (3 warm-up + 5 measured iterations of 1 s): the numbers to publish.
#   quick  1 fork x (1 + 1 iterations of 1 s): proves the run works; the numbers mean nothing.
#   regex  optional; selects benchmarks by "Class.method", e.g. 'Floor.hmac|Ours.sir'.
#
# Override a setting with JAVA_OPTS, e.g. JAVA_OPTS='-Dbench.forks=10' benchmarks/run.sh full.
# Results: benchmarks/target/jmh/{latency,throughput-1t,throughput-2t}.json and report.md.
# Run on an otherwise idle machine; other load skews every ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-full}"
filter="${2:-.*}"
case "$mode" in
  quick|full) ;;
  *) echo "usage: benchmarks/run.sh [quick|full] [regex]" >&2; exit 2 ;;
esac

./mvnw -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true

classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# The forked benchmark JVMs inherit this class path; their own settings are in BenchmarkMain.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dbench.out=benchmarks/target/jmh -cp "$classpath" \
  dev.givinghooks.benchmarks.BenchmarkMain "$mode" "$filter"
