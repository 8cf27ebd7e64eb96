package org.newsstance.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * Which duplicate decision a run uses: {@code --duplicateDecision} resolved against the runner
 * and the input's size (docs/DUPLICATES.md, "Which decision runs"). Written to the manifest as
 * {@code duplicate_decision} and {@code duplicate_decision_reason}.
 *
 * <p>{@code auto} chooses like a query planner choosing a broadcast join: the one-step decision
 * in memory when the light copies surely fit in the heap of the JVM that runs it, the grouped
 * decision otherwise.
 *
 * <ul>
 *   <li>DirectRunner: always in memory. Its groupings hold their whole input in memory too, and
 *       cost it time that grows with the square of the corpus; above the heap's budget the run
 *       gets a warning that names embedded Flink.
 *   <li>Embedded Flink ({@code --flinkMaster=[local]} or {@code [auto]}, the launcher's own JVM):
 *       in memory when an upper bound on the input's records ({@link RecordCountBound}) times
 *       {@link #BYTES_PER_ARTICLE} is at most {@link #HEAP_SHARE} of the maximum heap; grouped
 *       (bounded memory) otherwise. At {@code -Xmx1g} that is about 191,000 records
 *       with the parallel collector (run-local.sh's), 214,000 with G1.
 *   <li>A Flink cluster, or any other runner: grouped, since the launcher does not know the
 *       workers' heap. {@code --duplicateDecision=inMemory} asks for the one step anyway.
 * </ul>
 */
record DuplicateDecisionChoice(boolean inMemory, boolean overHeapBudget, String reason) {
  /**
   * Heap the one-step decision needs per article at its peak: 1,621 bytes per light copy held
   * (decoded through its coder) plus the decision's own maps and the placed copies; measured at
   * 100,000 articles as the smallest heap that completes (2.2-2.4 kB per article), rounded up.
   */
  static final long BYTES_PER_ARTICLE = 2_500;

  /**
   * Share of the maximum heap the decision may take. When it runs, scoring has finished and the
   * sentence tables wait for its verdicts; the rest of the heap holds the models, the runner and
   * the buffers of the steps still running.
   */
  static final double HEAP_SHARE = 0.5;

  static final String DECISION_KEY = "duplicate_decision";
  static final String REASON_KEY = "duplicate_decision_reason";

  /** The manifest's value of {@link #DECISION_KEY}: the option value of the decision used. */
  String value() {
    return inMemory ? "inMemory" : "grouped";
  }

  /** The articles whose one-step decision fits in {@code maxHeapBytes}. */
  static long budget(long maxHeapBytes) {
    return (long) (maxHeapBytes * HEAP_SHARE / BYTES_PER_ARTICLE);
  }

  /**
   * Resolves the option (already checked against {@link NewsstancePipeline#DUPLICATE_DECISIONS}).
   *
   * @param maxHeapBytes the heap of this JVM ({@link Runtime#maxMemory()})
   */
  static DuplicateDecisionChoice choose(
      NewsstanceOptions options, List<InputFiles.InputFile> files, long maxHeapBytes) {
    String option = options.getDuplicateDecision();
    if (!option.equals("auto")) {
      return new DuplicateDecisionChoice(
          option.equals("inMemory"), false, "--duplicateDecision=" + option);
    }
    boolean direct = NewsstancePipeline.isDirectRunner(options);
    if (!direct && !NewsstancePipeline.isEmbeddedFlink(options)) {
      return new DuplicateDecisionChoice(
          false,
          false,
          "auto: grouped, bounded memory on workers whose heap the launcher does not know");
    }
    long budget = budget(maxHeapBytes);
    long bound = RecordCountBound.count(files, options.getFormat(), budget);
    String size =
        bound > budget
            ? String.format(Locale.ROOT, "more than %,d records", budget)
            : String.format(Locale.ROOT, "at most %,d records", bound);
    String heap =
        String.format(
            Locale.ROOT,
            "%s in the input, %,d fit in %.0f %% of the %d MB heap",
            size,
            budget,
            HEAP_SHARE * 100,
            maxHeapBytes >> 20);
    boolean fits = bound <= budget;
    if (direct) {
      return new DuplicateDecisionChoice(true, !fits, "auto: inMemory on the DirectRunner; " + heap);
    }
    return new DuplicateDecisionChoice(
        fits, false, "auto: " + (fits ? "inMemory" : "grouped") + " on embedded Flink; " + heap);
  }

  /**
   * A warning for the user when the decision may run out of memory (the DirectRunner on an input
   * above the heap's budget), or null.
   */
  String warning() {
    if (!overHeapBudget) {
      return null;
    }
    return "newsstance: warning: this input may hold more articles than the duplicate decision can"
        + " keep in memory (" + reason + ")."
        + " For a corpus this size run on embedded Flink, which spills to disk:"
        + " scripts/run-local.sh --runner=FlinkRunner --flinkMaster=[local] ...; or give the JVM"
        + " more memory, e.g. NEWSSTANCE_JAVA_OPTS=-Xmx4g.";
  }
}
