package org.newsstance.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.newsstance.aggregate.ClusterRules;
import org.newsstance.model.ScoredArticle;

/**
 * Draws the stratified, seeded coding sample (see {@link CodingSample}) and returns its rows as
 * {@code KV<sortKey, csvLine>} for {@link WriteCsvTable}.
 *
 * <p>It takes every scored article, before the duplicate decision, so that the candidates are
 * written while scoring still runs: each candidate is sorted into runs by stratum and rank
 * ({@link SortIntoRuns}) with its article as owner, and one worker merges the runs, leaves out
 * the candidates of the articles in {@code droppedArticles} (the duplicates), keeps each
 * stratum's {@code n} lowest-ranked candidates and allocates the sample. Memory is bounded by
 * strata × n whatever the corpus size.
 */
public final class DrawCodingSample
    extends PTransform<PCollection<ScoredArticle>, PCollection<KV<String, String>>> {
  private final int size;
  private final long seed;
  private final List<String> dimensions;
  private final String workDir;
  private final PCollectionView<Map<String, Iterable<String>>> droppedArticles;

  private DrawCodingSample(
      int size,
      long seed,
      List<String> dimensions,
      String workDir,
      PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
    this.size = size;
    this.seed = seed;
    this.dimensions = dimensions;
    this.workDir = workDir;
    this.droppedArticles = droppedArticles;
  }

  /**
   * A sample of {@code size} sentences over the given dimensions, leaving out the articles whose
   * node ({@link ClusterRules#node}) is a key of {@code droppedArticles}; the candidates' runs are
   * written under {@code workDir}.
   */
  public static DrawCodingSample of(
      int size,
      List<String> dimensions,
      String workDir,
      PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
    if (size < 1) {
      throw new IllegalArgumentException("coding sample size must be at least 1, was " + size);
    }
    if (workDir == null || workDir.isEmpty()) {
      throw new IllegalArgumentException("work folder must be set, was empty");
    }
    return new DrawCodingSample(size, 0L, List.copyOf(dimensions), workDir, droppedArticles);
  }

  public DrawCodingSample withSeed(long newSeed) {
    return new DrawCodingSample(size, newSeed, dimensions, workDir, droppedArticles);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<ScoredArticle> scored) {
    String runDir =
        FileSystems.matchNewResource(workDir, true)
            .resolve("_runs", StandardResolveOptions.RESOLVE_DIRECTORY)
            .resolve(CodingSample.FILE + ".candidates", StandardResolveOptions.RESOLVE_DIRECTORY)
            .toString();
    return scored
        .apply("Candidates", ParDo.of(new CandidatesFn(dimensions, seed)))
        .setCoder(WriteCsvTable.OwnedRows.CODER)
        .apply("SortIntoRuns", new SortIntoRuns(runDir, WriteCsvTable.ROWS_PER_RUN))
        .apply(
            "LowestRanksAndAllocate",
            ParDo.of(new DrawFn(size, runDir, droppedArticles)).withSideInputs(droppedArticles))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /**
   * A candidate's run key: the stratum (length first, so any text can be parsed back), then the
   * rank as 16 hex digits (their order is {@link Long#compareUnsigned}) and the sentence id, so
   * runs merge in {@link CodingSample#compare} order within each stratum.
   */
  static String runKey(CodingSample.Candidate c) {
    return String.format(Locale.ROOT, "%08d", c.stratum().length())
        + c.stratum()
        + String.format(Locale.ROOT, "%016x", c.rank())
        + c.sentenceId();
  }

  /** The candidate a run row stands for. */
  static CodingSample.Candidate fromRunRow(String key, String row) {
    int length = Integer.parseInt(key.substring(0, 8));
    int rankAt = 8 + length;
    return new CodingSample.Candidate(
        key.substring(8, rankAt),
        Long.parseUnsignedLong(key.substring(rankAt, rankAt + 16), 16),
        key.substring(rankAt + 16),
        row);
  }

  static final class CandidatesFn extends DoFn<ScoredArticle, KV<String, KV<String, String>>> {
    private final List<String> dimensions;
    private final long seed;

    CandidatesFn(List<String> dimensions, long seed) {
      this.dimensions = dimensions;
      this.seed = seed;
    }

    @ProcessElement
    public void process(
        @Element ScoredArticle a, OutputReceiver<KV<String, KV<String, String>>> out) {
      String owner = ClusterRules.node(a);
      for (CodingSample.Candidate c : CodingSample.candidates(a, dimensions, seed)) {
        out.output(KV.of(owner, KV.of(runKey(c), c.row())));
      }
    }
  }

  /** Merges the candidates' runs, keeps each stratum's lowest ranks, allocates the sample. */
  static final class DrawFn extends DoFn<KV<Integer, Iterable<String>>, KV<String, String>> {
    private final int size;
    private final String runDir;
    private final PCollectionView<Map<String, Iterable<String>>> droppedArticles;

    DrawFn(int size, String runDir, PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
      this.size = size;
      this.runDir = runDir;
      this.droppedArticles = droppedArticles;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Map<String, List<CodingSample.Candidate>> strata = new TreeMap<>();
      SortedRuns.mergeRows(
          runDir,
          SortIntoRuns.runsOf(c.element()),
          WriteCsvTable.keptOwners(c, droppedArticles),
          row -> {
            CodingSample.Candidate candidate = fromRunRow(row.key(), row.line());
            List<CodingSample.Candidate> lowest =
                strata.computeIfAbsent(candidate.stratum(), s -> new ArrayList<>());
            if (lowest.size() < size) { // rows come in rank order within a stratum
              lowest.add(candidate);
            }
          });
      WriteCsvTable.deleteRuns(runDir);
      for (CodingSample.Candidate drawn : CodingSample.allocate(strata, size)) {
        c.output(
            KV.of(
                Tables.key(String.format(Locale.ROOT, "%016x", drawn.rank()), drawn.sentenceId()),
                drawn.row()));
      }
    }
  }
}
