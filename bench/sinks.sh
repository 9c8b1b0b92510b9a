#!/usr/bin/env bash
# The MySQL sinks behind the full path: a fresh local stack per run (broker, registry, MariaDB, app,
# Connect worker), the load generator at RATE commands/s for its warm-up and DURATION seconds, the
# sinks' lag and table rows sampled every second throughout and until every sink has caught up.
# Prints per run the records/s each sink wrote while the load ran (upserts: a table's rows grow
# slower), the worst lag, and how long after
# the load ended the sinks caught up; the samples stay in the run's folder (lag.tsv).
# Each run first measures the same load on a stack without the sinks (up --no-sinks): the baseline
# of what the sinks cost the exchange, on the same machine in the same run.
# With MODE "drain" the sinks are paused while the load runs and resumed when it ends: the time they
# take to write the whole backlog, with the machine to themselves, is their own throughput.
# Usage: bench/sinks.sh [RATE] [DURATION] [RUNS] [MODE]      e.g. bench/sinks.sh 5000 20 3 drain
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RATE=${1:-5000}; DURATION=${2:-20}; RUNS=${3:-1}; MODE=${4:-live}
sinks=(sink-trades sink-orders sink-balances sink-book-levels)
connectors() { for s in "${sinks[@]}"; do curl -s -X PUT "http://127.0.0.1:8083/connectors/$s/$1" > /dev/null; done; }
catchups=()
for run in $(seq 1 "$RUNS"); do
  data=$(mktemp -d /tmp/matchstream-sinks.XXXXXX)
  echo "=== run $run: baseline, no sinks"
  stack_up "$data" "" "--no-sinks --no-gateway"
  ./matchstream loadgen --rate "$RATE" --duration "$DURATION" 2>&1 | grep -v ' WARN ' | grep '^target' || true
  kill -TERM $up; wait $up || true
  rm -rf "$data"
  data=$(mktemp -d /tmp/matchstream-sinks.XXXXXX)
  echo "=== run $run: $RATE commands/s for ${DURATION} s after the warm-up ($data)"
  stack_up "$data" "" --no-gateway
  [ "$MODE" = drain ] && connectors pause
  ./matchstream sink-lag --watch 1 > "$data/lag.tsv" 2>/dev/null &
  sampler=$!
  ./matchstream loadgen --rate "$RATE" --duration "$DURATION" 2>&1 | grep -v ' WARN ' || true
  sleep 1
  loaded=$(tail -1 "$data/lag.tsv" | cut -f1)   # the sampler's clock when the load ended
  if [ "$MODE" = drain ]; then
    sleep 10   # the app finishes its backlog: the sinks then have the machine to themselves
    backlog=$(tail -4 "$data/lag.tsv" | awk -F'\t' '{n += $3} END {print n}')
    loaded=$(tail -1 "$data/lag.tsv" | cut -f1)
    connectors resume
  fi
  for _ in $(seq 1 600); do
    sleep 1
    last=$(tail -4 "$data/lag.tsv")
    [ "$(printf '%s\n' "$last" | awk -F'\t' '$3 != 0 {n++} END {print n+0}')" = 0 ] && break
  done
  kill "$sampler" 2>/dev/null || true
  caught=$(tail -1 "$data/lag.tsv" | cut -f1)
  [ "$MODE" = drain ] && awk -v n="$backlog" -v a="$caught" -v b="$loaded" \
    'BEGIN {printf "drained a backlog of %d records in %.1f s: %.0f records/s\n", n, a - b, n / (a - b)}'
  awk -F'\t' -v loaded="$loaded" -v caught="$caught" '
    NR > 1 {
      if (!($2 in t0) && $5 > 0) { t0[$2] = $1; r0[$2] = $5 }
      if ($1 <= loaded) { t1[$2] = $1; r1[$2] = $5 }
      if ($3 > worst[$2]) worst[$2] = $3
      rows[$2] = $4
    }
    END {
      for (s in rows) printf "%-17s %7.0f records/s written under load, worst lag %7d records, %8d rows at the end\n", s,
        (t1[s] > t0[s]) ? (r1[s] - r0[s]) / (t1[s] - t0[s]) : 0, worst[s], rows[s]
      printf "caught up %.1f s after the load ended\n", caught - loaded
    }' "$data/lag.tsv"
  catchups+=("$(awk -v a="$caught" -v b="$loaded" 'BEGIN {print a - b}')")
  kill -TERM $up; wait $up || true
done
echo "median catch-up after the load: $(median "${catchups[@]}") s over $RUNS run(s)"
