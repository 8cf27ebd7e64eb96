package org.newsstance.output;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.newsstance.aggregate.AggregateByOutletWeek;
import org.newsstance.aggregate.CellStats;
import org.newsstance.aggregate.IsoWeek;
import org.newsstance.aggregate.MarkDuplicates;
import org.newsstance.io.ReadArticles;
import org.newsstance.model.Reject;
import org.newsstance.model.ScoredArticle;

/**
 * Writes the run's tables into one directory: {@code outlet_week.csv}, {@code articles.csv},
 * {@code sentences.csv}, {@code rejects.csv}, and {@code _counts.csv} (the exact counts the
 * launcher turns into {@code manifest.json}). Each is a single sorted CSV file.
 *
 * <p>Input tuple: {@link MarkDuplicates#UNIQUE} and {@link MarkDuplicates#DUPLICATES} (light
 * copies, without sentences), {@link WriteSentenceRuns#SENTENCE_RUNS} (the sentence rows, already
 * sorted into runs while the articles were scored), {@link ReadArticles#REJECTS}, {@link #CELLS}
 * and {@link #COUNTS}. The rows of the articles in {@code droppedArticles} are left out when the
 * sentence table is merged.
 */
public final class WriteTables extends PTransform<PCollectionTuple, PDone> {
  public static final TupleTag<KV<String, CellStats>> CELLS = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  public static final String OUTLET_WEEK = "outlet_week.csv";
  public static final String ARTICLES = "articles.csv";
  public static final String SENTENCES = "sentences.csv";
  public static final String REJECTS = "rejects.csv";
  public static final String COUNTS_FILE = "_counts.csv";

  /**
   * Internal: the rows of {@code sentences.csv} that the report may show as evidence (each
   * article's strongest, {@link WriteSentenceRuns#withReportEvidence}), so that the report does
   * not read the whole sentence table. Written when the input tuple has {@link
   * WriteSentenceRuns#EVIDENCE_RUNS}.
   */
  public static final String REPORT_EVIDENCE = "_report_evidence.csv";
  public static final List<String> COUNTS_COLUMNS = List.of("key", "value");

  private final String directory;
  private final List<String> dimensions;
  private final String lexiconVersion;
  private final int minArticles;
  private final boolean excel;
  private final PCollectionView<Map<String, Iterable<String>>> droppedArticles;

  private WriteTables(
      String directory, List<String> dimensions, String lexiconVersion, int minArticles,
      boolean excel, PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
    this.directory = directory;
    this.dimensions = dimensions;
    this.lexiconVersion = lexiconVersion;
    this.minArticles = minArticles;
    this.excel = excel;
    this.droppedArticles = droppedArticles;
  }

  /**
   * Tables under {@code directory}; {@code droppedArticles} holds the nodes ({@link
   * ClusterRules#node}) of the articles whose sentences stay out of {@code sentences.csv}.
   */
  public static WriteTables to(
      String directory,
      List<String> dimensions,
      String lexiconVersion,
      PCollectionView<Map<String, Iterable<String>>> droppedArticles) {
    if (directory == null || directory.isEmpty()) {
      throw new IllegalArgumentException("output directory must be set, was empty");
    }
    return new WriteTables(
        directory, List.copyOf(dimensions), lexiconVersion, 5, false, droppedArticles);
  }

  /** Cells with fewer relevant articles than this are flagged {@code low_n}. */
  public WriteTables withMinArticles(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("minArticles must be at least 1, was " + n);
    }
    return new WriteTables(directory, dimensions, lexiconVersion, n, excel, droppedArticles);
  }

  public WriteTables withExcel(boolean excelMode) {
    return new WriteTables(
        directory, dimensions, lexiconVersion, minArticles, excelMode, droppedArticles);
  }

  @Override
  public PDone expand(PCollectionTuple in) {
    KvCoder<String, String> rowCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<ScoredArticle> unique = in.get(MarkDuplicates.UNIQUE);
    PCollection<ScoredArticle> allArticles =
        PCollectionList.of(unique)
            .and(in.get(MarkDuplicates.DUPLICATES))
            .apply("UniqueAndDuplicates", Flatten.pCollections());

    in.get(CELLS)
        .apply("OutletWeekRows", ParDo.of(new CellRowFn(minArticles, lexiconVersion)))
        .setCoder(rowCoder)
        .apply("WriteOutletWeek", table(OUTLET_WEEK, Tables.OUTLET_WEEK_COLUMNS));
    allArticles
        .apply("ArticleRows", ParDo.of(new ArticleRowFn(dimensions)))
        .setCoder(rowCoder)
        .apply("WriteArticles", table(ARTICLES, Tables.articlesColumns(dimensions)));
    in.get(WriteSentenceRuns.SENTENCE_RUNS)
        .apply("WriteSentences", sentencesTable(directory, excel).fromRuns(droppedArticles));
    if (in.has(WriteSentenceRuns.EVIDENCE_RUNS)) {
      in.get(WriteSentenceRuns.EVIDENCE_RUNS)
          .apply("WriteReportEvidence", reportEvidenceTable(directory).fromRuns(droppedArticles));
    }
    in.get(ReadArticles.REJECTS)
        .apply("RejectRows", ParDo.of(new RejectRowFn()))
        .setCoder(rowCoder)
        .apply("WriteRejects", table(REJECTS, Tables.REJECTS_COLUMNS));
    in.get(COUNTS)
        .apply("CountRows", ParDo.of(new CountRowFn()))
        .setCoder(rowCoder)
        .apply("WriteCounts", WriteCsvTable.to(directory, COUNTS_FILE, COUNTS_COLUMNS));
    return PDone.in(in.getPipeline());
  }

  /** The sentence table, whose rows {@link WriteSentenceRuns} sorts into runs. */
  static WriteCsvTable sentencesTable(String directory, boolean excel) {
    return WriteCsvTable.to(directory, SENTENCES, Tables.SENTENCES_COLUMNS).withExcel(excel);
  }

  /** The report's evidence rows: the sentence table's columns, never in Excel form. */
  static WriteCsvTable reportEvidenceTable(String directory) {
    return WriteCsvTable.to(directory, REPORT_EVIDENCE, Tables.SENTENCES_COLUMNS);
  }

  private WriteCsvTable table(String name, List<String> columns) {
    return WriteCsvTable.to(directory, name, columns).withExcel(excel);
  }

  static final class CellRowFn extends DoFn<KV<String, CellStats>, KV<String, String>> {
    private final int minArticles;
    private final String lexiconVersion;

    CellRowFn(int minArticles, String lexiconVersion) {
      this.minArticles = minArticles;
      this.lexiconVersion = lexiconVersion;
    }

    @ProcessElement
    public void process(@Element KV<String, CellStats> cell, OutputReceiver<KV<String, String>> out) {
      String[] k = AggregateByOutletWeek.splitCellKey(cell.getKey());
      IsoWeek week = IsoWeek.ofIsoDate(k[1]);
      out.output(
          KV.of(
              Tables.outletWeekKey(k[0], k[1], k[2]),
              Tables.outletWeekRow(k[0], week, k[2], cell.getValue(), minArticles, lexiconVersion)));
    }
  }

  static final class ArticleRowFn extends DoFn<ScoredArticle, KV<String, String>> {
    private final List<String> dimensions;

    ArticleRowFn(List<String> dimensions) {
      this.dimensions = dimensions;
    }

    @ProcessElement
    public void process(@Element ScoredArticle a, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(Tables.articleKey(a), Tables.articleRow(a, dimensions)));
    }
  }

  static final class RejectRowFn extends DoFn<Reject, KV<String, String>> {
    @ProcessElement
    public void process(@Element Reject r, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(Tables.rejectKey(r), Tables.rejectRow(r)));
    }
  }

  static final class CountRowFn extends DoFn<KV<String, Long>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, Long> c, OutputReceiver<KV<String, String>> out) {
      out.output(
          KV.of(
              Tables.key(c.getKey()),
              Tables.line(List.of(c.getKey(), Long.toString(c.getValue())))));
    }
  }
}
