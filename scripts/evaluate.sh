#!/usr/bin/env bash
# Scores a gold split and prints precision/recall/F1, F_avg, macro-F1, confusion matrices and
# the worst errors per dimension.
#   scripts/evaluate.sh [--split=dev|test] [--gold=PATH] [--lexicons=DIR] [--worst=N]
#                       [--set=setting=value ...]
# Reads datasets/gold/<split>.tsv (default dev) relative to the repository root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/transforms-classpath.sh"
cp="$(transforms_classpath "$root")"
cd "$root"
exec java -cp "$cp" org.newsstance.evaluation.Evaluate "$@"
