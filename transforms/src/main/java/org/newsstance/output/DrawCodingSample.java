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

/**
 * Draws the stratified, seeded coding sample (see {@link CodingSample}) and returns its rows as
 * {@code KV<sortKey, csvLine>} for {@link WriteCsvTable}.
 *
 * <p>Its input is the names of runs of candidates, written while scoring runs, before the
 * duplicate decision ({@link WriteSentenceRuns#withCodingSampleCandidates}): every candidate,
 * keyed by stratum and rank ({@link #runKey}) and owned by its article. One worker merges the
 * runs, leaves out the candidates of the articles in {@code droppedArticles} (the duplicates),
 * keeps each stratum's {@code n} lowest-ranked candidates and allocates the sample. Memory is
 * bounded by strata × n whatever the corpus size.
 */
public final class DrawCodingSample
    extends PTransform<PCollection<String>, PCollection<KV<String, String>>> {
  private final int size;
  private final String workDir;
  private final PCollectionView<Map<String, Iterable<String>>> droppedArticles;

  private DrawCodingSample(
      int size, String workDir, PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
    this.size = size;
    this.workDir = workDir;
    this.droppedArticles = droppedArticles;
  }

  /**
   * A sample of {@code size} sentences from the candidates' runs in {@link #candidateRunFolder}
   * of {@code workDir}, leaving out the articles whose node ({@link ClusterRules#node}) is a key
   * of {@code droppedArticles}.
   */
  public static DrawCodingSample of(
      int size, String workDir, PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
    if (size < 1) {
      throw new IllegalArgumentException("coding sample size must be at least 1, was " + size);
    }
    if (workDir == null || workDir.isEmpty()) {
      throw new IllegalArgumentException("work folder must be set, was empty");
    }
    return new DrawCodingSample(size, workDir, droppedArticles);
  }

  /** The folder the candidates' runs are written to, under a run's work folder. */
  public static String candidateRunFolder(String workDir) {
    return FileSystems.matchNewResource(workDir, true)
        .resolve("_runs", StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(CodingSample.FILE + ".candidates", StandardResolveOptions.RESOLVE_DIRECTORY)
        .toString();
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<String> candidateRuns) {
    return candidateRuns
        .apply("GatherRuns", new WriteCsvTable.GatherRuns())
        .apply(
            "LowestRanksAndAllocate",
            ParDo.of(new DrawFn(size, candidateRunFolder(workDir), droppedArticles))
                .withSideInputs(droppedArticles))
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
          WriteCsvTable.runsOf(c.element()),
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
