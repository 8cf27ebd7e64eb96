#!/usr/bin/env bash
# Cross-validates (by document) the dictionary scorer against trained maxent models on a gold
# split that may be tuned on (never the test split):
#   scripts/cross-validate.sh [--gold=datasets/gold/dev.tsv[,more.tsv...]] [--folds=5] [--iterations=200]
#   scripts/cross-validate.sh --holdout=datasets/gold/test.tsv [--lexicons=DIR]
# Several comma-separated --gold files are one split, e.g. the shipped model's training data
# --gold=datasets/gold/dev.tsv,datasets/gold/dev3.tsv.
# --holdout trains the models on all of --gold and reports dictionary, models and blends once on
# the held-out file: numbers only, never sentences (for reporting, not for choosing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/transforms-classpath.sh"
cp="$(transforms_classpath "$root")"
cd "$root"
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  org.newsstance.evaluation.CrossValidate "$@"
