#!/usr/bin/env bash
# Scores a gold split and prints precision/recall/F1, F_avg, macro-F1, confusion matrices and
# the worst errors per dimension.
#   scripts/evaluate.sh [--split=dev|dev2|dev3|dev4|test] [--gold=PATH] [--lexicons=DIR] [--worst=N]
#                       [--set=setting=value ...]
#   scripts/evaluate.sh --against=out/coding_sample.csv
# Reads datasets/gold/<split>.tsv (default dev) relative to the repository root.
# --against instead compares the machine's labels with a human coder's in a coding_sample.csv
# (written by --codingSample=N and filled in): n coded, F_avg, macro-F1, Cohen's kappa.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/transforms-classpath.sh"
cp="$(transforms_classpath "$root")"
# --against is resolved against the caller's directory, before changing to the root.
args=()
for a in "$@"; do
  if [[ "$a" == --against=* ]]; then
    args+=("--against=$(realpath -m "${a#--against=}")")
  else
    args+=("$a")
  fi
done
cd "$root"
exec java -cp "$cp" org.newsstance.evaluation.Evaluate ${args[@]+"${args[@]}"}
