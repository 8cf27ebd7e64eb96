#!/usr/bin/env bash
# Writes a deterministic synthetic news corpus (JSON Lines; gzip when PATH ends in .gz) for fault
# tests and benchmarks, built from the project's own sentences (datasets/gold/dev.tsv and
# datasets/sample/*.jsonl; never the held-out test set). Same --seed, byte-identical file.
#
#   scripts/gen-corpus.sh --articles=N --output=PATH [--format=jsonl|warc] [--seed=S]
#
# --format=warc is not supported yet (exit 2). Runs org.newsstance.tools.GenerateCorpus from the
# bundled jar, which is built when missing or stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

newsstance_ensure_jar
args=("$@")
newsstance_has_arg datasets "$@" || args+=("--datasets=$NEWSSTANCE_ROOT/datasets")
# shellcheck disable=SC2086
exec java ${NEWSSTANCE_JAVA_OPTS:--Xmx512m} -cp "$NEWSSTANCE_JAR" org.newsstance.tools.GenerateCorpus "${args[@]}"
