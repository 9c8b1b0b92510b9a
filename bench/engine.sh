#!/usr/bin/env bash
# JMH benchmark of the engine on one thread over the generator's mixed workload, core and advanced (stops, icebergs).
# Usage: bench/engine.sh [forks=3] [iterations=5]; prints every iteration and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests install
java -jar benchmarks/target/benchmarks.jar "${1:-3}" "${2:-5}"
