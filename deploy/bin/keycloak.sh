# shellcheck shell=bash
# Keycloak launcher library for the Meshwork launcher (`./meshwork`). Source it; do not run it.
#
# One cached, unpacked Keycloak distribution (outside the repository) serves every instance: the
# dev stack on 8180 and throwaway test instances on free ports. Each instance keeps its own state
# (H2 database, transaction logs, temp files) under its DATA_DIR, so two can run side by side, and
# only runtime options differ between instances, so start-dev never re-runs the Quarkus build.
# Everything binds to 127.0.0.1 (never `localhost`: the token issuer must match exactly).

KC_VERSION="${KC_VERSION:-26.7.3}"
KC_TEMURIN_HOME="/usr/lib/jvm/temurin-25-jdk-amd64"
# management port -> log file / pidfile of the instance kc_start started on it in this shell (for kc_wait_ready)
declare -gA _KC_LOGFILES=() _KC_PIDFILES=()

# kc_ensure_dist — makes sure the unpacked, already-built distribution is in the cache; sets,
# exports and echoes KC_HOME (progress goes to stderr). Safe to call from several launchers at once.
kc_ensure_dist() {
  local cache="${MESHWORK_CACHE:-$HOME/.cache/meshwork}"
  KC_HOME="$cache/keycloak-$KC_VERSION"
  mkdir -p "$cache" || return 1
  # One launcher at a time fetches and primes; the others wait here and then find it done.
  (
    flock 9 || exit 1
    if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
      _kc_fetch "$cache" || exit 1
    fi
    if [[ ! -f "$KC_HOME/.meshwork-primed" ]]; then
      _kc_prime || exit 1
    fi
  ) 9>"$cache/.keycloak-$KC_VERSION.lock" || return 1
  export KC_HOME
  echo "$KC_HOME"
}

# _kc_fetch CACHE_DIR — (internal) downloads the distribution zip from Maven Central and unpacks it
# into a temp dir, then moves it into place atomically: an interrupted run never leaves a half server.
_kc_fetch() {
  local cache="$1" tmp
  tmp="$(mktemp -d "$cache/.keycloak-$KC_VERSION.XXXXXX")" || return 1
  echo "Fetching Keycloak $KC_VERSION from Maven Central (~170 MiB, once)..." >&2
  if ! mvn -q -B -Dstyle.color=never dependency:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
        -DoutputDirectory="$tmp" >&2 \
     || ! unzip -q "$tmp/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$tmp"; then
    echo "kc_ensure_dist: could not fetch or unpack keycloak-quarkus-dist $KC_VERSION" >&2
    rm -rf "$tmp"
    return 1
  fi
  # rename(2) of a directory within one file system is atomic.
  mv -T "$tmp/keycloak-$KC_VERSION" "$KC_HOME" || { rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
}

# _kc_prime — (internal) the first start-dev of a fresh distribution re-builds it for dev mode
# (~20 s of Quarkus augmentation, written into $KC_HOME/lib). Do that once, here, under the lock,
# with throwaway state, so two instances never race to re-build the same files.
_kc_prime() {
  local tmp port mgmt_port
  tmp="$(mktemp -d)" || return 1
  port="$(free_port)" && mgmt_port="$(free_port)" || return 1
  echo "Preparing Keycloak $KC_VERSION for dev mode (once, ~30 s)..." >&2
  if _kc_launch "$port" "$mgmt_port" "$tmp/data" "$tmp/pid" "$tmp/log" && kc_wait_ready "$mgmt_port" 300 "$tmp/log"; then
    kc_stop "$tmp/pid"
    touch "$KC_HOME/.meshwork-primed"
    rm -rf "$tmp"
    return 0
  fi
  kc_stop "$tmp/pid"
  echo "kc_ensure_dist: Keycloak did not come up while preparing it; log kept in $tmp/log" >&2
  return 1
}

# kc_start PORT MGMT_PORT DATA_DIR PIDFILE LOGFILE — starts `kc.sh start-dev` in the background
# (own session), state under DATA_DIR, PID into PIDFILE, output into LOGFILE. The caller exports
# KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD beforehand. Does not wait: see kc_wait_ready.
kc_start() {
  if [[ $# -ne 5 ]]; then
    echo "usage: kc_start PORT MGMT_PORT DATA_DIR PIDFILE LOGFILE" >&2
    return 2
  fi
  if [[ -z "${KC_BOOTSTRAP_ADMIN_USERNAME:-}" || -z "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ]]; then
    echo "kc_start: export KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD first" >&2
    return 2
  fi
  if [[ -f "$4" ]] && kill -0 "$(cat "$4")" 2>/dev/null; then
    echo "kc_start: already running with PID $(cat "$4") ($4)" >&2
    return 1
  fi
  if [[ -z "${KC_HOME:-}" || ! -f "$KC_HOME/.meshwork-primed" ]]; then
    kc_ensure_dist >/dev/null || return 1
  fi
  _kc_launch "$@"
}

# _kc_launch PORT MGMT_PORT DATA_DIR PIDFILE LOGFILE — (internal) the actual start; the build
# options here (--health-enabled, dev profile) must stay the same for every instance, or the next
# start re-builds the shared distribution.
_kc_launch() {
  local port="$1" mgmt_port="$2" data_dir="$3" pidfile="$4" logfile="$5"
  mkdir -p "$data_dir/tmp" "$data_dir/transaction-logs" "$(dirname "$pidfile")" "$(dirname "$logfile")" || return 1
  data_dir="$(cd "$data_dir" && pwd)"

  local java_home="${JAVA_HOME:-}"
  [[ -d "$KC_TEMURIN_HOME" ]] && java_home="$KC_TEMURIN_HOME"

  # --db-url:   start-dev's dev-file H2 database defaults to $KC_HOME/data/h2, shared by every
  #             instance of this distribution; a per-instance file URL separates them. It is a
  #             runtime option, so it does not trigger the Quarkus re-build (only build options such
  #             as --db, --features or --health-enabled do).
  # QUARKUS_TRANSACTION_MANAGER_OBJECT_STORE_DIRECTORY / java.io.tmpdir: the other state Keycloak
  #             keeps under $KC_HOME/data by default.
  # --http-management-host: the management interface (health) would otherwise follow the default.
  # -XX:TieredStopAtLevel=1: C1 only — starts markedly faster on 2 cores; throughput is not a concern.
  # setsid: own session and process group, so kc_stop can signal the whole group, and a Ctrl-C in
  #             the launcher's terminal does not reach the server.
  rm -f "$pidfile"
  _KC_LOGFILES[$mgmt_port]="$logfile"
  _KC_PIDFILES[$mgmt_port]="$pidfile"
  (
    exec 9>&-   # never hold kc_ensure_dist's lock for the server's lifetime
    [[ -n "$java_home" ]] && export JAVA_HOME="$java_home"
    export JAVA_OPTS_APPEND="-XX:TieredStopAtLevel=1 -Djava.io.tmpdir=$data_dir/tmp ${JAVA_OPTS_APPEND:-}"
    export QUARKUS_TRANSACTION_MANAGER_OBJECT_STORE_DIRECTORY="$data_dir/transaction-logs"
    # The inner bash is the session leader; it records its own PID (= process group id) and then
    # becomes kc.sh, so the pidfile is right whether or not setsid had to fork.
    # shellcheck disable=SC2016 # $$ and $@ are for the inner bash
    exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
      "$KC_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$port" \
      --http-management-host=127.0.0.1 --http-management-port="$mgmt_port" \
      --health-enabled=true \
      --db-url="jdbc:h2:file:$data_dir/h2/keycloakdb;NON_KEYWORDS=VALUE" \
      </dev/null >"$logfile" 2>&1
  ) &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  echo "kc_start: Keycloak did not start (no PID in $pidfile); see $logfile" >&2
  return 1
}

# kc_wait_ready MGMT_PORT TIMEOUT_S [LOGFILE] — polls /health/ready on the management port until it
# answers 200; on timeout prints the tail of the log (LOGFILE, default: the one kc_start used for
# that port in this shell) and returns 1. Returns 1 early if the server process has died.
kc_wait_ready() {
  local mgmt_port="$1" timeout_s="${2:-120}" logfile="${3:-${_KC_LOGFILES[$1]:-}}"
  local pidfile="${_KC_PIDFILES[$1]:-}" deadline=$((SECONDS + timeout_s)) reason="not ready after ${timeout_s}s"
  while ((SECONDS < deadline)); do
    if [[ -s "$pidfile" ]] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      reason="exited before it was ready"
      break
    fi
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$mgmt_port/health/ready" 2>/dev/null)" == 200 ]]; then
      return 0
    fi
    sleep 1
  done
  echo "Keycloak (management port $mgmt_port) $reason" >&2
  if [[ -n "$logfile" && -f "$logfile" ]]; then
    echo "--- last lines of $logfile ---" >&2
    tail -n 40 "$logfile" >&2
  fi
  return 1
}

# kc_stop PIDFILE — TERM to the PID in PIDFILE and its process group, waits up to 20 s, then KILL;
# removes the pidfile. Never touches any process other than that PID / its group.
kc_stop() {
  local pidfile="$1" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if [[ ! "$pid" =~ ^[0-9]+$ ]]; then
    rm -f "$pidfile"
    return 0
  fi
  if kill -0 "$pid" 2>/dev/null; then
    # The PID is a session leader (setsid), so its process group id equals the PID.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    local i
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "kc_stop: PID $pid did not stop within 20 s; killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
  fi
  rm -f "$pidfile"
}

# free_port — prints a TCP port that is free on 127.0.0.1 right now.
free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}
