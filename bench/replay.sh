#!/usr/bin/env bash
# Throughput of the replay tool (java -jar topology/target/topology.jar replay) over a generated
# command file. Usage: bench/replay.sh [commands=1000000] [runs=3]; prints every run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
runs=${2:-3}
[ -f topology/target/topology.jar ] && [ -f test-data/target/test-data-0.1.0-SNAPSHOT.jar ] \
  || mvn -B -q -DskipTests install
mkdir -p target/bench
commands=target/bench/commands-$count.jsonl
if [ ! -f "$commands" ]; then
  java -cp test-data/target/test-data-0.1.0-SNAPSHOT.jar:topology/target/topology.jar \
    io.matchstream.testdata.CommandGenerator --count "$count" --seed 7 --symbols 4 --users 200 --out "$commands"
fi
lines=$(wc -l < "$commands")
rates=()
for run in $(seq "$runs"); do
  start=$(date +%s.%N)
  java -jar topology/target/topology.jar replay --in "$commands" --out target/bench/events.jsonl 2>/dev/null
  end=$(date +%s.%N)
  rate=$(echo "$lines / ($end - $start)" | bc -l)
  rates+=("$rate")
  printf 'run %d: %d commands in %.1f s = %.0f commands/s (JVM start included)\n' "$run" "$lines" \
    "$(echo "$end - $start" | bc -l)" "$rate"
done
median=$(printf '%s\n' "${rates[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
printf 'replay: median %.0f commands/s over %d runs of %d commands (%d events written)\n' "$median" "$runs" "$lines" \
  "$(wc -l < target/bench/events.jsonl)"
