#!/usr/bin/env bash
# Scores sentences to CSV on stdout, one row per input line (see ScoreSentences for the columns).
#   scripts/score-sentences.sh [--lexicons=DIR] [FILE] < lines
# A line is a sentence or DOCUMENT_ID<TAB>sentence; consecutive lines with one id are an article.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/transforms-classpath.sh"
cp="$(transforms_classpath "$root")"
exec java -cp "$cp" org.newsstance.evaluation.ScoreSentences "$@"
