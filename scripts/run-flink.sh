#!/usr/bin/env bash
# Submits newsstance to a Flink 1.19 session cluster and waits for it: the project's own
# cluster (scripts/flink-cluster.sh start) at 127.0.0.1:8081 by default, or any other cluster
# given with --flinkMaster=HOST:PORT. Same options and defaults as run-local.sh (the sample in,
# out/ out); the outputs are the same files. Exits non-zero when the job fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if newsstance_has_arg help "$@" || newsstance_has_arg h "$@"; then
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo
  newsstance_ensure_jar
  exec java -jar "$NEWSSTANCE_JAR" --help
fi

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

# shellcheck disable=SC2086
exec java ${NEWSSTANCE_JAVA_OPTS:--Xmx1g} -jar "$NEWSSTANCE_JAR" "${args[@]}"
