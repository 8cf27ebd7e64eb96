#!/usr/bin/env bash
# The project's test command: installs what the tests need, then runs every test.
# Same command locally and in CI (.ci/run calls exactly this).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify "$@"
