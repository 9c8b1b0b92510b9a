#!/usr/bin/env bash
# The gateway under load, on a fresh local stack without sinks (bench/sinks.sh measures those) and
# with a gateway started here: CLIENTS API keys with random secrets, rate limits out of the way.
# Each run: gateway-load (CLIENTS closed-loop REST clients placing crossing orders, RESULT then
# ACK; then the trade stream fanned out to SUBSCRIBERS WebSocket clients), and, as the baseline in
# the same run, the load generator straight to Kafka at the rate the RESULT clients reached.
# Prints every run's lines and then the medians.
# Usage: bench/gateway.sh [RUNS=3] [DURATION=20] [CLIENTS=64] [SUBSCRIBERS=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RUNS=${1:-3}; DURATION=${2:-20}; CLIENTS=${3:-64}; SUBSCRIBERS=${4:-1000}
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

data=$(mktemp -d /tmp/matchstream-bench.XXXXXX)
stack_up "$data" "" "--no-sinks --no-gateway"
keys="$data/bench-keys.properties"
settings=(SERVER_ADDRESS=127.0.0.1 SERVER_PORT=8080 MATCHSTREAM_GATEWAY_INSTANCEID=bench
  MATCHSTREAM_GATEWAY_IPREQUESTSPERSECOND=1000000 MATCHSTREAM_GATEWAY_KEYREQUESTSPERSECOND=1000000)
for i in $(seq 0 $((CLIENTS - 1))); do
  key=$(random_hex 12); secret=$(random_hex 24)
  printf 'key.%d=%s\nsecret.%d=%s\nuser.%d=gwl-%d\n' "$i" "$key" "$i" "$secret" "$i" "$i" >> "$keys"
  settings+=("MATCHSTREAM_GATEWAY_KEYS_${i}_KEY=$key" "MATCHSTREAM_GATEWAY_KEYS_${i}_SECRET=$secret"
    "MATCHSTREAM_GATEWAY_KEYS_${i}_USERID=gwl-$i")
done
env "${settings[@]}" java -Xms256m -Xmx1g -XX:+UseG1GC -jar gateway/target/gateway.jar > "$data/gateway.log" 2>&1 &
gateway=$!
stop() { kill "$gateway" 2>/dev/null || true; wait "$gateway" 2>/dev/null || true; kill -TERM "$up"; wait "$up" || true; }
trap stop EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:8080/actuator/health > /dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:8080/actuator/health > /dev/null || { tail -30 "$data/gateway.log"; exit 1; }

for run in $(seq 1 "$RUNS"); do
  echo "=== run $run"
  ./matchstream gateway-load --keys "$keys" --clients "$CLIENTS" --duration "$DURATION" --warmup 30 \
    --subscribers "$SUBSCRIBERS" 2>&1 | grep -v ' WARN ' | tee "$data/run-$run.log"
  rate=$(sed -n 's/.*result_rate=\([0-9]*\).*/\1/p' "$data/run-$run.log")
  echo "baseline: the load generator straight to Kafka at $rate commands/s"
  ./matchstream loadgen --rate "$rate" --duration "$DURATION" --warmup 5 2>&1 | grep -v ' WARN ' \
    | tee "$data/base-$run.log"
done

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$data"/run-*.log; }
base() { sed -n "s/^target.*latency ms p50 \([0-9.]*\) p99 \([0-9.]*\).*/\\$1/p" "$data"/base-*.log; }
echo "=== medians of $RUNS runs"
echo "REST RESULT, $CLIENTS clients: $(median $(field result_rate)) orders/s, round trip p50 $(median $(field result_p50)) ms, p99 $(median $(field result_p99)) ms"
echo "REST ACK, $CLIENTS clients:    $(median $(field ack_rate)) orders/s, round trip p50 $(median $(field ack_p50)) ms, p99 $(median $(field ack_p99)) ms"
echo "baseline, Kafka straight at the RESULT rate: first event p50 $(median $(base 1)) ms, p99 $(median $(base 2)) ms"
echo "fan-out to $SUBSCRIBERS subscribers: from the gateway's send p50 $(median $(field ws_p50)) ms, p99 $(median $(field ws_p99)) ms; from the order p50 $(median $(field ws_e2e_p50)) ms, p99 $(median $(field ws_e2e_p99)) ms; delivered $(median $(field ws_delivered))"
rm -rf "$data"
