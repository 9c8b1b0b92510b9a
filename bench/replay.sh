#!/usr/bin/env bash
# Throughput of the replay tool (java -jar topology/target/topology.jar replay) over a generated
# command file, and in the same runs its baseline: the test driver alone, on a forwarding-only
# topology of the replay's shape (TestDriverFloor); and replay --engine over the same file, checked
# to write the same bytes. Usage: bench/replay.sh [commands=1000000] [runs=3]; prints every run,
# the medians and the replay's ratio to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
count=${1:-1000000}
runs=${2:-3}
[ -f topology/target/topology.jar ] && [ -f benchmarks/target/benchmarks.jar ] \
  || mvn -B -q -DskipTests install
mkdir -p target/bench
commands=target/bench/commands-$count.jsonl
if [ ! -f "$commands" ]; then
  java -cp benchmarks/target/benchmarks.jar io.matchstream.testdata.CommandGenerator --count "$count" --seed 7 --symbols 4 --users 200 --out "$commands"
fi
lines=$(wc -l < "$commands")
rates=()
floors=()
engines=()
for run in $(seq "$runs"); do
  floor=$(java -cp benchmarks/target/benchmarks.jar io.matchstream.benchmarks.TestDriverFloor "$commands" 2>/dev/null \
    | sed -n 's/.*= \([0-9]*\) commands\/s/\1/p')
  floors+=("$floor")
  printf 'run %d: test-driver floor %.0f commands/s\n' "$run" "$floor"
  start=$(date +%s.%N)
  java -jar topology/target/topology.jar replay --in "$commands" --out target/bench/events.jsonl 2>/dev/null
  end=$(date +%s.%N)
  rate=$(echo "$lines / ($end - $start)" | bc -l)
  rates+=("$rate")
  printf 'run %d: %d commands in %.1f s = %.0f commands/s (JVM start included)\n' "$run" "$lines" \
    "$(echo "$end - $start" | bc -l)" "$rate"
  start=$(date +%s.%N)
  java -jar topology/target/topology.jar replay --engine --in "$commands" --out target/bench/engine-events.jsonl 2>/dev/null
  end=$(date +%s.%N)
  engine_rate=$(echo "$lines / ($end - $start)" | bc -l)
  engines+=("$engine_rate")
  cmp -s target/bench/events.jsonl target/bench/engine-events.jsonl \
    || { echo "replay --engine wrote other events than the replay"; exit 1; }
  printf 'run %d: replay --engine %.0f commands/s (JVM start included), the same bytes\n' "$run" "$engine_rate"
done
replay=$(median "${rates[@]}")
base=$(median "${floors[@]}")
printf 'replay: median %.0f commands/s over %d runs of %d commands (%d events written)\n' "$replay" "$runs" "$lines" \
  "$(wc -l < target/bench/events.jsonl)"
printf 'test-driver floor (same runs): median %.0f commands/s; replay = %.2f x the floor\n' "$base" \
  "$(echo "$replay / $base" | bc -l)"
printf 'replay --engine (same runs): median %.0f commands/s\n' "$(median "${engines[@]}")"
