#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs every test.
# Same command locally and in CI (.ci/run calls exactly this).
# Unit tests (surefire), then the bundled jar, then the *IT integration tests (failsafe), which
# start and stop a local Flink session cluster themselves (scripts/flink-cluster.sh; ports
# 8081/6123/6124 must be free). Pass -DskipITs to leave them out.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify "$@"
