#!/usr/bin/env bash
# Sizing figures for docs/operations.md: a fresh stack (no sinks, no gateway, 12 partitions per
# stage, one instance) whose books are filled with ORDERS resting orders (./matchstream fill-book:
# 12 symbols, 1,000 users); then the app's live heap after a full GC, its RocksDB state on disk and
# the changelogs on the broker, each against the same stack before the orders (symbols and funded
# users only); then the restore: the app is killed (SIGKILL), its state folder deleted, and the
# stack restarts it, which rebuilds every store from the changelogs. Prints the figures per million
# resting orders and the restore time per GB of changelog.
# Usage: bench/state-size.sh [ORDERS=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ORDERS=${1:-1000000}
data=$(mktemp -d /tmp/matchstream-bench.XXXXXX)
stack_up "$data" "MATCHSTREAM_APP_PARTITIONS=12" "--no-sinks --no-gateway"
trap 'kill -TERM $up 2>/dev/null; wait $up 2>/dev/null || true; rm -rf "$data"' EXIT
app_pid() { pgrep -f 'topology/target/topology.jar run' | head -1; }
# the live heap after a full collection, in MB
heap_mb() {
  local pid; pid=$(app_pid)
  jcmd "$pid" GC.run > /dev/null
  jcmd "$pid" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.0f", $1 / 1024}'
}
mb() { du -sm "$1" | cut -f1; }
# the app's resident memory: the heap, and RocksDB's memtables and caches off it, in MB
rss_mb() { ps -o rss= -p "$(app_pid)" | awk '{printf "%.0f", $1 / 1024}'; }
changelogs_mb() { du -smc "$data"/kafka/data/*-changelog-* 2>/dev/null | tail -1 | cut -f1; }

./matchstream fill-book --orders 0 | grep -v ' WARN '
sleep 5
heap0=$(heap_mb); rss0=$(rss_mb); state0=$(mb "$data/app/state"); log0=$(changelogs_mb)
./matchstream fill-book --orders "$ORDERS" | grep -v ' WARN '
sleep 5
heap1=$(heap_mb); rss1=$(rss_mb); state1=$(mb "$data/app/state"); log1=$(changelogs_mb)
per_million() { awk -v a="$1" -v b="$2" -v n="$ORDERS" 'BEGIN { printf "%.0f", (b - a) * 1000000 / n }'; }
echo "before: heap ${heap0} MB, resident ${rss0} MB, RocksDB files ${state0} MB, changelogs ${log0} MB"
echo "after ${ORDERS} resting orders: heap ${heap1} MB, resident ${rss1} MB, RocksDB files ${state1} MB, changelogs ${log1} MB"
echo "per million resting orders: heap $(per_million "$heap0" "$heap1") MB, resident $(per_million "$rss0" "$rss1") MB, RocksDB files $(per_million "$state0" "$state1") MB (under exactly-once the stores are flushed to files only when a memtable fills or the app closes), changelogs $(per_million "$log0" "$log1") MB"

# the restore: the launcher restarts a dead app within a second, so the state goes first
pid=$(app_pid)
ready_before=$(grep -c '^ready$' "$data/up.log")
kill -KILL "$pid"; rm -rf "$data/app/state"
start=$(date +%s.%N)
for _ in $(seq 1 1200); do
  [ "$(grep -c '^ready$' "$data/up.log")" -gt "$ready_before" ] && break; sleep 0.2
done
end=$(date +%s.%N)
restored=$(grep -h 'restored .* records' "$data"/app/*.log 2>/dev/null | sed -n 's/.*: \([0-9]*\) records.*/\1/p' | awk '{s += $1} END {print s + 0}')
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "restore from empty: RUNNING again ${seconds} s after the kill (JVM start and group join included), ${restored} changelog records restored, state ${log1} MB of changelog"
echo "restore time per GB of changelog: $(awk -v s="$seconds" -v m="$log1" 'BEGIN { printf "%.0f", s * 1024 / m }') s"
# a clean stop flushes every store to its files: what the state takes on disk
kill -TERM $up; wait $up || true
echo "RocksDB files after a clean stop (memtables flushed): $(mb "$data/app/state") MB"
