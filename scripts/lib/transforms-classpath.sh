# Sourced by the scripts in scripts/: prints the runtime classpath of the transforms module,
# (re)building it only when a source, pom or lexicon file changed since the last build.
# Set MVN_FLAGS (default: -o, offline) to change how Maven is called.
transforms_classpath() {
  local root="$1"
  local module="$root/transforms"
  local cpfile="$module/target/classpath.txt"
  local stamp="$module/target/.scripts-built"
  if [[ ! -f "$stamp" || ! -f "$cpfile" || ! -d "$module/target/classes" ]] \
      || [[ -n "$(find "$module/src/main" "$module/pom.xml" "$root/pom.xml" \
                   "$root/datasets/lexicons" "$root/datasets/gold/dev.tsv" "$root/datasets/gold/dev3.tsv" -newer "$stamp" -print -quit)" ]]; then
    echo "building transforms module ..." >&2
    # -f builds the module alone, whether or not the other modules of the reactor exist yet
    (cd "$root" && mvn -q -B ${MVN_FLAGS--o} -f transforms/pom.xml compile \
        dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2
    touch "$stamp"
  fi
  printf '%s:%s' "$module/target/classes" "$(cat "$cpfile")"
}
