#!/usr/bin/env bash
# Scale-out on Kafka's partitions: a fresh stack (no sinks, no gateway) with 12 partitions per
# stage and one standby per task, the streams app as 1, 2 and 3 instances, and per setting the
# load generator's search for the highest rate it sustains with p99 <= P99 ms (12 symbols, 1,200
# users). On 2 cores the instances share the same cores, so this shows what more instances cost
# (coordination, standby replication), not a speed-up. Prints every run and the medians, and each
# count's median as a ratio of one instance's.
# Usage: bench/scale-out.sh [RUNS=3] [DURATION=15] [P99=500]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RUNS=${1:-3}; DURATION=${2:-15}; P99=${3:-500}
settings="MATCHSTREAM_APP_PARTITIONS=12 MATCHSTREAM_NUM_STANDBY_REPLICAS=1"
results=$(mktemp -d /tmp/matchstream-scale.XXXXXX)
up=""; instances=""
stop_all() {
  for pid in $instances; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  instances=""
  [ -z "$up" ] || { kill -TERM "$up" 2>/dev/null || true; wait "$up" 2>/dev/null || true; }
  up=""
}
trap stop_all EXIT
for run in $(seq 1 "$RUNS"); do
  for count in 1 2 3; do
    data=$(mktemp -d /tmp/matchstream-bench.XXXXXX)
    stack_up "$data" "$settings" "--no-sinks --no-gateway"
    instances=""
    for number in $(seq 2 "$count"); do app_instance "$data" "$number" "$settings"; done
    await_balanced "$count"
    ./matchstream loadgen --find-max --max-rate 10000 --p99-ms "$P99" --duration "$DURATION" --warmup 30 \
      --symbols 12 --users 1200 2>&1 | grep -v ' WARN ' > "$results/run-$run-$count.log" || true
    echo "=== run $run, $count instance(s)"; cat "$results/run-$run-$count.log"
    stop_all
    rm -rf "$data"
  done
done
best() { sed -n 's/^max sustained rate.*: \([0-9,]*\) commands\/s (\([0-9,]*\) orders\/s).*/\2/p' "$results"/run-*-"$1".log | tr -d ,; }
echo "=== medians of $RUNS runs: highest rate with p99 <= $P99 ms, orders/s"
one=$(median $(best 1))
for count in 1 2 3; do
  m=$(median $(best "$count"))
  printf '%d instance(s): %s orders/s (runs: %s), %.2f of one instance\n' "$count" "$m" "$(best "$count" | tr '\n' ' ')" \
    "$(awk -v a="$m" -v b="$one" 'BEGIN { print (b > 0) ? a / b : 0 }')"
done
