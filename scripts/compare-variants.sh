#!/usr/bin/env bash
# Measures variants of the combination by the decision rule of docs/SCORING.md ("How a change
# is decided"): A = dev2 held out, B = dev3 rows and C = all rows of a 5-fold cross-validation by
# document over dev + dev3. Never reads the test split.
#   scripts/compare-variants.sh [--only=SUBSTRING[,SUBSTRING...]] [--lexicons=DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/transforms-classpath.sh"
cp="$(transforms_classpath "$root")"
cd "$root"
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
  org.newsstance.evaluation.CompareVariants "$@"
