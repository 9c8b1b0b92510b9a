#!/usr/bin/env bash
# The broker's own ceiling on this machine: Kafka's producer performance test against the local
# stack's broker (the app idle), 100-byte records, one partition, with and without transactions
# (a commit every 20 ms, as the app's). Usage: bench/broker-ceiling.sh [records=3000000] [runs=3];
# prints every run and the medians in records/s.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
records=${1:-3000000}
runs=${2:-3}
[ -d stack/target/lib ] && ls stack/target/lib/kafka-tools-*.jar >/dev/null 2>&1 || mvn -B -q -DskipTests install
data=$(mktemp -d /tmp/matchstream-ceiling.XXXXXX)
stack_up "$data" "" --no-gateway
trap 'kill -TERM $up 2>/dev/null; wait $up 2>/dev/null; rm -rf "$data"' EXIT
tools() { java -cp "stack/target/lib/*" "$@" 2>/dev/null; }
for mode in plain transactional; do
  rates=()
  for run in $(seq "$runs"); do
    topic="ceiling-$mode-$run"
    # the broker's super user: the test's topics and transactional ids are no part's
    login="$data/kafka/clients/broker.properties"
    tools org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --command-config "$login" \
      --create --topic "$topic" --partitions 1 >/dev/null
    extra=()
    [ "$mode" = transactional ] && extra=(--transactional-id "ceiling-$run" --transaction-duration-ms 20)
    line=$(tools org.apache.kafka.tools.ProducerPerformance --topic "$topic" --num-records "$records" --record-size 100 \
      --throughput -1 "${extra[@]}" --producer.config "$login" \
      --producer-props bootstrap.servers=127.0.0.1:9092 linger.ms=10 batch.size=131072 acks=all \
      | tail -1)
    rate=$(echo "$line" | sed -n 's/.*sent, \([0-9.]*\) records\/sec.*/\1/p')
    rates+=("$rate")
    printf '%s run %d: %.0f records/s\n' "$mode" "$run" "$rate"
  done
  printf '%s: median %.0f records/s over %d runs of %d records\n' "$mode" "$(median "${rates[@]}")" "$runs" "$records"
done
