# Shared by the bench scripts (sourced, not run).

# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Starts ./matchstream up on a data folder (extra environment in $2, e.g. "MATCHSTREAM_X=1"; more
# options of up in $3, e.g. --no-sinks) and waits for `ready`; sets $up to the launcher's pid.
# Prints the log and exits 1 if it never comes.
stack_up() {
  local data=$1 setting=${2:-} options=${3:-}
  env $setting ./matchstream up --data "$data" $options > "$data/up.log" 2>&1 &
  up=$!
  for _ in $(seq 1 240); do grep -q '^ready$' "$data/up.log" 2>/dev/null && break; sleep 1; done
  grep -q '^ready$' "$data/up.log" || { cat "$data/up.log"; kill "$up"; exit 1; }
}
