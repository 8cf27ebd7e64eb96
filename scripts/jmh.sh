#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of each stage (parse, clean, split, score) on the bundled
# sample's articles, one core. Extra arguments go to JMH (e.g. a regex: scripts/jmh.sh score).
# Each operation is one pass over the sample's 74 English articles.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$NEWSSTANCE_ROOT"
mvn -q -B -pl transforms test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt >&2
exec java -cp "transforms/target/test-classes:transforms/target/classes:$(cat transforms/target/jmh-classpath.txt)" \
  org.openjdk.jmh.Main StageBenchmarks "$@"
