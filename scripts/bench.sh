#!/usr/bin/env bash
# Measures newsstance's throughput and memory on a generated corpus, one mode after another on
# the same files:
#   limit          the same per-article work (parse, clean, split, score) in a plain Java loop
#                  over all cores, no Beam: the physical reference
#   direct         the pipeline on the DirectRunner (as run-local.sh runs it)
#   flink-local    the pipeline on embedded Flink ([local], parallelism = cores)
#   flink-cluster  the pipeline on the project's Flink session cluster (1 TM x 2 slots)
# Writes DIR/results.csv (mode, articles, seconds, articles_per_s, mb_per_s, peak_rss_mb,
# ratio_to_limit, status) and a Markdown table into docs/BENCHMARKS.md. A mode that fails (e.g.
# the DirectRunner out of memory at large N) gets status "failed" with the time until the failure,
# the other modes still run, and the script exits 1 at the end.
#
# Usage: scripts/bench.sh --articles=N [--output=DIR] [--modes=limit,direct,flink-local,flink-cluster]
#                         [--repeat=K] [--seed=S] [--no-docs | --rewrite-docs]
# --repeat=K runs the list of modes K times, round after round (limit, direct, ..., limit,
# direct, ...), so that a slow spell of the machine hits every mode alike. Each mode's row then
# holds its median time (and the rate and ratio from it), its largest peak RSS, and the fastest
# and slowest of its runs; DIR/runs.csv has every run. On this kind of machine the pipeline
# modes vary by 15-25 % between identical runs, so K >= 3 is what a number to rely on needs.
# Before each mode, sync(1) writes out what the previous one wrote (not timed), so that no mode
# pays for the previous mode's output still being written back.
# --rewrite-docs measures nothing: it writes docs/BENCHMARKS.md again from DIR/results.csv (the
# same --articles, --modes, --repeat and --seed as the run that made it), e.g. after editing the notes in
# docs/BENCHMARKS-notes.md.
# Peak RSS is the largest sum, sampled every 0.2 s from /proc, of the resident memory of every
# process of the mode: the launcher JVM and its children, plus the JobManager and TaskManager
# JVMs for flink-cluster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

articles=""
outdir="$NEWSSTANCE_ROOT/bench"
modes="limit,direct,flink-local,flink-cluster"
repeat=1
seed=42
write_docs=1
rewrite_docs=0
for a in "$@"; do
  case "$a" in
    --articles=*) articles="${a#*=}" ;;
    --output=*) outdir="${a#*=}" ;;
    --modes=*) modes="${a#*=}" ;;
    --repeat=*) repeat="${a#*=}" ;;
    --seed=*) seed="${a#*=}" ;;
    --no-docs) write_docs=0 ;;
    --rewrite-docs) rewrite_docs=1 ;;
    -h|--help) sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $a (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$articles" =~ ^[0-9]+$ ]] || { echo "bench.sh: --articles=N is required (see --help)" >&2; exit 2; }
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --repeat=K needs a whole number >= 1" >&2; exit 2; }

((rewrite_docs)) || newsstance_ensure_jar
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"
corpus="$outdir/corpus-$articles-seed$seed.jsonl"
if ((rewrite_docs)) && [[ ! -s "$outdir/results.csv" ]]; then
  echo "bench.sh: --rewrite-docs needs $outdir/results.csv from an earlier run" >&2; exit 2
fi
if [[ ! -s "$corpus" ]] && ((rewrite_docs)); then
  echo "bench.sh: --rewrite-docs needs the corpus $corpus (for its size)" >&2; exit 2
elif [[ ! -s "$corpus" ]]; then
  echo "bench: generating $articles articles into $corpus" >&2
  "$NEWSSTANCE_ROOT/scripts/gen-corpus.sh" --articles="$articles" --output="$corpus" --seed="$seed" >&2
fi
# -L: the corpus is often a symbolic link to one generated elsewhere
corpus_mb=$(awk -v b="$(stat -L -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1048576 }')
cores=$(nproc)

# Sum of RSS (kB) of a process, its descendants and any extra PIDs.
tree_rss_kb() {
  local root="$1"; shift
  local pids=("$root" "$@") queue=("$root") p kids total=0 rss
  while ((${#queue[@]})); do
    p="${queue[0]}"; queue=("${queue[@]:1}")
    kids=$(cat /proc/"$p"/task/*/children 2>/dev/null || true)
    for k in $kids; do pids+=("$k"); queue+=("$k"); done
  done
  for p in "${pids[@]}"; do
    rss=$(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || true)
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}

cluster_pids() {
  local home="${NEWSSTANCE_FLINK_HOME:-$NEWSSTANCE_ROOT/.flink-cluster}"
  [[ -d "$home/pids" ]] && cat "$home"/pids/*.pid 2>/dev/null || true
}

# Runs a command with its output in $log, samples its memory; sets SECONDS_TAKEN, PEAK_KB and
# MODE_STATUS.
measure() {
  local extra_pids=()
  if [[ "$1" == "--with-cluster" ]]; then
    shift
    mapfile -t extra_pids < <(cluster_pids)
  fi
  local start end peak=0 now
  start=$(date +%s.%N)
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now=$(tree_rss_kb "$pid" "${extra_pids[@]}")
    ((now > peak)) && peak=$now
    sleep 0.2
  done
  MODE_STATUS=ok
  if ! wait "$pid"; then
    # Recorded as a failed row (with the time until the failure and its memory), and the other
    # modes still run: at large N the DirectRunner runs out of memory, Flink does not.
    MODE_STATUS=failed
    echo "bench: mode $mode failed; see $log" >&2
    tail -5 "$log" >&2
  fi
  end=$(date +%s.%N)
  SECONDS_TAKEN=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  PEAK_KB=$peak
}

results="$outdir/results.csv"
runs="$outdir/runs.csv"
any_failed=0
# run-local.sh's default, so that limit, direct and flink-local run as a user's run does.
java_opts="${NEWSSTANCE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"

# Runs one mode once; sets SECONDS_TAKEN, PEAK_KB and MODE_STATUS (via measure).
run_mode() {
  out="$outdir/out-$mode"
  rm -rf "$out"
  case "$mode" in
    limit)
      # shellcheck disable=SC2086
      measure java $java_opts -cp "$NEWSSTANCE_JAR" org.newsstance.tools.BenchLimit "$corpus" --threads="$cores" ;;
    direct)
      measure env NEWSSTANCE_JAVA_OPTS="$java_opts" "$NEWSSTANCE_ROOT/scripts/run-local.sh" \
        --input="$corpus" --output="$out" --quiet=true ;;
    flink-local)
      measure env NEWSSTANCE_JAVA_OPTS="$java_opts" "$NEWSSTANCE_ROOT/scripts/run-local.sh" \
        --runner=FlinkRunner --flinkMaster='[local]' --parallelism="$cores" \
        --input="$corpus" --output="$out" --quiet=true ;;
    flink-cluster)
      # A cluster this script starts is stopped again, so it does not hold the ports (8081,
      # 6123) that the integration tests' own cluster needs; a running one is left running.
      local started_cluster=0
      if ! "$NEWSSTANCE_ROOT/scripts/flink-cluster.sh" status >/dev/null 2>&1; then
        "$NEWSSTANCE_ROOT/scripts/flink-cluster.sh" start >&2
        started_cluster=1
      fi
      # The client gets run-flink.sh's own small heap unless NEWSSTANCE_JAVA_OPTS is set.
      measure --with-cluster "$NEWSSTANCE_ROOT/scripts/run-flink.sh" \
        --input="$corpus" --output="$out" --parallelism="$cores" --quiet=true
      if ((started_cluster)); then
        "$NEWSSTANCE_ROOT/scripts/flink-cluster.sh" stop >&2
      fi ;;
    *) echo "bench.sh: unknown mode $mode" >&2; exit 2 ;;
  esac
}

if ((!rewrite_docs)); then
IFS=',' read -ra mode_list <<< "$modes"
echo "round,mode,articles,seconds,peak_rss_mb,status" > "$runs"
for ((round = 1; round <= repeat; round++)); do
  for mode in "${mode_list[@]}"; do
    # The previous mode's output (gigabytes at large N) is written back now, not during this mode.
    sync
    log="$outdir/$mode.log"
    ((round > 1)) && log="$outdir/$mode-$round.log"
    echo "bench: $mode (round $round of $repeat) ..." >&2
    run_mode
    peak_mb=$(awk -v k="$PEAK_KB" 'BEGIN { printf "%.0f", k / 1024 }')
    echo "$round,$mode,$articles,$SECONDS_TAKEN,$peak_mb,$MODE_STATUS" >> "$runs"
    echo "bench: $mode: $SECONDS_TAKEN s, peak RSS $peak_mb MB, $MODE_STATUS" >&2
  done
done

# One row per mode: the median of its successful runs (the mean of the middle two for an even count),
# its largest peak RSS over all runs, and the ratio of its median rate to the limit's.
echo "mode,articles,seconds,articles_per_s,mb_per_s,peak_rss_mb,ratio_to_limit,status,runs,seconds_min,seconds_max" > "$results"
limit_rate=""
for mode in "${mode_list[@]}"; do
  ok_seconds=$(awk -F, -v m="$mode" '$2 == m && $6 == "ok" { print $4 }' "$runs" | sort -g)
  peak_mb=$(awk -F, -v m="$mode" '$2 == m && $5 > p { p = $5 } END { print p + 0 }' "$runs")
  n_runs=$(awk -F, -v m="$mode" '$2 == m { n++ } END { print n + 0 }' "$runs")
  if [[ -z "$ok_seconds" ]]; then
    any_failed=1
    failed_after=$(awk -F, -v m="$mode" '$2 == m { s = $4 } END { print s }' "$runs")
    echo "$mode,$articles,$failed_after,,,$peak_mb,,failed,$n_runs,," >> "$results"
    continue
  fi
  n_ok=$(wc -l <<< "$ok_seconds")
  ((n_ok < n_runs)) && any_failed=1
  median=$(awk '{ s[NR] = $1 } END { m = (NR % 2) ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2
    printf "%.2f", m }' <<< "$ok_seconds")
  fastest=$(head -1 <<< "$ok_seconds")
  slowest=$(tail -1 <<< "$ok_seconds")
  rate=$(awk -v n="$articles" -v s="$median" 'BEGIN { printf "%.1f", n / s }')
  mbps=$(awk -v m="$corpus_mb" -v s="$median" 'BEGIN { printf "%.2f", m / s }')
  [[ "$mode" == "limit" ]] && limit_rate="$rate"
  status=ok
  ((n_ok < n_runs)) && status="ok ($((n_runs - n_ok)) of $n_runs failed)"
  echo "$mode,$articles,$median,$rate,$mbps,$peak_mb,,$status,$n_runs,$fastest,$slowest" >> "$results"
done
# The ratio needs the limit's rate, wherever limit stands in --modes.
if [[ -n "$limit_rate" ]]; then
  awk -F, -v OFS=, -v l="$limit_rate" 'NR > 1 && $4 != "" { $7 = sprintf("%.2f", $4 / l) } { print }' \
    "$results" > "$results.tmp" && mv "$results.tmp" "$results"
fi
echo "bench: medians of $repeat round(s):" >&2
column -s, -t < "$results" >&2 || cat "$results" >&2
fi
if ((write_docs)); then
  doc="$NEWSSTANCE_ROOT/docs/BENCHMARKS.md"
  {
    echo "# Benchmarks"
    echo
    echo "Produced by \`scripts/bench.sh --articles=$articles --modes=$modes --repeat=$repeat --seed=$seed\` on $(date -u +%Y-%m-%d)."
    echo
    echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)."
    echo "Corpus: $articles generated articles, $corpus_mb MB of JSON lines (\`scripts/gen-corpus.sh --seed=$seed\`)."
    client_opts="run-flink.sh's default"
    [[ -n "${NEWSSTANCE_JAVA_OPTS:-}" ]] && client_opts="the same"
    echo "JVM options: \`$java_opts\` (flink-cluster: the client $client_opts, the cluster's JVMs as \`scripts/flink/config.yaml\` sizes them)."
    echo
    echo "Seconds: the median of each mode's runs; peak RSS: the largest of its runs."
    echo
    echo "| mode | articles | seconds | articles/s | MB/s | peak RSS (MB) | ratio to limit | runs: fastest-slowest s |"
    echo "|---|---|---|---|---|---|---|---|"
    tail -n +2 "$results" | awk -F, '{
      runs = ($9 == "") ? "1" : ($10 == "" ? $9 : $9 ": " $10 "-" $11)
      if ($8 == "failed") { printf "| %s | %s | failed after %s s (see its log) | | | %s | | %s |\n", $1, $2, $3, $6, runs }
      else { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, runs } }'
    echo
    if [[ -f "$NEWSSTANCE_ROOT/docs/BENCHMARKS-notes.md" ]]; then
      cat "$NEWSSTANCE_ROOT/docs/BENCHMARKS-notes.md"
    fi
  } > "$doc"
  echo "bench: wrote $results and $doc" >&2
else
  echo "bench: wrote $results" >&2
fi
if ((any_failed)); then
  echo "bench: at least one mode failed (see the status column of $results and its log)" >&2
  exit 1
fi
