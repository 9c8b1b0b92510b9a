#!/usr/bin/env bash
# How long a new gateway instance takes to start, and the heap it keeps, as the event topics grow
# with history: a fresh stack (no sinks; its own gateway runs, writes the view's snapshots every
# 30 s, and gives the new instances its Kafka logins), the load generator's orders until the event
# topics (trades, order-events, book-deltas, balances, rejects, klines) hold each COUNT of records
# (the broker's kafka_log_end_offset); then, a snapshot later, RUNS rounds of new gateways started
# one after the other, each timed from its JVM's start to health UP (its view has caught up) and
# its live heap taken after a full GC, with the 1 GiB heap limit of the Kubernetes pod. With
# BASE_JAR (a gateway jar of another build, e.g. one that reads the topics from their beginning)
# each round starts that one too, on the same topics: the medians and their ratio are printed.
# Each gateway gets the pod's 1 GiB heap first; one that runs out of heap or is not up within
# START_LIMIT seconds (300) is tried again with the next of HEAPS (this build's, "1g 2g") or
# BASE_HEAPS (the base's, "1g 2g"): each round's line says which heap each needed.
# Usage: bench/gateway-start.sh [COUNTS="1000000 10000000"] [RUNS=3] [RATE=3000] [BASE_JAR]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
COUNTS=${1:-"1000000 10000000"}; RUNS=${2:-3}; RATE=${3:-3000}; BASE_JAR=${4:-}

data=$(mktemp -d /tmp/matchstream-bench.XXXXXX)
stack_up "$data" "MATCHSTREAM_GATEWAY_SNAPSHOTINTERVALMS=30000" "--no-sinks"
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

# one gateway of jar $1 with heap limit $2 from a cold JVM: milliseconds to health UP, then its live
# heap in MB; or "oom -" when its heap ran out (the JVM exits on it rather than limp on) and
# "timeout -" when it was not up within START_LIMIT seconds
START_LIMIT=${START_LIMIT:-300}
HEAPS=${HEAPS:-"1g 2g"}
BASE_HEAPS=${BASE_HEAPS:-"1g 2g"}
start_gateway() {
  local begin; begin=$(now_ms)
  SERVER_ADDRESS=127.0.0.1 SERVER_PORT=8180 MATCHSTREAM_GATEWAY_ADMINPORT=8179 MATCHSTREAM_GATEWAY_SNAPSHOTINTERVALMS=0 \
    java -Xms128m "-Xmx$2" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -jar "$1" \
    --spring.config.additional-location="file:$data/gateway/kafka.properties" > "$data/gateway-start.log" 2>&1 &
  gateway=$!
  local outcome=""
  while [ -z "$outcome" ]; do
    if curl -sf http://127.0.0.1:8180/actuator/health > /dev/null; then
      outcome=up
    elif ! kill -0 "$gateway" 2>/dev/null; then
      grep -q OutOfMemoryError "$data/gateway-start.log" && outcome=oom || { tail -30 "$data/gateway-start.log" >&2; exit 1; }
    elif [ $(( $(now_ms) - begin )) -gt $(( START_LIMIT * 1000 )) ]; then
      outcome=timeout
    else
      sleep 0.1
    fi
  done
  local took=$(( $(now_ms) - begin ))
  if [ "$outcome" != up ]; then
    kill "$gateway" 2>/dev/null || true; wait "$gateway" 2>/dev/null || true; gateway=""
    echo "$outcome -"
    return
  fi
  jcmd "$gateway" GC.run > /dev/null
  local heap
  heap=$(jcmd "$gateway" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.0f", $1 / 1024}')
  kill "$gateway"; wait "$gateway" 2>/dev/null || true; gateway=""
  echo "$took $heap"
}

# the median of the rounds that came up, or what stopped the others
outcome() {
  local numbers; numbers=$(printf '%s\n' "$@" | grep -E '^[0-9]+$' || true)
  if [ -n "$numbers" ]; then median $numbers; else printf '%s' "$1"; fi
}

# jar $1 started with each heap limit of $2 in turn until one comes up: sets took, heap and tried
# (each limit's outcome, e.g. "xmx=1g:oom xmx=2g:up")
start_within() {
  tried=""
  for limit in $2; do
    read -r took heap < <(start_gateway "$1" "$limit")
    if [[ "$took" =~ ^[0-9]+$ ]]; then tried+="xmx=$limit:up"; return; fi
    tried+="xmx=$limit:$took "
  done
}

for count in $COUNTS; do
  while [ "$(events)" -lt "$count" ]; do
    ./matchstream loadgen --rate "$RATE" --duration 60 --warmup 0 2>&1 | grep -E 'sent|orders' | tail -1 || true
  done
  held=$(events)
  sleep 45  # the stack's gateway snapshots the view after the load (every 30 s)
  times=(); heaps=(); base_times=(); base_heaps=()
  for run in $(seq 1 "$RUNS"); do
    if [ -n "$BASE_JAR" ]; then
      start_within "$BASE_JAR" "$BASE_HEAPS"
      echo "events=$held run=$run build=base $tried start_ms=$took heap_mb=$heap"
      base_times+=("$took"); base_heaps+=("$heap")
    fi
    start_within gateway/target/gateway.jar "$HEAPS"
    echo "events=$held run=$run build=this $tried start_ms=$took heap_mb=$heap"
    times+=("$took"); heaps+=("$heap")
  done
  line="events=$held median this: start_ms=$(outcome "${times[@]}") heap_mb=$(outcome "${heaps[@]}")"
  if [ -n "$BASE_JAR" ]; then
    line+="; base: start_ms=$(outcome "${base_times[@]}") heap_mb=$(outcome "${base_heaps[@]}")"
    line+="; this/base start $(awk -v a="$(outcome "${times[@]}")" -v b="$(outcome "${base_times[@]}")" \
      'BEGIN {if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-"}')"
  fi
  echo "$line"
done
