#!/usr/bin/env bash
# The full path under load: a fresh local stack (broker, registry, app; no sinks, which
# bench/sinks.sh measures) per setting, the load generator against it, then the stack stopped. Prints the load generator's lines per setting.
# Usage: bench/full-path.sh "loadgen options" "ENV=value ..." ["ENV=value ..." ...]
#   bench/full-path.sh "--find-max --duration 20" "" "MATCHSTREAM_PROCESSING_GUARANTEE=at_least_once"
# Each setting string is a list of environment overrides of the app (MATCHSTREAM_<KEY>=value).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
LOADGEN_ARGS="$1"; shift
for setting in "$@"; do
  data=$(mktemp -d /tmp/matchstream-bench.XXXXXX)
  echo "=== setting: ${setting:-defaults}"
  stack_up "$data" "$setting" "--no-sinks --no-gateway"
  ./matchstream loadgen $LOADGEN_ARGS 2>&1 | grep -v ' WARN ' || true
  kill -TERM $up; wait $up || true
  rm -rf "$data"
done
