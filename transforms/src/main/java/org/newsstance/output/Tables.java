package org.newsstance.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.values.KV;
import org.apache.commons.csv.CSVFormat;
import org.newsstance.aggregate.CellStats;
import org.newsstance.aggregate.IsoWeek;
import org.newsstance.model.DimensionResult;
import org.newsstance.model.Reject;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.SentenceEvidence;

/**
 * The output tables' columns and the formatting of one row of each: plain Java, so the exact bytes
 * of every CSV are unit-tested without a pipeline.
 *
 * <p>Each row comes with a sort key; the writer orders rows by it. Keys are built from the
 * columns that identify the row, so ties cannot depend on arrival order.
 */
public final class Tables {
  private Tables() {}

  public static final List<String> OUTLET_WEEK_COLUMNS =
      List.of(
          "outlet", "iso_year", "iso_week", "week_start", "dimension", "articles",
          "relevant_articles", "relevant_sentences", "pro", "anti", "neutral", "mean_score",
          "ci_low", "ci_high", "low_n", "lexicon_version", "share_relevant", "syndicated");

  public static final List<String> ARTICLES_COLUMNS_FIXED_HEAD =
      List.of(
          "article_id", "outlet", "url", "published", "week_start", "language", "title",
          "sentences");

  public static final List<String> SENTENCES_COLUMNS =
      List.of(
          "article_id", "outlet", "week_start", "sentence_no", "dimension", "score", "label",
          "cues", "sentence");

  public static final List<String> REJECTS_COLUMNS = List.of("source", "position", "reason", "excerpt");

  /** Columns appended after the columns: where the date came from and why not scored. */
  public static final List<String> ARTICLES_COLUMNS_EXTRA = List.of("date_source", "status", "source", "position");

  /** Appended after the extras: the syndication cluster (see {@code docs/DUPLICATES.md}). */
  public static final List<String> ARTICLES_COLUMNS_CLUSTER = List.of("cluster_id");

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("").build();

  /** Confidence level of every interval in {@code outlet_week.csv}. */
  public static final double CONFIDENCE = 0.95;

  /**
   * {@code articles.csv} columns for the given dimensions: the fixed head, then {@code
   * <dim>_relevant_sentences, <dim>_score} per dimension, then {@code duplicate_of}, then the
   * extras. With the default dimensions this is exactly the documented column list.
   */
  public static List<String> articlesColumns(List<String> dimensions) {
    List<String> cols = new ArrayList<>(ARTICLES_COLUMNS_FIXED_HEAD);
    for (String d : dimensions) {
      cols.add(d + "_relevant_sentences");
      cols.add(d + "_score");
    }
    cols.add("duplicate_of");
    cols.addAll(ARTICLES_COLUMNS_EXTRA);
    cols.addAll(ARTICLES_COLUMNS_CLUSTER);
    return cols;
  }

  /** A CSV line (without line terminator) of the given cells. */
  public static String line(List<String> cells) {
    try {
      StringBuilder sb = new StringBuilder();
      FORMAT.printRecord(sb, cells.toArray());
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a StringBuilder
    }
  }

  public static String header(List<String> columns) {
    return line(columns);
  }

  /** Sort key parts are joined with a control character that cannot occur in cleaned text. */
  public static String key(String... parts) {
    return "\u0001" + String.join("\u0001", parts);
  }

  /** {@code n} with leading zeros to 12 digits, like {@code %012d} (which costs far more). */
  static String pad(long n) {
    if (n < 0 || n > 999_999_999_999L) {
      return String.format(Locale.ROOT, "%012d", n);
    }
    String digits = Long.toString(n);
    return "000000000000".substring(digits.length()) + digits;
  }

  // ---- outlet_week.csv ----

  public static String outletWeekKey(String outlet, String weekStart, String dimension) {
    return key(outlet, weekStart, dimension);
  }

  public static String outletWeekRow(
      String outlet,
      IsoWeek week,
      String dimension,
      CellStats s,
      int minArticles,
      String lexiconVersion) {
    double[] ci = s.confidenceInterval(CONFIDENCE);
    List<String> cells = new ArrayList<>(OUTLET_WEEK_COLUMNS.size());
    cells.add(SpreadsheetSafe.text(outlet));
    cells.add(Integer.toString(week.isoYear()));
    cells.add(Integer.toString(week.isoWeek()));
    cells.add(week.weekStartText());
    cells.add(SpreadsheetSafe.text(dimension));
    cells.add(Long.toString(s.articles()));
    cells.add(Long.toString(s.relevantArticles()));
    cells.add(Long.toString(s.relevantSentences()));
    cells.add(Long.toString(s.pro()));
    cells.add(Long.toString(s.anti()));
    cells.add(Long.toString(s.neutral()));
    cells.add(Numbers.score(s.mean()));
    cells.add(ci == null ? "" : Numbers.score(ci[0]));
    cells.add(ci == null ? "" : Numbers.score(ci[1]));
    cells.add(s.relevantArticles() < minArticles ? "true" : "false");
    cells.add(SpreadsheetSafe.text(lexiconVersion));
    cells.add(
        s.articles() == 0 ? "" : Numbers.score((double) s.relevantArticles() / s.articles()));
    cells.add(Long.toString(s.syndicated()));
    return line(cells);
  }

  // ---- articles.csv ----

  public static String articleKey(ScoredArticle s) {
    return key(
        s.article().outlet(),
        s.article().publishedDate(),
        s.article().id(),
        s.article().source(),
        pad(s.article().position()));
  }

  public static String articleRow(ScoredArticle s, List<String> dimensions) {
    var a = s.article();
    IsoWeek week = IsoWeek.ofIsoDate(a.publishedDate());
    List<String> cells = new ArrayList<>();
    cells.add(SpreadsheetSafe.text(a.id()));
    cells.add(SpreadsheetSafe.text(a.outlet()));
    cells.add(SpreadsheetSafe.text(a.url()));
    cells.add(SpreadsheetSafe.text(a.published()));
    cells.add(week == null ? "" : week.weekStartText());
    cells.add(SpreadsheetSafe.text(a.language()));
    cells.add(SpreadsheetSafe.text(a.title()));
    // Unscored articles show their sentences when their language has a sentence model.
    cells.add(s.scored() || s.sentences() > 0 ? Integer.toString(s.sentences()) : "");
    for (String d : dimensions) {
      DimensionResult r = s.dimension(d);
      cells.add(r == null ? "" : Integer.toString(r.relevantSentences()));
      cells.add(r == null ? "" : Numbers.score(r.score()));
    }
    cells.add(SpreadsheetSafe.text(s.duplicateOf()));
    cells.add(a.dateSource());
    cells.add(s.status());
    cells.add(SpreadsheetSafe.text(a.source()));
    cells.add(Long.toString(a.position()));
    cells.add(s.clusterId());
    return line(cells);
  }

  // ---- sentences.csv ----

  public static String sentenceRow(ScoredArticle s, SentenceEvidence e) {
    return sentenceRow(SentenceColumns.of(s), e);
  }

  /**
   * Every row of one article in {@code sentences.csv}, as {@code KV<sortKey, line>}: the
   * article's own columns and key are formatted once, not once per sentence.
   */
  public static List<KV<String, String>> sentenceRows(ScoredArticle s) {
    String prefix = sentenceKeyPrefix(s);
    SentenceColumns article = SentenceColumns.of(s);
    List<KV<String, String>> rows = new ArrayList<>(s.evidence().size());
    for (SentenceEvidence e : s.evidence()) {
      rows.add(KV.of(sentenceKey(prefix, e), sentenceRow(article, e)));
    }
    return rows;
  }

  /**
   * The rows of the article's strongest sentences, at most {@code n}: the order of the report's
   * evidence ({@link org.newsstance.report.HtmlReport}: |score| as written, then sentence number
   * and dimension), without score 0, and none for an undated article (it is in no outlet-week).
   * The report keeps the {@code n} strongest sentences of each outlet-week in that order, so
   * these rows of every article hold all it can show, and it reads them instead of the whole
   * sentence table.
   */
  public static List<KV<String, String>> strongestSentenceRows(ScoredArticle s, int n) {
    return strongestSentenceRows(s, sentenceRows(s), n);
  }

  /**
   * The same, picked from the article's {@link #sentenceRows} (one per evidence, in order), so a
   * caller that has written those rows does not format them again.
   */
  public static List<KV<String, String>> strongestSentenceRows(
      ScoredArticle s, List<KV<String, String>> rows, int n) {
    if (n <= 0 || IsoWeek.ofIsoDate(s.article().publishedDate()) == null) {
      return List.of();
    }
    record Shown(int index, double absScore, SentenceEvidence e) {}
    List<Shown> strongest = new ArrayList<>();
    List<SentenceEvidence> evidence = s.evidence();
    for (int i = 0; i < evidence.size(); i++) {
      double shown = shownScore(evidence.get(i)); // once per sentence, not per comparison
      if (shown != 0) {
        strongest.add(new Shown(i, Math.abs(shown), evidence.get(i)));
      }
    }
    strongest.sort(
        Comparator.comparingDouble((Shown x) -> -x.absScore())
            .thenComparingInt(x -> x.e().sentenceNo())
            .thenComparing(x -> x.e().dimension()));
    List<KV<String, String>> picked = new ArrayList<>(Math.min(n, strongest.size()));
    for (Shown x : strongest.subList(0, Math.min(n, strongest.size()))) {
      picked.add(rows.get(x.index()));
    }
    return picked;
  }

  /** The score as {@code sentences.csv} writes it, which is what the report compares. */
  private static double shownScore(SentenceEvidence e) {
    return Double.parseDouble(Numbers.score(e.score()));
  }

  private static String sentenceKeyPrefix(ScoredArticle s) {
    return key(
        s.article().outlet(),
        s.article().publishedDate(),
        s.article().id(),
        s.article().source(),
        pad(s.article().position()));
  }

  private static String sentenceKey(String articlePrefix, SentenceEvidence e) {
    return articlePrefix + "\u0001" + pad(e.sentenceNo()) + "\u0001" + e.dimension();
  }

  /** The article's columns of a sentence row, ready for the CSV line. */
  private record SentenceColumns(String id, String outlet, String weekStart) {
    static SentenceColumns of(ScoredArticle s) {
      IsoWeek week = IsoWeek.ofIsoDate(s.article().publishedDate());
      return new SentenceColumns(
          SpreadsheetSafe.text(s.article().id()),
          SpreadsheetSafe.text(s.article().outlet()),
          week == null ? "" : week.weekStartText());
    }
  }

  private static String sentenceRow(SentenceColumns article, SentenceEvidence e) {
    return line(
        List.of(
            article.id(),
            article.outlet(),
            article.weekStart(),
            Integer.toString(e.sentenceNo()),
            SpreadsheetSafe.text(e.dimension()),
            Numbers.score(e.score()),
            Integer.toString(e.label()),
            SpreadsheetSafe.text(e.cues()),
            SpreadsheetSafe.text(e.sentence())));
  }

  // ---- rejects.csv ----

  public static String rejectKey(Reject r) {
    // Numeric order of positions ("9" before "10"); file-level rejects (no position) first.
    long pos = 0;
    String p = r.position();
    for (int i = 0; i < p.length() && pos < 100_000_000_000L; i++) {
      char c = p.charAt(i);
      if (c >= '0' && c <= '9') {
        pos = pos * 10 + (c - '0');
      }
    }
    return key(r.source(), pad(pos), p, r.reasonCode(), r.excerpt());
  }

  public static String rejectRow(Reject r) {
    return line(
        List.of(
            SpreadsheetSafe.text(r.source()),
            SpreadsheetSafe.text(r.position()),
            SpreadsheetSafe.text(r.reason()),
            SpreadsheetSafe.text(r.excerpt())));
  }
}
