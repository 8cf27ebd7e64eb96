#!/usr/bin/env bash
# Runs newsstance on this machine: the DirectRunner by default, or any runner given with
# --runner=... (e.g. --runner=FlinkRunner --flinkMaster=[local]). Builds what is missing.
# Defaults: --input=datasets/sample --output=out (relative to the repository root).
# Every other argument is a pipeline option; --help lists them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

newsstance_ensure_jar

args=("$@")
if newsstance_has_arg help "$@" || newsstance_has_arg h "$@"; then
  exec java -jar "$NEWSSTANCE_JAR" --help
fi
newsstance_has_arg input "$@" || args+=("--input=$(newsstance_relpath "$NEWSSTANCE_ROOT/datasets/sample")")
newsstance_has_arg output "$@" || args+=("--output=$(newsstance_relpath "$NEWSSTANCE_ROOT/out")")
if newsstance_is_direct_runner "$@"; then
  # Real runs on the DirectRunner: the immutability/encodability checks multiply memory use
  # (docs/CLUSTER.md, shared PLATFORM notes); the unit tests keep them on. These flags are
  # DirectOptions: any other runner (FlinkRunner, ...) would reject them, so they are only
  # added here.
  newsstance_has_arg runner "$@" || args+=("--runner=DirectRunner")
  newsstance_has_arg targetParallelism "$@" || args+=("--targetParallelism=2")
  newsstance_has_arg enforceImmutability "$@" || args+=("--enforceImmutability=false")
  newsstance_has_arg enforceEncodability "$@" || args+=("--enforceEncodability=false")
fi

# shellcheck disable=SC2086
exec java ${NEWSSTANCE_JAVA_OPTS:--Xmx1g} -jar "$NEWSSTANCE_JAR" "${args[@]}"
