#!/usr/bin/env bash
# The full path of this build against an earlier one, in the same run: each round runs every
# measure on the base build's stack, then on this one's, each on a fresh stack (broker, registry,
# app; no sinks), always with this build's load generator. Per build it prints every round's
# figures and their medians:
#   records per command (2,000 commands/s, read back read_committed);
#   p50 / p99 / p99.9 ms at 5,000 commands/s, exactly-once and at-least-once;
#   the highest rate with p99 <= 30 ms and with p99 <= 100 ms (loadgen --find-max).
# The base is built in a git worktree under target/bench (mvn package, never install: its jars
# must not replace this build's in the local repository). The base must read this build's
# commands: from issue 19 on they are in Confluent's framing, which builds before it cannot read.
# The searches start at SEARCH's --max-rate and halve the interval left at each of its --steps
# (default: 8,000/s and 5 steps, a resolution of 250/s; neither build sustains 8,000/s here).
# Usage: bench/compare.sh [BASE=cb5da3a] [ROUNDS=3] [DURATION=15] [WARMUP=30] [SEARCH="--max-rate 8000 --steps 5"]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
base=${1:-cb5da3a}
rounds=${2:-3}
duration=${3:-15}
warmup=${4:-30}
search=${5:---max-rate 8000 --steps 5}
here=$(pwd)
tree=$here/target/bench/base-$base
[ -d "$tree" ] || git worktree add --detach "$tree" "$base"
[ -f "$tree/stack/target/stack.jar" ] || (cd "$tree" && mvn -B -q -DskipTests package)
[ -f loadgen/target/loadgen.jar ] && [ -f stack/target/stack.jar ] || mvn -B -q -DskipTests install

# Runs ./matchstream loadgen with $2 against a fresh stack of the build in $1, the app's
# environment overrides in $3; prints the load generator's output.
measure() {
  local root=$1 args=$2 setting=${3:-} data
  data=$(mktemp -d /tmp/matchstream-compare.XXXXXX)
  env $setting "$root/matchstream" up --data "$data" --no-sinks --no-gateway > "$data/up.log" 2>&1 &
  local up=$!
  for _ in $(seq 1 240); do grep -q '^ready$' "$data/up.log" 2>/dev/null && break; sleep 1; done
  grep -q '^ready$' "$data/up.log" || { cat "$data/up.log"; kill "$up"; exit 1; }
  ./matchstream loadgen $args 2>&1 | grep -v ' WARN ' || true
  kill -TERM "$up"; wait "$up" || true
  rm -rf "$data"
}

# The p50/p99/p99.9 of a measured run's line ("target ...: ... p50 A p99 B p99.9 C max D").
percentiles() { grep '^target' | tail -1 | sed -n 's/.*p50 \([0-9.]*\) p99 \([0-9.]*\) p99\.9 \([0-9.]*\).*/\1 \2 \3/p'; }
# The rate --find-max settled on, or 0 when none met the bound.
max_rate() { sed -n 's/^max sustained rate with p99 <= [0-9]* ms: \([0-9,]*\) commands.*/\1/p' | tr -d , | grep . || echo 0; }

declare -A figures
for round in $(seq "$rounds"); do
  for build in base head; do
    root=$here
    [ "$build" = base ] && root=$tree
    records=$(measure "$root" "--rate 2000 --duration $duration --warmup $warmup --count-records" \
      | sed -n 's/^records per command: \([0-9.]*\).*/\1/p')
    read -r p50 p99 p999 < <(measure "$root" "--rate 5000 --duration $duration --warmup $warmup" | percentiles)
    read -r a50 a99 a999 < <(measure "$root" "--rate 5000 --duration $duration --warmup $warmup" \
      "MATCHSTREAM_PROCESSING_GUARANTEE=at_least_once" | percentiles)
    max30=$(measure "$root" "--find-max $search --p99-ms 30 --duration $duration --warmup $warmup" | max_rate)
    max100=$(measure "$root" "--find-max $search --p99-ms 100 --duration $duration --warmup $warmup" | max_rate)
    printf 'round %d, %s: records/command %s; at 5,000/s exactly-once p50/p99/p99.9 %s / %s / %s ms, at-least-once %s / %s / %s ms; max rate with p99 <= 30 ms %s, <= 100 ms %s commands/s\n' \
      "$round" "$build" "$records" "$p50" "$p99" "$p999" "$a50" "$a99" "$a999" "$max30" "$max100"
    for key in records p50 p99 p999 a50 a99 a999 max30 max100; do
      figures[$build.$key]="${figures[$build.$key]:-} ${!key}"
    done
  done
done

for build in base head; do
  m() { median ${figures[$build.$1]}; }
  printf '%s (medians of %d): records/command %s; exactly-once at 5,000/s p50/p99/p99.9 %s / %s / %s ms; at-least-once %s / %s / %s ms; exactly-once / at-least-once p50 %.2f; max rate p99 <= 30 ms %s, <= 100 ms %s commands/s\n' \
    "$build" "$rounds" "$(m records)" "$(m p50)" "$(m p99)" "$(m p999)" "$(m a50)" "$(m a99)" "$(m a999)" \
    "$(echo "$(m p50) / $(m a50)" | bc -l)" "$(m max30)" "$(m max100)"
done
