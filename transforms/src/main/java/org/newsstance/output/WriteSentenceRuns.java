package org.newsstance.output;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.newsstance.aggregate.ClusterRules;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

/**
 * Writes each scored article's {@code sentences.csv} rows (and, when a coding sample is drawn,
 * its sample candidates) into sorted runs as the article passes, owned by the article ({@link
 * ClusterRules#node}), and passes on a light copy of the article without its sentences.
 *
 * <p>Why in one step: everything after scoring needs only the light copies, except the tables
 * built from sentences. Writing those rows here, in the step that sees the full article, means
 * the sentences are formatted while scoring runs and never cross a shuffle. (A separate consumer
 * of the full articles would make Flink's batch planner materialise every full article until
 * the duplicate decision is done, because both branches meet again at the merge.) The merges
 * ({@link WriteCsvTable#fromRuns}, {@link DrawCodingSample}) leave out the duplicates' rows.
 *
 * <p>Outputs: {@link #LIGHT} (every article, without evidence), {@link #SENTENCE_RUNS} (names of
 * runs in the sentence table's {@link WriteCsvTable#runFolder()}), {@link #CANDIDATE_RUNS}
 * (names of runs in {@link DrawCodingSample#candidateRunFolder}; empty without a coding sample)
 * and {@link #EVIDENCE_RUNS} (runs of each article's strongest sentence rows for the report's
 * evidence table, {@link WriteTables#REPORT_EVIDENCE}; empty without it).
 */
public final class WriteSentenceRuns extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
  public static final TupleTag<ScoredArticle> LIGHT = new TupleTag<>() {};
  public static final TupleTag<String> SENTENCE_RUNS = new TupleTag<>() {};
  public static final TupleTag<String> CANDIDATE_RUNS = new TupleTag<>() {};
  public static final TupleTag<String> EVIDENCE_RUNS = new TupleTag<>() {};

  /** The coding sample's candidates: where their runs go, for which dimensions, drawn how. */
  record Candidates(String runFolder, List<String> dimensions, long seed) implements Serializable {}

  /** The report's evidence: where its runs go and how many rows an article gives. */
  record Evidence(String runFolder, int perArticle) implements Serializable {}

  /** What is written: {@code candidates} and {@code evidence} may be null (not written). */
  record Settings(
      String sentenceRunFolder, Candidates candidates, Evidence evidence, int rowsPerRun)
      implements Serializable {}

  private final Settings settings;

  private WriteSentenceRuns(Settings settings) {
    this.settings = settings;
  }

  /** Sentence runs for the table {@link WriteTables} writes under {@code directory}. */
  public static WriteSentenceRuns into(String directory) {
    return new WriteSentenceRuns(
        new Settings(
            WriteTables.sentencesTable(directory, false).runFolder(),
            null,
            null,
            WriteCsvTable.ROWS_PER_RUN));
  }

  /** Also writes the candidates of the coding sample {@link DrawCodingSample} draws. */
  public WriteSentenceRuns withCodingSampleCandidates(
      String workDir, List<String> sampleDimensions, long sampleSeed) {
    Candidates c =
        new Candidates(
            DrawCodingSample.candidateRunFolder(workDir), List.copyOf(sampleDimensions), sampleSeed);
    return new WriteSentenceRuns(
        new Settings(settings.sentenceRunFolder(), c, settings.evidence(), settings.rowsPerRun()));
  }

  /**
   * Also writes each article's {@code perOutletWeek} strongest sentence rows ({@link
   * Tables#strongestSentenceRows}) for the report's evidence table under {@code directory}: the
   * report then reads those instead of the whole sentence table.
   */
  public WriteSentenceRuns withReportEvidence(String directory, int perOutletWeek) {
    Evidence e = new Evidence(WriteTables.reportEvidenceTable(directory).runFolder(), perOutletWeek);
    return new WriteSentenceRuns(
        new Settings(settings.sentenceRunFolder(), settings.candidates(), e, settings.rowsPerRun()));
  }

  /** Rows a bundle sorts in memory before writing a run. */
  public WriteSentenceRuns withRowsPerRun(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rowsPerRun must be at least 1, was " + rows);
    }
    return new WriteSentenceRuns(
        new Settings(settings.sentenceRunFolder(), settings.candidates(), settings.evidence(), rows));
  }

  @Override
  public PCollectionTuple expand(PCollection<ScoredArticle> scored) {
    PCollectionTuple out =
        scored.apply(
            "RowsIntoRunsAndLightCopies",
            ParDo.of(new WriteRunsFn(settings))
                .withOutputTags(
                    LIGHT,
                    TupleTagList.of(SENTENCE_RUNS).and(CANDIDATE_RUNS).and(EVIDENCE_RUNS)));
    out.get(LIGHT).setCoder(ScoredArticleCoder.of());
    out.get(SENTENCE_RUNS).setCoder(StringUtf8Coder.of());
    out.get(CANDIDATE_RUNS).setCoder(StringUtf8Coder.of());
    out.get(EVIDENCE_RUNS).setCoder(StringUtf8Coder.of());
    return out;
  }

  static final class WriteRunsFn extends DoFn<ScoredArticle, ScoredArticle> {
    private final Settings settings;
    private transient RunWriter sentences;
    private transient RunWriter candidates;
    private transient RunWriter evidence;

    WriteRunsFn(Settings settings) {
      this.settings = settings;
    }

    @StartBundle
    public void startBundle() {
      sentences = new RunWriter(settings.sentenceRunFolder(), settings.rowsPerRun());
      candidates =
          settings.candidates() == null
              ? null
              : new RunWriter(settings.candidates().runFolder(), settings.rowsPerRun());
      evidence =
          settings.evidence() == null
              ? null
              : new RunWriter(settings.evidence().runFolder(), settings.rowsPerRun());
    }

    @ProcessElement
    public void process(@Element ScoredArticle a, MultiOutputReceiver out) throws IOException {
      String owner = ClusterRules.node(a);
      List<KV<String, String>> rows = Tables.sentenceRows(a);
      for (KV<String, String> row : rows) {
        emit(out.get(SENTENCE_RUNS), sentences.add(row.getKey(), row.getValue(), owner));
      }
      if (candidates != null) {
        for (CodingSample.Candidate c :
            CodingSample.candidates(
                a, settings.candidates().dimensions(), settings.candidates().seed())) {
          emit(out.get(CANDIDATE_RUNS), candidates.add(DrawCodingSample.runKey(c), c.row(), owner));
        }
      }
      if (evidence != null) {
        for (KV<String, String> row :
            Tables.strongestSentenceRows(a, rows, settings.evidence().perArticle())) {
          emit(out.get(EVIDENCE_RUNS), evidence.add(row.getKey(), row.getValue(), owner));
        }
      }
      out.get(LIGHT).output(a.withEvidence(List.of()));
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      String run = sentences.flush();
      if (run != null) {
        c.output(SENTENCE_RUNS, run, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      run = candidates == null ? null : candidates.flush();
      if (run != null) {
        c.output(CANDIDATE_RUNS, run, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      run = evidence == null ? null : evidence.flush();
      if (run != null) {
        c.output(EVIDENCE_RUNS, run, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    private static void emit(OutputReceiver<String> out, String run) {
      if (run != null) {
        out.output(run);
      }
    }
  }
}
