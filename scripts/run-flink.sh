#!/usr/bin/env bash
# Submits newsstance to a Flink 1.19 session cluster and waits for it: the project's own
# cluster (scripts/flink-cluster.sh start) at 127.0.0.1:8081 by default, or any other cluster
# given with --flinkMaster=HOST:PORT. Same options and defaults as run-local.sh (the sample in,
# out/ out); the outputs are the same files. Prints "flink job id: <hex>" as soon as the cluster
# has the job, and exits non-zero (with a one-line reason) when the job fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if newsstance_has_arg help "$@" || newsstance_has_arg h "$@"; then
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo
  newsstance_ensure_jar
  exec java -jar "$NEWSSTANCE_JAR" --help
fi

fail() { echo "run-flink: error: $*" >&2; exit "${FAIL_RC:-1}"; }

newsstance_ensure_jar

args=("$@")
newsstance_has_arg runner "$@" || args+=("--runner=FlinkRunner")
newsstance_has_arg flinkMaster "$@" || args+=("--flinkMaster=127.0.0.1:8081")
newsstance_has_arg parallelism "$@" || args+=("--parallelism=2")
# Same defaults as run-local.sh. Relative paths are fine: the launcher resolves them to absolute
# paths for the TaskManagers and keeps the names as typed in the outputs.
newsstance_has_arg input "$@" || args+=("--input=$(newsstance_relpath "$NEWSSTANCE_ROOT/datasets/sample")")
newsstance_has_arg output "$@" || args+=("--output=$(newsstance_relpath "$NEWSSTANCE_ROOT/out")")
# The job jar the cluster runs: the bundled jar itself.
newsstance_has_arg filesToStage "$@" || args+=("--filesToStage=$NEWSSTANCE_JAR")
# A job name unique to this submission, so the job can be found in the cluster's REST API (the
# Flink runner does not hand the job id back to the launcher for attached batch jobs).
if ! newsstance_has_arg jobName "$@"; then
  args+=("--jobName=newsstance-$(date -u +%Y%m%d-%H%M%S)-$(printf '%04x%04x' $RANDOM $RANDOM)")
fi
job_name="$(newsstance_arg_value jobName "${args[@]}")"
master="$(newsstance_arg_value flinkMaster "${args[@]}")"

# REST base URL of the cluster; empty for [local]/[auto]/[collection] (no cluster to ask).
rest=""
if [[ "$master" != \[* ]]; then
  rest="${master%/}"
  [[ "$rest" == http://* || "$rest" == https://* ]] || rest="http://$rest"
  curl -sf --max-time 10 "$rest/overview" > /dev/null \
    || fail "no Flink cluster answers at $rest (--flinkMaster=$master); start one with" \
            "'scripts/flink-cluster.sh start' or give --flinkMaster=HOST:PORT of a running cluster"
fi

# Id of the newest job called $job_name that started at or after $1 (epoch ms), from
# GET /jobs/overview: {"jobs":[{"jid":"..","name":"..","start-time":..,...,"state":".."},...]}.
find_job_id() { # since-ms
  curl -sf --max-time 5 "$rest/jobs/overview" 2>/dev/null | awk -v name="$job_name" -v since="$1" '
    BEGIN { RS = "\\},\\{|\\[\\{|\\}\\]" }
    {
      jid = ""; nm = ""; st = -1
      if (match($0, /"jid":"[0-9a-f]+"/)) jid = substr($0, RSTART + 7, RLENGTH - 8)
      if (match($0, /"name":"([^"\\]|\\.)*"/)) nm = substr($0, RSTART + 8, RLENGTH - 9)
      if (match($0, /"start-time":[0-9]+/)) st = substr($0, RSTART + 13, RLENGTH - 13) + 0
      if (jid != "" && nm == name && st >= since && st > best) { best = st; id = jid }
    }
    END { if (id != "") print id }'
}

job_state() { # jid
  curl -sf --max-time 5 "$rest/jobs/$1" 2>/dev/null | grep -o '"state":"[A-Z]*"' | head -n1 | cut -d'"' -f4
}

root_exception() { # jid -> first line of the job's root exception, if any
  curl -sf --max-time 5 "$rest/jobs/$1/exceptions" 2>/dev/null \
    | grep -o '"root-exception":"[^"]*' | head -n1 | cut -d'"' -f4 | sed 's/\\n.*//; s/\\t/ /g'
}

# Leave 10 s of slack for clocks (the cluster may be another machine).
since_ms=$(( $(date +%s) * 1000 - 10000 ))
err_log="$(mktemp "${TMPDIR:-/tmp}/run-flink-$job_name.XXXXXX.log")"
echo "run-flink: submitting job '$job_name' to ${rest:-$master} (launcher log: $err_log)" >&2

# The launcher here only checks the inputs, submits and waits (the cluster does the work), so it
# gets a small heap that grows only as needed and the serial collector: its memory counts
# towards the machine's when the cluster runs beside it (docs/CLUSTER.md).
# shellcheck disable=SC2086
java ${NEWSSTANCE_JAVA_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC} -jar "$NEWSSTANCE_JAR" "${args[@]}" 2> >(tee "$err_log" >&2) &
launcher=$!
job_id=""
# Ctrl-C / kill of this script: the job would go on running on the cluster; cancel it.
on_signal() {
  trap - INT TERM
  if [[ -n "$job_id" ]]; then
    echo "run-flink: interrupted; cancelling flink job $job_id" >&2
    curl -sf --max-time 10 -X PATCH "$rest/jobs/$job_id?mode=cancel" > /dev/null || true
  fi
  kill "$launcher" 2>/dev/null || true
  exit 130
}
trap on_signal INT TERM

if [[ -n "$rest" ]]; then
  while kill -0 "$launcher" 2>/dev/null && [[ -z "$job_id" ]]; do
    sleep 1
    job_id="$(find_job_id "$since_ms" || true)"
  done
  [[ -z "$job_id" ]] || echo "flink job id: $job_id"
fi
rc=0
wait "$launcher" || rc=$?
if [[ -n "$rest" && -z "$job_id" ]]; then
  # The launcher ended before the first poll found the job (a very short job, or a failure).
  job_id="$(find_job_id "$since_ms" || true)"
  [[ -z "$job_id" ]] || echo "flink job id: $job_id"
fi

if (( rc == 0 )); then
  rm -f "$err_log"
  [[ -n "$job_id" || -z "$rest" ]] \
    || echo "run-flink: warning: the job succeeded but no job '$job_name' was found at $rest/jobs/overview" >&2
  exit 0
fi
FAIL_RC=$rc
# One line saying why: the cluster's view of the job if it got that far, else the launcher's.
reason="$(grep -E '^newsstance: ' "$err_log" | tail -n1 | sed 's/^newsstance: //' || true)"
if [[ -n "$job_id" ]]; then
  state="$(job_state "$job_id" || true)"
  root="$(root_exception "$job_id" || true)"
  fail "flink job $job_id ended ${state:-in an unknown state}: ${root:-${reason:-see $err_log}}" \
       "(exit $rc; launcher log $err_log)"
fi
fail "${reason:-the launcher exited with code $rc} (exit $rc; launcher log $err_log)"
