#!/usr/bin/env bash
# How long a new gateway instance takes to start, and the heap it keeps, as the event topics grow
# with history: a fresh stack (no sinks; its own gateway runs, as a second instance starts beside
# a running one, and gives the new ones its Kafka logins); the load generator's crossing orders until the
# event topics (trades, order-events, book-deltas, balances, rejects, klines) hold each COUNT of
# records (the broker's kafka_log_end_offset); at each, RUNS gateways started one after the other,
# each timed from its JVM's start to health UP (its view has read the topics) and its live heap
# taken after a full GC, with the 1 GiB heap limit of the Kubernetes pod. Prints each run and the
# medians. (Crossing orders trade away: the exchange's state stays small while its history grows.)
# Usage: bench/gateway-start.sh [COUNTS="1000000 10000000"] [RUNS=3] [RATE=4000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
COUNTS=${1:-"1000000 10000000"}; RUNS=${2:-3}; RATE=${3:-4000}

data=$(mktemp -d /tmp/matchstream-bench.XXXXXX)
stack_up "$data" "" "--no-sinks"
gateway=""
stop() {
  [ -n "$gateway" ] && { kill "$gateway" 2>/dev/null || true; wait "$gateway" 2>/dev/null || true; }
  kill -TERM "$up"; wait "$up" || true; rm -rf "$data"
}
trap stop EXIT

events() {
  curl -sf http://127.0.0.1:9404/metrics \
    | grep -E '^kafka_log_end_offset\{.*topic="(trades|order-events|book-deltas|balances|rejects|klines)"' \
    | awk '{s += $NF} END {printf "%d", s}'
}
now_ms() { date +%s%3N; }

# one gateway from a cold JVM: milliseconds to health UP, then its live heap in MB
start_gateway() {
  local begin; begin=$(now_ms)
  SERVER_ADDRESS=127.0.0.1 SERVER_PORT=8180 MATCHSTREAM_GATEWAY_ADMINPORT=8179 \
    java -Xms128m -Xmx1g -XX:+UseG1GC -jar gateway/target/gateway.jar \
    --spring.config.additional-location="file:$data/gateway/kafka.properties" > "$data/gateway.log" 2>&1 &
  gateway=$!
  for _ in $(seq 1 6000); do
    curl -sf http://127.0.0.1:8180/actuator/health > /dev/null && break
    kill -0 "$gateway" 2>/dev/null || { tail -30 "$data/gateway.log"; exit 1; }
    sleep 0.1
  done
  local took=$(( $(now_ms) - begin ))
  jcmd "$gateway" GC.run > /dev/null
  local heap
  heap=$(jcmd "$gateway" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.0f", $1 / 1024}')
  kill "$gateway"; wait "$gateway" 2>/dev/null || true; gateway=""
  echo "$took $heap"
}

for count in $COUNTS; do
  while [ "$(events)" -lt "$count" ]; do
    ./matchstream loadgen --rate "$RATE" --duration 60 --warmup 0 2>&1 | grep -v ' WARN ' | grep -E '^(rate|achieved)' || true
  done
  held=$(events)
  times=(); heaps=()
  for run in $(seq 1 "$RUNS"); do
    read -r took heap < <(start_gateway)
    echo "events=$held run=$run start_ms=$took heap_mb=$heap"
    times+=("$took"); heaps+=("$heap")
  done
  echo "events=$held median start_ms=$(median "${times[@]}") heap_mb=$(median "${heaps[@]}")"
done
