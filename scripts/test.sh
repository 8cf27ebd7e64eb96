#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs every test.
# Same command locally and in CI (.ci/run calls exactly this).
# Unit tests (surefire), then the bundled jar, then the *IT integration tests (failsafe), which
# start and stop a local Flink session cluster themselves (scripts/flink-cluster.sh; ports
# 8081/6123/6124 must be free). Pass -DskipITs to leave them out.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The report's browser test (ReportBrowserTest) needs Chromium; CI runs as root on Debian.
if ! command -v chromium >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium for the report's browser test ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "test.sh: chromium not found and cannot be installed here; the browser test will be skipped" >&2
  fi
fi

mvn -B verify "$@"
