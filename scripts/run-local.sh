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
# The launcher itself chooses the runner settings of a real run (DirectRunner: no per-element
# checks, one worker thread per core; Flink: no copies between chained operators), each only
# when not given here (NewsstanceMain.applyRunnerDefaults).

# The parallel collector: on 25,000 articles, alternating with G1 (the JVM's default), embedded
# Flink took 19 % and the DirectRunner 13 % less time on average, each with 200 MB less RSS (two
# cores: G1's concurrent threads compete with the workers; docs/BENCHMARKS-notes.md).
# shellcheck disable=SC2086
exec java ${NEWSSTANCE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$NEWSSTANCE_JAR" "${args[@]}"
