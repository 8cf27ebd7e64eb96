package org.newsstance.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.newsstance.aggregate.AggregateByOutletWeek;
import org.newsstance.aggregate.CellStats;
import org.newsstance.aggregate.ClusterSimilarArticles;
import org.newsstance.aggregate.MarkDuplicates;
import org.newsstance.aggregate.ResolveDuplicates;
import org.newsstance.io.CsvColumns;
import org.newsstance.io.OutletTable;
import org.newsstance.io.InputFormat;
import org.newsstance.io.ReadArticles;
import org.newsstance.model.ScoredArticle;
import org.newsstance.output.CodingSample;
import org.newsstance.output.CountOutcomes;
import org.newsstance.output.DrawCodingSample;
import org.newsstance.output.WriteCsvTable;
import org.newsstance.output.WriteSentenceRuns;
import org.newsstance.output.WriteTables;
import org.newsstance.report.HtmlReport;
import org.newsstance.scoring.ScoreArticles;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.text.CleanText;

/**
 * Builds the newsstance graph; {@link NewsstanceMain} runs it, tests build it on their own
 * inputs. The data flow, stage by stage:
 *
 * <pre>
 * ReadArticles ─┬─ articles ─ CleanText ─ ScoreArticles ─ WriteSentenceRuns ─┬─ light copies ─ ResolveDuplicates ─┬─ unique ─ AggregateByOutletWeek ─┐
 *               │                                                           │                                     └─ duplicates ─ DroppedArticles ─┤ (side input)
 *               │                                                           └─ sentence runs ──────────────────────────────────────────────────────┤
 *               ├─ rejects ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┤
 *               └─ records read per file ───────────────────────── CountOutcomes ──────────────────────────────────────────────────────────────────┴─ WriteTables
 * </pre>
 *
 * <p>{@code ResolveDuplicates} applies the exact rules (id, canonical URL, text) within each outlet
 * ({@code MarkDuplicates}), then marks near-duplicates within each outlet and gives every article
 * its syndication cluster ({@code ClusterSimilarArticles}, {@code docs/DUPLICATES.md}); both run
 * on light copies of the articles, without their sentences. {@code WriteSentenceRuns} sorts the
 * sentence rows (and the coding sample's candidates) into runs while scoring runs; the rows of
 * the duplicates are left out when those runs are merged, through the {@code DroppedArticles}
 * side input.
 */
public final class NewsstancePipeline {
  private NewsstancePipeline() {}

  static boolean isDirectRunner(NewsstanceOptions options) {
    return options.getRunner().getSimpleName().equals("DirectRunner");
  }

  /** Flink in the launcher's own JVM: {@code [local]}, or {@code [auto]} outside a cluster. */
  static boolean isEmbeddedFlink(NewsstanceOptions options) {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return false;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    return master == null || master.equals("[local]") || master.equals("[auto]");
  }

  /**
   * Whether one worker would read a big input file whole ({@link ReadArticles#readWholeAndBig}),
   * so that its articles must be spread over the workers. A file whose first bytes cannot be read
   * counts as such (reading it will report the problem).
   */
  static boolean readsBigFileWhole(
      List<InputFiles.InputFile> files, InputFormat format, String jsonRecords) {
    for (InputFiles.InputFile f : files) {
      if (f.sizeBytes() >= 0 && f.sizeBytes() <= ReadArticles.DEFAULT_CHUNK_BYTES) {
        continue; // small: read whole, and not worth spreading
      }
      byte[] head = new byte[InputFormat.SNIFF_BYTES];
      int n = 0;
      InputFormat byName = InputFormat.resolve(format, f.path(), null, 0);
      if (byName == InputFormat.AUTO || byName == InputFormat.JSONL) {
        try (InputStream in =
            Channels.newInputStream(
                FileSystems.open(FileSystems.matchSingleFileSpec(f.path()).resourceId()))) {
          n = Math.max(0, in.readNBytes(head, 0, head.length));
        } catch (IOException | RuntimeException unreadable) {
          return true;
        }
      }
      if (ReadArticles.readWholeAndBig(
          format, f.path(), f.sizeBytes(), ReadArticles.DEFAULT_CHUNK_BYTES, head, n, jsonRecords)) {
        return true;
      }
    }
    return false;
  }

  /** The values of {@code --duplicateDecision}. */
  static final List<String> DUPLICATE_DECISIONS = List.of("auto", "grouped", "inMemory");

  /**
   * Adds the whole job to {@code pipeline}.
   *
   * @param files resolved input files
   * @param stagingDir folder the tables are written to
   * @param outlets the outlet table (loaded and checked by the launcher)
   * @param duplicates which duplicate decision runs ({@code --duplicateDecision}, resolved by the
   *     launcher)
   */
  public static void build(
      Pipeline pipeline,
      NewsstanceOptions options,
      List<InputFiles.InputFile> files,
      String stagingDir,
      ScoringResources scoring,
      OutletTable outlets,
      DuplicateDecisionChoice duplicates) {
    List<KV<String, String>> fileList = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      fileList.add(KV.of(f.path(), f.displayName()));
    }
    PCollectionTuple read =
        pipeline.apply(
            "ReadArticles",
            ReadArticles.fromFiles(fileList)
                .withMaxRecordBytes(options.getMaxRecordBytes())
                .withMaxTextChars(options.getMaxTextChars())
                .withFormat(options.getFormat())
                .withCsvColumns(CsvColumns.parse(options.getCsvColumns()))
                .withJsonFields(CsvColumns.parse(options.getJsonFields(), "--jsonFields"))
                .withJsonRecords(options.getJsonRecords())
                .withOutlets(outlets)
                // The DirectRunner scores the reader's chunks in parallel as they come; its
                // shuffle would hold every article in memory until all input is read. Elsewhere
                // only a big file read whole (CSV, WARC, compressed) needs its articles spread.
                .withSpread(
                    !isDirectRunner(options)
                        && readsBigFileWhole(files, options.getFormat(), options.getJsonRecords()))
                // The DirectRunner reads each file as one restriction, so its reading stays a
                // step ahead of scoring; the chunks of a big file would all be read at once and
                // held in memory (docs/INPUTS.md).
                .withChunkBytes(
                    isDirectRunner(options) ? Long.MAX_VALUE : ReadArticles.DEFAULT_CHUNK_BYTES));

    PCollection<ScoredArticle> scored =
        read.get(ReadArticles.ARTICLES)
            .apply("CleanText", CleanText.withBundledRules().withRulesFile(options.getCleaningRules()))
            .apply("ScoreArticles", ScoreArticles.withBundledLexicons().withLexiconDir(options.getLexiconDir()));

    Integer sample = options.getCodingSample();
    boolean drawSample = sample != null && sample > 0;
    boolean withReport = !Boolean.FALSE.equals(options.getReport());
    WriteSentenceRuns sentenceRuns = WriteSentenceRuns.into(stagingDir);
    if (withReport) {
      sentenceRuns = sentenceRuns.withReportEvidence(stagingDir, HtmlReport.EVIDENCE_PER_CELL);
    }
    PCollectionTuple split =
        scored.apply(
            "WriteSentenceRuns",
            drawSample
                ? sentenceRuns.withCodingSampleCandidates(
                    stagingDir, scoring.dimensions(), options.getCodingSampleSeed())
                : sentenceRuns);

    PCollectionTuple deduplicated =
        split
            .get(WriteSentenceRuns.LIGHT)
            .apply(
                "ResolveDuplicates",
                duplicates.inMemory()
                    ? ResolveDuplicates.inOneStep(stagingDir)
                    : ResolveDuplicates.onLightCopies());
    PCollectionView<Map<String, Iterable<String>>> droppedArticles =
        deduplicated
            .get(MarkDuplicates.DUPLICATES)
            .apply("DroppedArticles", ResolveDuplicates.droppedArticles());

    PCollection<KV<String, CellStats>> cells =
        deduplicated
            .get(MarkDuplicates.UNIQUE)
            .apply(
                "AggregateByOutletWeek",
                AggregateByOutletWeek.of(scoring.dimensions(), scoring.labelThreshold())
                    .withCountSyndicatedOnce(Boolean.TRUE.equals(options.getCountSyndicatedOnce())));

    PCollection<KV<String, Long>> counts =
        PCollectionTuple.of(MarkDuplicates.UNIQUE, deduplicated.get(MarkDuplicates.UNIQUE))
            .and(MarkDuplicates.DUPLICATES, deduplicated.get(MarkDuplicates.DUPLICATES))
            .and(
                ClusterSimilarArticles.NEAR_DUPLICATES,
                deduplicated.get(ClusterSimilarArticles.NEAR_DUPLICATES))
            .and(ReadArticles.REJECTS, read.get(ReadArticles.REJECTS))
            .and(ReadArticles.RECORDS_READ, read.get(ReadArticles.RECORDS_READ))
            .and(ReadArticles.SKIPPED, read.get(ReadArticles.SKIPPED))
            .apply("CountOutcomes", CountOutcomes.fromTuple());

    PCollectionTuple tables =
        PCollectionTuple.of(MarkDuplicates.UNIQUE, deduplicated.get(MarkDuplicates.UNIQUE))
            .and(MarkDuplicates.DUPLICATES, deduplicated.get(MarkDuplicates.DUPLICATES))
            .and(WriteSentenceRuns.SENTENCE_RUNS, split.get(WriteSentenceRuns.SENTENCE_RUNS))
            .and(ReadArticles.REJECTS, read.get(ReadArticles.REJECTS))
            .and(WriteTables.CELLS, cells)
            .and(WriteTables.COUNTS, counts);
    if (withReport) {
      tables = tables.and(WriteSentenceRuns.EVIDENCE_RUNS, split.get(WriteSentenceRuns.EVIDENCE_RUNS));
    }
    tables.apply(
        "WriteTables",
        WriteTables.to(stagingDir, scoring.dimensions(), scoring.lexiconVersion(), droppedArticles)
            .withMinArticles(options.getMinArticles())
            .withExcel(Boolean.TRUE.equals(options.getExcel())));

    if (drawSample) {
      split
          .get(WriteSentenceRuns.CANDIDATE_RUNS)
          .apply("DrawCodingSample", DrawCodingSample.of(sample, stagingDir, droppedArticles))
          .apply(
              "WriteCodingSample",
              WriteCsvTable.to(
                      stagingDir, CodingSample.FILE, CodingSample.columns(scoring.dimensions()))
                  .withExcel(Boolean.TRUE.equals(options.getExcel())));
    }
  }
}
