# Shared helpers for newsstance's scripts. Source it; do not run it.
# NEWSSTANCE_ROOT is the repository root; the bundled jar is built on demand.

NEWSSTANCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NEWSSTANCE_JAR="$NEWSSTANCE_ROOT/pipeline/target/newsstance-bundled.jar"

# Prints a path relative to the current directory when it lies below it, else absolute.
newsstance_relpath() {
  realpath -m --relative-base="$PWD" "$1"
}

# True when any source, dictionary, rule file or pom is newer than the bundled jar.
newsstance_jar_stale() {
  [[ ! -f "$NEWSSTANCE_JAR" ]] && return 0
  local newer
  newer="$(find "$NEWSSTANCE_ROOT/pom.xml" "$NEWSSTANCE_ROOT/transforms/pom.xml" \
      "$NEWSSTANCE_ROOT/pipeline/pom.xml" "$NEWSSTANCE_ROOT/transforms/src/main" \
      "$NEWSSTANCE_ROOT/pipeline/src/main" "$NEWSSTANCE_ROOT/datasets/lexicons" \
      "$NEWSSTANCE_ROOT/datasets/cleaning" -newer "$NEWSSTANCE_JAR" -type f -print -quit 2>/dev/null)"
  [[ -n "$newer" ]]
}

# Builds the bundled jar (all runners, dictionaries and models) when it is missing or stale.
# NEWSSTANCE_NO_BUILD=1 (set by the integration tests, which run inside a Maven build): never
# start a nested build; only fail when the jar is missing.
newsstance_ensure_jar() {
  if [[ "${NEWSSTANCE_NO_BUILD:-}" == 1 ]]; then
    [[ -f "$NEWSSTANCE_JAR" ]] || {
      echo "newsstance: error: $NEWSSTANCE_JAR is missing (NEWSSTANCE_NO_BUILD=1); run 'mvn -DskipTests package' first" >&2
      exit 1
    }
    return 0
  fi
  if newsstance_jar_stale; then
    echo "newsstance: building $(newsstance_relpath "$NEWSSTANCE_JAR") (first run or sources changed) ..." >&2
    (cd "$NEWSSTANCE_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2 || {
      echo "newsstance: error: the build failed; run 'mvn -DskipTests package' in $NEWSSTANCE_ROOT to see why" >&2
      exit 1
    }
  fi
}

# True when the argument list already has --NAME or --NAME=...
newsstance_has_arg() {
  local name="$1"; shift
  local a
  for a in "$@"; do
    [[ "$a" == "--$name" || "$a" == "--$name="* ]] && return 0
  done
  return 1
}

# Value of the last --NAME=VALUE in the argument list (empty when absent).
newsstance_arg_value() {
  local name="$1"; shift
  local a v=""
  for a in "$@"; do
    [[ "$a" == "--$name="* ]] && v="${a#--"$name"=}"
  done
  printf '%s' "$v"
}
