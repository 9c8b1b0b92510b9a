# Shared by the bench scripts (sourced, not run).

# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Starts ./matchstream up on a data folder (extra environment in $2, e.g. "MATCHSTREAM_X=1"; more
# options of up in $3, e.g. --no-sinks) and waits for `ready`; sets $up to the launcher's pid.
# Prints the log and exits 1 if it never comes.
stack_up() {
  local data=$1 setting=${2:-} options=${3:-}
  # ./matchstream's CLI (loadgen, produce, sink-lag) logs in with this stack's operator settings
  export MATCHSTREAM_DATA="$data"
  env $setting ./matchstream up --data "$data" $options > "$data/up.log" 2>&1 &
  up=$!
  for _ in $(seq 1 240); do grep -q '^ready$' "$data/up.log" 2>/dev/null && break; sleep 1; done
  grep -q '^ready$' "$data/up.log" || { cat "$data/up.log"; kill "$up"; exit 1; }
}

# Starts one more instance of the streams app (number $2, from 2) beside the stack's own, with the
# stack's defaults (broker, registry), the extra environment in $3 and its own state, health port
# (8089 + number) and group instance id; waits until it answers. Appends its pid to $instances.
app_instance() {
  local data=$1 number=$2 setting=${3:-}
  env $setting MATCHSTREAM_APP_HEALTH_PORT=$((8089 + number)) MATCHSTREAM_STATE_DIR="$data/app-$number/state" \
    MATCHSTREAM_GROUP_INSTANCE_ID="app-$number" \
    java -Xms256m -Xmx2g -XX:+UseG1GC -jar topology/target/topology.jar run --config "$data/kafka/clients/app.properties" \
    > "$data/app-$number.log" 2>&1 &
  instances="${instances:-} $!"
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$((8089 + number))/health" > /dev/null && return; sleep 1; done
  tail -20 "$data/app-$number.log"; exit 1
}

# Waits until the $1 instances (health ports 8090...) are all RUNNING with every active task
# standing by on another instance (or, alone, just RUNNING).
await_balanced() {
  local count=$1
  for _ in $(seq 1 240); do
    local reports="" port
    for port in $(seq 8090 $((8089 + count))); do reports+="$(curl -sf "http://127.0.0.1:$port/tasks" || echo '{}')"$'\n'; done
    if ! grep -v '^$' <<< "$reports" | grep -qv '"state":"RUNNING"'; then
      local active standby
      active=$(grep -o '"active":\[[^]]*\]' <<< "$reports" | grep -o '"[0-9]*_[0-9]*"' | sort | tr -d '\n' || true)
      standby=$(grep -o '"standby":\[[^]]*\]' <<< "$reports" | grep -o '"[0-9]*_[0-9]*"' | sort | tr -d '\n' || true)
      [ -n "$active" ] && { [ "$count" = 1 ] || [ "$active" = "$standby" ]; } && return
    fi
    sleep 1
  done
  echo "the $count instances did not settle: $reports"; exit 1
}
