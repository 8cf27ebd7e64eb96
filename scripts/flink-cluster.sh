#!/usr/bin/env bash
# Flink 1.19.0 session cluster for newsstance, built from Maven Central jars (the Flink
# distribution tarball is not reachable from this machine). See docs/CLUSTER.md.
#
#   scripts/flink-cluster.sh start [--taskmanagers=N] [--rest-port=P] [--timeout=S]
#   scripts/flink-cluster.sh start-taskmanager [--timeout=S]
#   scripts/flink-cluster.sh stop
#   scripts/flink-cluster.sh status
#
# State folder: ${NEWSSTANCE_FLINK_HOME:-<repo>/.flink-cluster} with conf/ log/ pids/ tmp/.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
FLINK_SRC="$SCRIPT_DIR/flink"          # pom.xml, config.yaml, log4j.properties (clean templates)
STATE="$(realpath -m "${NEWSSTANCE_FLINK_HOME:-$REPO_ROOT/.flink-cluster}")"
CONF="$STATE/conf"
LOGS="$STATE/log"
PIDS="$STATE/pids"
TMPD="$STATE/tmp"
CP_FILE="$STATE/classpath.txt"
MVN="${MVN:-mvn}"
if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi

JM_CLASS=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
TM_CLASS=org.apache.flink.runtime.taskexecutor.TaskManagerRunner
BASH_UTILS_CLASS=org.apache.flink.runtime.util.bash.BashJavaUtils
EXEC_PREFIX=BASH_JAVA_UTILS_EXEC_RESULT:
MAX_TASKMANAGERS=20          # taskmanager.rpc.port range 6140-6159 in config.yaml holds 20
STOP_GRACE_SECONDS=30

usage() {
  cat <<EOF
Usage: scripts/flink-cluster.sh COMMAND [OPTIONS]

Local Flink 1.19.0 session cluster (one JobManager + N TaskManagers, each its own JVM,
all bound to 127.0.0.1) for running the newsstance Beam pipeline with --runner=FlinkRunner.

Commands:
  start               Start the JobManager (if not running) and TaskManagers until N of ours
                      are alive; waits until they are registered (GET /overview).
                      Idempotent: on a running cluster it only adds missing TaskManagers.
  start-taskmanager   Start one more TaskManager (next free index), wait until it is
                      registered, print its PID.
  stop                Stop exactly the processes this script started (TERM, wait, KILL),
                      remove pid files, wipe tmp/ (blob store, spill files). Logs are kept.
  status              Show JobManager/TaskManager PIDs (alive/dead) and the REST /overview
                      summary. Exit 0 if the cluster is up (JobManager alive, REST answers), 3 if not.

Options:
  --taskmanagers=N    start: number of TaskManagers wanted (default 1, max $MAX_TASKMANAGERS)
  --rest-port=P       start: REST port (default 8081). Other commands read it from the
                      running cluster's conf/config.yaml.
  --timeout=S         start/start-taskmanager: seconds to wait for registration (default 120)
  -h, --help          this help

Environment:
  NEWSSTANCE_FLINK_HOME  state folder (default: <repo>/.flink-cluster)
                         conf/ (generated config), log/ (*.log, *.out), pids/, tmp/
  MVN, JAVA, JAVA_HOME   tools to use (default: mvn and java on PATH)

Submit a job:  --runner=FlinkRunner --flinkMaster=127.0.0.1:<rest-port> --parallelism=2
EOF
}

log()  { echo "[flink-cluster] $*" >&2; }   # stderr: stdout of start-taskmanager is just the PID
warn() { echo "[flink-cluster] WARNING: $*" >&2; }
die()  { echo "[flink-cluster] ERROR: $*" >&2; exit 1; }

# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------
COMMAND=""
NUM_TMS=1
REST_PORT=""
TIMEOUT=120         # measured up to 44 s on the 2-core machine while other builds ran
for arg in "$@"; do
  case "$arg" in
    -h|--help|help) usage; exit 0 ;;
    --taskmanagers=*) NUM_TMS="${arg#*=}" ;;
    --rest-port=*) REST_PORT="${arg#*=}" ;;
    --timeout=*) TIMEOUT="${arg#*=}" ;;
    start|stop|status|start-taskmanager)
      [[ -z "$COMMAND" ]] || die "only one command allowed (got '$COMMAND' and '$arg')"
      COMMAND="$arg" ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
[[ -n "$COMMAND" ]] || { usage >&2; exit 2; }
if ! [[ "$NUM_TMS" =~ ^[0-9]+$ ]] || (( NUM_TMS < 1 || NUM_TMS > MAX_TASKMANAGERS )); then
  die "--taskmanagers must be 1..$MAX_TASKMANAGERS (got '$NUM_TMS')"
fi
[[ -z "$REST_PORT" || "$REST_PORT" =~ ^[0-9]+$ ]] || die "--rest-port must be a number (got '$REST_PORT')"
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds (got '$TIMEOUT')"

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

# Value of a flat "key: value" line in a config.yaml (our own files only use flat keys).
conf_value() { # file key
  sed -n "s|^$2:[[:space:]]*||p" "$1" | head -n1 | sed 's/[[:space:]]*$//'
}

# The REST port of the cluster: --rest-port, else the generated conf, else the template.
effective_rest_port() {
  if [[ -n "$REST_PORT" ]]; then echo "$REST_PORT"
  elif [[ -f "$CONF/config.yaml" ]]; then conf_value "$CONF/config.yaml" rest.port
  else conf_value "$FLINK_SRC/config.yaml" rest.port
  fi
}

# True if PID is alive AND is one of our cluster JVMs (main class + our conf dir on its command
# line), so a recycled PID is never mistaken for (or killed as) a cluster process.
is_our_pid() { # pid main-class
  local pid="$1" cls="$2" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *"$cls"* && "$cmd" == *"--configDir $CONF "* ]]
}

read_pid() { if [[ -f "$1" ]]; then tr -dc '0-9' < "$1"; fi; }

jm_pid_alive() { local p; p="$(read_pid "$PIDS/jobmanager.pid")"; is_our_pid "$p" "$JM_CLASS"; }

# Indices of TaskManager pid files, sorted numerically.
tm_indices() {
  local f
  for f in "$PIDS"/taskmanager-*.pid; do
    [[ -e "$f" ]] || continue
    f="${f##*/taskmanager-}"; echo "${f%.pid}"
  done | sort -n
}

alive_tm_count() {
  local i n=0
  for i in $(tm_indices); do
    is_our_pid "$(read_pid "$PIDS/taskmanager-$i.pid")" "$TM_CLASS" && n=$((n + 1))
  done
  echo "$n"
}

port_in_use() { # port -> 0 if something accepts connections on 127.0.0.1:port
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

rest_get() { # path -> body on stdout, non-zero if REST does not answer
  curl -sf --max-time 5 "http://127.0.0.1:$(effective_rest_port)$1"
}

json_num() { # json key -> number
  grep -o "\"$2\":[0-9-]*" <<<"$1" | head -n1 | cut -d: -f2
}

overview_summary() { # json -> one line
  local j="$1"
  echo "taskmanagers=$(json_num "$j" taskmanagers) slots-total=$(json_num "$j" slots-total)" \
       "slots-available=$(json_num "$j" slots-available) jobs-running=$(json_num "$j" jobs-running)" \
       "jobs-finished=$(json_num "$j" jobs-finished) jobs-failed=$(json_num "$j" jobs-failed)" \
       "jobs-cancelled=$(json_num "$j" jobs-cancelled)"
}

# Resource ids of the TaskManagers registered at the JobManager.
registered_tm_ids() {
  local body
  body="$(rest_get /taskmanagers)" || return 1
  grep -o '"id":"[^"]*"' <<<"$body" | cut -d'"' -f4
}

# --------------------------------------------------------------------------------------------
# Classpath (cached in the state folder, rebuilt when the pom is newer or a jar vanished)
# --------------------------------------------------------------------------------------------
resolve_classpath() { # [running]: a JobManager runs -> keep its classpath for new TaskManagers
  mkdir -p "$STATE"
  local rebuild=0 jar
  if [[ "${1:-}" == running && -s "$CP_FILE" ]]; then
    [[ "$FLINK_SRC/pom.xml" -nt "$CP_FILE" ]] && warn "scripts/flink/pom.xml changed since the" \
      "cluster started; new TaskManagers keep the running cluster's classpath (stop + start to apply)"
  elif [[ ! -s "$CP_FILE" || "$FLINK_SRC/pom.xml" -nt "$CP_FILE" ]]; then
    rebuild=1
  else
    IFS=: read -ra _jars < "$CP_FILE" || true   # no trailing newline
    for jar in "${_jars[@]}"; do [[ -f "$jar" ]] || { rebuild=1; break; }; done
  fi
  if (( rebuild )); then
    log "resolving Flink classpath: $MVN -q -f scripts/flink/pom.xml dependency:build-classpath"
    mkdir -p "$LOGS"
    if ! "$MVN" -q -f "$FLINK_SRC/pom.xml" dependency:build-classpath \
          -Dmdep.outputFile="$CP_FILE.new" > "$LOGS/maven-classpath.log" 2>&1; then
      tail -n 30 "$LOGS/maven-classpath.log" >&2
      die "classpath resolution failed, see $LOGS/maven-classpath.log"
    fi
    mv -f "$CP_FILE.new" "$CP_FILE"
  fi
  CP="$(cat "$CP_FILE")"
  [[ "$CP" == *flink-runtime-* ]] || die "classpath in $CP_FILE has no flink-runtime jar"
}

# --------------------------------------------------------------------------------------------
# Generated configuration (the repo copy under scripts/flink/ stays clean)
# --------------------------------------------------------------------------------------------
prepare_conf() {
  local port="$1" key
  mkdir -p "$CONF" "$LOGS" "$PIDS" "$TMPD" "$STATE/plugins"
  sed -e "s|^rest\.port:.*|rest.port: $port|" \
      -e "s|^rest\.bind-port:.*|rest.bind-port: $port|" \
      -e "s|^io\.tmp\.dirs:.*|io.tmp.dirs: $TMPD|" \
      -e "s|^web\.tmpdir:.*|web.tmpdir: $TMPD|" \
      "$FLINK_SRC/config.yaml" > "$CONF/config.yaml"
  cp -f "$FLINK_SRC/log4j.properties" "$CONF/log4j.properties"
  for key in rest.port rest.bind-port io.tmp.dirs web.tmpdir jobmanager.rpc.port blob.server.port \
             taskmanager.data.port restart-strategy.type; do
    [[ -n "$(conf_value "$CONF/config.yaml" "$key")" ]] \
      || die "scripts/flink/config.yaml lacks a flat '$key:' line"
  done
}

# BashJavaUtils GET_JM_RESOURCE_PARAMS / GET_TM_RESOURCE_PARAMS, as Flink's config.sh does:
# the first result line is the JVM memory args, the last one the -D dynamic properties.
# Sets RES_JVM_ARGS and RES_DYN_ARGS (arrays).
resource_params() { # GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS
  local out results
  if ! out="$("$JAVA" -cp "$CP" -Dlog.file="$LOGS/bash-java-utils.log" \
        -Dlog4j.configurationFile="file:$CONF/log4j.properties" "$BASH_UTILS_CLASS" "$1" --configDir "$CONF" 2>&1)"; then
    echo "$out" | tail -n 30 >&2
    die "BashJavaUtils $1 failed (check memory settings in scripts/flink/config.yaml)"
  fi
  results="$(grep "^$EXEC_PREFIX" <<<"$out" || true)"
  [[ -n "$results" ]] || { echo "$out" | tail -n 30 >&2; die "BashJavaUtils $1 printed no $EXEC_PREFIX lines"; }
  read -ra RES_JVM_ARGS <<<"$(head -n1 <<<"$results" | sed "s/^$EXEC_PREFIX//")"
  read -ra RES_DYN_ARGS <<<"$(tail -n1 <<<"$results" | sed "s/^$EXEC_PREFIX//")"
}

java_opts() { # env.java.opts.all from the generated conf
  read -ra JAVA_OPTS <<<"$(conf_value "$CONF/config.yaml" env.java.opts.all)"
}

# Flink's per-role options (env.java.opts.jobmanager / env.java.opts.taskmanager), added after
# env.java.opts.all, as Flink's own start scripts do.
role_java_opts() { # jobmanager|taskmanager
  read -ra ROLE_JAVA_OPTS <<<"$(conf_value "$CONF/config.yaml" "env.java.opts.$1")"
}
ROLE_JAVA_OPTS=()

# Launch one JVM detached from this shell (own session, immune to SIGHUP, stdin closed); the
# child writes its own PID before exec'ing java, so the pid file is the java PID.
launch() { # name pidfile main-class args...
  local name="$1" pidfile="$2" cls="$3"; shift 3
  rm -f "$pidfile"
  echo "===== $(date '+%F %T') starting $name" >> "$LOGS/$name.out"
  # cwd = state folder (relative paths, hs_err_pid*.log land there); FLINK_PLUGINS_DIR = an
  # empty <state>/plugins (Flink otherwise warns about a missing ./plugins).
  cd "$STATE"
  # shellcheck disable=SC2016  # $$ and $@ are for the inner bash
  FLINK_PLUGINS_DIR="$STATE/plugins" setsid nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
    "$JAVA" "${JAVA_OPTS[@]}" ${ROLE_JAVA_OPTS[@]+"${ROLE_JAVA_OPTS[@]}"} "${RES_JVM_ARGS[@]}" \
    -Dlog.file="$LOGS/$name.log" \
    -Dlog4j.configuration="file:$CONF/log4j.properties" \
    -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -Djava.io.tmpdir="$TMPD" \
    -classpath "$CP" "$cls" --configDir "$CONF" "$@" \
    >> "$LOGS/$name.out" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 50); do [[ -s "$pidfile" ]] && break; sleep 0.1; done
  [[ -s "$pidfile" ]] || die "$name did not write $pidfile"
  LAUNCHED_PID="$(read_pid "$pidfile")"
}

check_jm_ports_free() {
  local p
  for p in "$(conf_value "$CONF/config.yaml" rest.port)" \
           "$(conf_value "$CONF/config.yaml" jobmanager.rpc.port)" \
           "$(conf_value "$CONF/config.yaml" blob.server.port)"; do
    if port_in_use "$p"; then
      die "port 127.0.0.1:$p is already in use by another process" \
          "(another Flink cluster, e.g. one with another NEWSSTANCE_FLINK_HOME? 'ss -ltnp | grep :$p')"
    fi
  done
}

start_jobmanager() {
  resource_params GET_JM_RESOURCE_PARAMS
  role_java_opts jobmanager
  launch jobmanager "$PIDS/jobmanager.pid" "$JM_CLASS" "${RES_DYN_ARGS[@]}"
  log "JobManager started, PID $LAUNCHED_PID (log: $LOGS/jobmanager.log)"
}

# Starts one TaskManager with the lowest free index; sets NEW_TM_ID / NEW_TM_PID / NEW_TM_INDEX.
start_one_taskmanager() {
  local i base data_port pidfile old
  base="$(conf_value "$CONF/config.yaml" taskmanager.data.port)"
  for ((i = 1; i <= MAX_TASKMANAGERS; i++)); do
    pidfile="$PIDS/taskmanager-$i.pid"
    if [[ -f "$pidfile" ]]; then
      old="$(read_pid "$pidfile")"
      is_our_pid "$old" "$TM_CLASS" && continue
      rm -f "$pidfile" "$PIDS/taskmanager-$i.id"     # stale: that TaskManager is gone
    fi
    data_port=$((base + i - 1))
    if port_in_use "$data_port"; then
      warn "data port $data_port of TaskManager slot $i is in use, trying the next index"
      continue
    fi
    break
  done
  (( i <= MAX_TASKMANAGERS )) || die "no free TaskManager index (max $MAX_TASKMANAGERS)"
  [[ ${#TM_RES_JVM_ARGS[@]} -gt 0 ]] || {
    resource_params GET_TM_RESOURCE_PARAMS
    TM_RES_JVM_ARGS=("${RES_JVM_ARGS[@]}"); TM_RES_DYN_ARGS=("${RES_DYN_ARGS[@]}")
  }
  RES_JVM_ARGS=("${TM_RES_JVM_ARGS[@]}")
  role_java_opts taskmanager
  NEW_TM_INDEX="$i"
  NEW_TM_ID="newsstance-tm$i-$(date +%s)"
  echo "$NEW_TM_ID" > "$PIDS/taskmanager-$i.id"
  launch "taskmanager-$i" "$pidfile" "$TM_CLASS" "${TM_RES_DYN_ARGS[@]}" \
    -D "taskmanager.data.port=$data_port" -D "taskmanager.resource-id=$NEW_TM_ID"
  NEW_TM_PID="$LAUNCHED_PID"
  log "TaskManager $i started, PID $NEW_TM_PID, data port $data_port, resource id $NEW_TM_ID" \
      "(log: $LOGS/taskmanager-$i.log)"
}
TM_RES_JVM_ARGS=()
TM_RES_DYN_ARGS=()

# Waits until REST answers, every resource id in $@ is registered and /overview shows at least
# MIN_TMS TaskManagers. Fails fast if the JobManager or one of the new TaskManagers dies.
wait_registered() { # min-tms ids...
  local min="$1"; shift
  local deadline=$((SECONDS + TIMEOUT)) ov n ids id missing i
  while :; do
    jm_pid_alive || die "JobManager died during startup, see $LOGS/jobmanager.log and $LOGS/jobmanager.out"
    for i in $(tm_indices); do
      [[ " ${WAIT_TM_INDICES:-} " == *" $i "* ]] || continue
      is_our_pid "$(read_pid "$PIDS/taskmanager-$i.pid")" "$TM_CLASS" \
        || die "TaskManager $i died during startup, see $LOGS/taskmanager-$i.log and $LOGS/taskmanager-$i.out"
    done
    # /taskmanagers first, /overview second: the summary printed then includes the new TMs.
    missing=""
    if ids="$(registered_tm_ids)"; then
      for id in "$@"; do grep -qxF "$id" <<<"$ids" || missing+=" $id"; done
    else
      missing=" (REST /taskmanagers not answering)"
    fi
    if ov="$(rest_get /overview)"; then
      n="$(json_num "$ov" taskmanagers)"
      if [[ -z "$missing" && "${n:-0}" -ge "$min" ]]; then
        OVERVIEW="$ov"; return 0
      fi
    fi
    if (( SECONDS >= deadline )); then
      die "timed out after ${TIMEOUT}s waiting for $min TaskManager(s) at http://127.0.0.1:$(effective_rest_port)/overview" \
          "(last: ${ov:-no answer}; not registered:${missing:- ?}). See $LOGS/jobmanager.log and $LOGS/taskmanager-*.log"
    fi
    sleep 1
  done
}

# Waits until the JobManager's REST endpoint answers (it may still be starting).
wait_rest() {
  local deadline=$((SECONDS + TIMEOUT))
  until rest_get /overview > /dev/null; do
    jm_pid_alive || die "JobManager is not running (any more), see $LOGS/jobmanager.log and $LOGS/jobmanager.out"
    (( SECONDS < deadline )) || die "JobManager PID $(read_pid "$PIDS/jobmanager.pid") is alive but REST on port" \
      "$(effective_rest_port) did not answer within ${TIMEOUT}s; see $LOGS/jobmanager.log (or run stop)"
    sleep 1
  done
}

# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------
cmd_start() {
  local t0=$SECONDS port alive need k ids=() p
  log "state folder: $STATE"
  if jm_pid_alive; then
    port="$(effective_rest_port)"
    [[ -z "$REST_PORT" || "$REST_PORT" == "$(conf_value "$CONF/config.yaml" rest.port)" ]] \
      || die "cluster already running with REST port $(conf_value "$CONF/config.yaml" rest.port); stop it first to change --rest-port"
    wait_rest
    log "JobManager already running (PID $(read_pid "$PIDS/jobmanager.pid")), REST http://127.0.0.1:$port"
    resolve_classpath running
  else
    # No JobManager of ours: clean up leftovers of a previous run first.
    if [[ "$(alive_tm_count)" -gt 0 ]]; then
      warn "TaskManagers without a JobManager found; stopping them for a clean start"
      stop_all quiet
    fi
    rm -f "$PIDS"/*.pid "$PIDS"/*.id 2>/dev/null || true
    port="${REST_PORT:-$(conf_value "$FLINK_SRC/config.yaml" rest.port)}"
    REST_PORT="$port"
    prepare_conf "$port"
    check_jm_ports_free
    resolve_classpath
    java_opts
    start_jobmanager
  fi
  java_opts
  alive="$(alive_tm_count)"
  need=$((NUM_TMS - alive))
  WAIT_TM_INDICES=""
  if (( need > 0 )); then
    for ((k = 0; k < need; k++)); do
      start_one_taskmanager
      ids+=("$NEW_TM_ID")
      WAIT_TM_INDICES+=" $NEW_TM_INDEX"
    done
  else
    log "$alive TaskManager(s) already running, none to add"
  fi
  log "waiting up to ${TIMEOUT}s for $NUM_TMS TaskManager(s) to register ..."
  wait_registered "$NUM_TMS" "${ids[@]}"
  log "cluster up in $((SECONDS - t0))s: REST http://127.0.0.1:$port  $(overview_summary "$OVERVIEW")"
  log "submit with: --runner=FlinkRunner --flinkMaster=127.0.0.1:$port --parallelism=2"
  log "logs: $LOGS   pids: $PIDS"
}

cmd_start_taskmanager() {
  local t0=$SECONDS before
  log "state folder: $STATE"
  jm_pid_alive || die "no JobManager running (start the cluster first: scripts/flink-cluster.sh start)"
  wait_rest
  OVERVIEW="$(rest_get /overview)" || die "REST on port $(effective_rest_port) does not answer; see $LOGS/jobmanager.log"
  before="$(json_num "$OVERVIEW" taskmanagers)"
  resolve_classpath running
  java_opts
  start_one_taskmanager
  WAIT_TM_INDICES=" $NEW_TM_INDEX"
  wait_registered 1 "$NEW_TM_ID"
  log "TaskManager $NEW_TM_INDEX registered in $((SECONDS - t0))s (registered before: $before)." \
      "$(overview_summary "$OVERVIEW")"
  echo "$NEW_TM_PID"
}

# Stops our JVMs: TERM all (TaskManagers first), wait up to STOP_GRACE_SECONDS, then KILL.
stop_all() {
  local quiet="${1:-}" f pid cls name pids=() names=() i left
  for f in "$PIDS"/taskmanager-*.pid "$PIDS"/jobmanager.pid; do
    [[ -e "$f" ]] || continue
    pid="$(read_pid "$f")"; name="$(basename "$f" .pid)"
    if [[ "$name" == jobmanager ]]; then cls="$JM_CLASS"; else cls="$TM_CLASS"; fi
    if is_our_pid "$pid" "$cls"; then
      [[ -n "$quiet" ]] || log "stopping $name (PID $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid"); names+=("$name")
    elif [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      warn "$name: PID $pid is alive but not our $cls; not touching it"
    else
      [[ -n "$quiet" ]] || log "$name (PID ${pid:-?}) not running"
    fi
  done
  for ((i = 0; i < STOP_GRACE_SECONDS * 2; i++)); do
    left=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    (( left )) || break
    sleep 0.5
  done
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      warn "${names[$i]} (PID ${pids[$i]}) ignored TERM for ${STOP_GRACE_SECONDS}s; sending KILL"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
  done
  rm -f "$PIDS"/*.pid "$PIDS"/*.id 2>/dev/null || true
}

cmd_stop() {
  local t0=$SECONDS
  log "state folder: $STATE"
  [[ -d "$STATE" ]] || { log "nothing to stop"; return 0; }
  stop_all
  # tmp/ holds the blob store (a ~160 MB jar per job submission), spill files and working dirs.
  if [[ -d "$TMPD" ]]; then
    local size; size="$(du -sh "$TMPD" 2>/dev/null | cut -f1)"
    find "$TMPD" -mindepth 1 -delete
    log "cleaned $TMPD (was $size)"
  fi
  log "stopped in $((SECONDS - t0))s; logs kept in $LOGS"
}

cmd_status() {
  local up=0 pid i id ov reg_ids="" state reg
  echo "state folder: $STATE"
  echo "REST:         http://127.0.0.1:$(effective_rest_port)"
  pid="$(read_pid "$PIDS/jobmanager.pid")"
  if jm_pid_alive; then echo "jobmanager:   PID $pid alive"; up=1
  else echo "jobmanager:   ${pid:+PID $pid }not running"; fi
  reg_ids="$(registered_tm_ids 2>/dev/null || true)"
  for i in $(tm_indices); do
    pid="$(read_pid "$PIDS/taskmanager-$i.pid")"
    id="$(cat "$PIDS/taskmanager-$i.id" 2>/dev/null || true)"
    if is_our_pid "$pid" "$TM_CLASS"; then state=alive; else state=dead; fi
    if [[ -n "$id" ]] && grep -qxF "$id" <<<"$reg_ids"; then reg=registered; else reg="not registered"; fi
    printf 'taskmanager-%s: PID %s %s, %s (%s)\n' "$i" "$pid" "$state" "$reg" "${id:-?}"
  done
  if ov="$(rest_get /overview 2>/dev/null)"; then
    echo "overview:     $(overview_summary "$ov")"
    (( up )) || echo "note:         REST answers, but not from a JobManager of this state folder" \
                     "(another cluster? check NEWSSTANCE_FLINK_HOME)"
  else
    echo "overview:     REST not answering"; up=0
  fi
  if (( up )); then return 0; else return 3; fi
}

case "$COMMAND" in
  start) cmd_start ;;
  start-taskmanager) cmd_start_taskmanager ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
esac
