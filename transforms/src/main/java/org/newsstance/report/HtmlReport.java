package org.newsstance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no script, no network) built
 * from a run's CSVs and manifest. Plain Java; the launcher calls it after the pipeline.
 *
 * <p>Contents: per dimension, the mean stance by week for each outlet with its 95 % interval as a
 * band (low-n weeks hollow); relevant articles per outlet and week; a table of outlets; for each
 * outlet and week the few sentences with the highest |score|, cues highlighted, linked to the
 * article; the manifest in the footer.
 *
 * <p>Memory stays bounded by the number of outlet-weeks: the sentence rows are streamed and only
 * the top {@link #evidencePerCell} sentences per outlet-week are kept (the pipeline hands it only
 * each article's strongest rows, {@code WriteTables.REPORT_EVIDENCE}, rather than the whole
 * {@code sentences.csv}); {@code articles.csv} is
 * streamed for per-outlet totals and the URLs of those sentences' articles only. All text is
 * input text and is HTML-escaped; only http and https URLs become links; a Content-Security-Policy
 * forbids scripts and remote loads.
 */
public final class HtmlReport {
  private static final String[] PALETTE = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22"
  };
  private static final int WIDTH = 960;
  private static final int HEIGHT = 300;
  private static final int LEFT = 56;
  private static final int RIGHT = 60;
  private static final int TOP = 16;
  private static final int BOTTOM = 64;

  /** Sentences shown per outlet-week by {@link #create()}. */
  public static final int EVIDENCE_PER_CELL = 3;

  private final int evidencePerCell;

  private HtmlReport(int evidencePerCell) {
    this.evidencePerCell = evidencePerCell;
  }

  /** A report keeping the 3 sentences with the highest |score| per outlet-week. */
  public static HtmlReport create() {
    return new HtmlReport(EVIDENCE_PER_CELL);
  }

  public HtmlReport withEvidencePerCell(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("evidence sentences per outlet-week must be >= 0, was " + n);
    }
    return new HtmlReport(n);
  }

  /** One row of outlet_week.csv. */
  record Cell(
      String outlet, String week, String dimension, long articles, long relevant, double mean,
      double low, double high, boolean lowN) {}

  /** One evidence sentence. */
  record Evidence(
      String articleId, int sentenceNo, String dimension, double score, String cues,
      String sentence) {}

  /** Per-outlet totals from articles.csv. */
  static final class OutletTotals {
    long articles;
    long duplicates;
    long undated;
  }

  private static final Comparator<Evidence> STRONGEST_FIRST =
      Comparator.comparingDouble((Evidence e) -> -Math.abs(e.score()))
          .thenComparing(Evidence::articleId)
          .thenComparingInt(Evidence::sentenceNo)
          .thenComparing(Evidence::dimension);

  /**
   * Writes the report.
   *
   * @param outletWeek outlet_week.csv
   * @param sentences sentences.csv, streamed
   * @param articles articles.csv, streamed
   * @param manifestJson manifest.json
   */
  public void write(Reader outletWeek, Reader sentences, Reader articles, String manifestJson,
      Writer out) throws IOException {
    List<Cell> cells = readCells(outletWeek);
    Map<String, List<Evidence>> evidence = readEvidence(sentences);
    Set<String> wanted = new HashSet<>();
    evidence.values().forEach(l -> l.forEach(e -> wanted.add(e.articleId())));
    Map<String, String> urls = new HashMap<>();
    Map<String, String> titles = new HashMap<>();
    Map<String, OutletTotals> totals = new TreeMap<>();
    for (CSVRecord r : parse(articles)) {
      String outlet = unsafe(r.get("outlet"));
      OutletTotals t = totals.computeIfAbsent(outlet, k -> new OutletTotals());
      if (!r.get("duplicate_of").isEmpty()) {
        t.duplicates++;
        continue;
      }
      t.articles++;
      if (r.get("week_start").isEmpty()) {
        t.undated++;
      }
      String id = unsafe(r.get("article_id"));
      if (wanted.contains(id)) {
        urls.put(id, unsafe(r.get("url")));
        titles.put(id, unsafe(r.get("title")));
      }
    }
    JsonNode manifest = new ObjectMapper().readTree(manifestJson == null ? "{}" : manifestJson);
    render(cells, evidence, urls, titles, totals, manifest, out);
  }

  // ---------------------------------------------------------------- reading

  private static Iterable<CSVRecord> parse(Reader r) throws IOException {
    Reader in = skipBom(r);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in);
  }

  private static Reader skipBom(Reader r) throws IOException {
    java.io.PushbackReader p = new java.io.PushbackReader(r, 1);
    int c = p.read();
    if (c != -1 && c != '\uFEFF') {
      p.unread(c);
    }
    return p;
  }

  /** Undoes the spreadsheet guard: the apostrophe the tables put before formula characters. */
  static String unsafe(String cell) {
    if (cell.length() >= 2 && cell.charAt(0) == '\''
        && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
      return cell.substring(1);
    }
    return cell;
  }

  private static double number(String s) {
    return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  static List<Cell> readCells(Reader r) throws IOException {
    List<Cell> cells = new ArrayList<>();
    for (CSVRecord c : parse(r)) {
      cells.add(new Cell(unsafe(c.get("outlet")), c.get("week_start"), unsafe(c.get("dimension")),
          Long.parseLong(c.get("articles")), Long.parseLong(c.get("relevant_articles")),
          number(c.get("mean_score")), number(c.get("ci_low")), number(c.get("ci_high")),
          c.get("low_n").equals("true")));
    }
    return cells;
  }

  /** The strongest sentences per outlet-week, each list strongest first. */
  Map<String, List<Evidence>> readEvidence(Reader r) throws IOException {
    Map<String, PriorityQueue<Evidence>> top = new TreeMap<>();
    for (CSVRecord c : parse(r)) {
      String week = c.get("week_start");
      if (week.isEmpty() || evidencePerCell == 0) {
        continue; // undated articles are in no outlet-week
      }
      Evidence e = new Evidence(unsafe(c.get("article_id")), Integer.parseInt(c.get("sentence_no")),
          unsafe(c.get("dimension")), Double.parseDouble(c.get("score")), unsafe(c.get("cues")),
          unsafe(c.get("sentence")));
      if (e.score() == 0) {
        continue;
      }
      // A max-heap on "weakest first" keeps the strongest n: poll the weakest when over n.
      PriorityQueue<Evidence> q = top.computeIfAbsent(
          unsafe(c.get("outlet")) + "\u0001" + week, k -> new PriorityQueue<>(STRONGEST_FIRST.reversed()));
      q.add(e);
      if (q.size() > evidencePerCell) {
        q.poll();
      }
    }
    Map<String, List<Evidence>> result = new TreeMap<>();
    top.forEach((k, q) -> {
      List<Evidence> l = new ArrayList<>(q);
      l.sort(STRONGEST_FIRST);
      result.put(k, l);
    });
    return result;
  }

  // ---------------------------------------------------------------- rendering

  /** HTML-escapes text for element content and quoted attribute values. */
  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** The URL if it is an absolute http(s) URL safe to link to, else null. */
  static String safeLink(String url) {
    String u = url.strip();
    String lower = u.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://")) || u.length() <= 8) {
      return null;
    }
    for (int i = 0; i < u.length(); i++) {
      char c = u.charAt(i);
      if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') {
        return null;
      }
    }
    return u;
  }

  /** The sentence with each cue phrase marked; every piece escaped. */
  static String highlight(String sentence, String cues) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    String[] kinds = new String[sentence.length()];
    for (String cue : cues.split(";")) {
      String c = cue.strip();
      if (c.isEmpty()) {
        continue;
      }
      String kind;
      String phrase;
      if (c.startsWith("+") || c.startsWith("-")) {
        kind = c.startsWith("+") ? "pro" : "anti";
        int paren = c.lastIndexOf('(');
        phrase = c.substring(1, paren > 1 ? paren : c.length());
      } else {
        int colon = c.indexOf(':');
        kind = colon > 0 ? c.substring(0, colon).replaceAll("[^a-z]", "") : "cue";
        phrase = colon > 0 ? c.substring(colon + 1) : c;
      }
      phrase = phrase.strip().toLowerCase(Locale.ROOT);
      if (phrase.isEmpty()) {
        continue;
      }
      for (int at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + 1)) {
        boolean startOk = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
        int end = at + phrase.length();
        boolean endOk = end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end))
            || !Character.isLetterOrDigit(phrase.charAt(phrase.length() - 1));
        if (startOk && endOk && lower.length() == sentence.length()) {
          for (int i = at; i < end; i++) {
            // polarity cues win over target cues where they overlap
            if (kinds[i] == null || kind.equals("pro") || kind.equals("anti")) {
              kinds[i] = kind;
            }
          }
        }
      }
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < sentence.length()) {
      int j = i;
      String k = kinds[i];
      while (j < sentence.length() && java.util.Objects.equals(kinds[j], k)) {
        j++;
      }
      String piece = esc(sentence.substring(i, j));
      b.append(k == null ? piece : "<mark class=\"" + esc(k) + "\">" + piece + "</mark>");
      i = j;
    }
    return b.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String score(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f", v);
  }

  private void render(List<Cell> cells, Map<String, List<Evidence>> evidence,
      Map<String, String> urls, Map<String, String> titles, Map<String, OutletTotals> totals,
      JsonNode manifest, Writer w) throws IOException {
    TreeSet<String> weeks = new TreeSet<>();
    TreeSet<String> dimsSeen = new TreeSet<>();
    TreeSet<String> outlets = new TreeSet<>();
    for (Cell c : cells) {
      weeks.add(c.week());
      dimsSeen.add(c.dimension());
      outlets.add(c.outlet());
    }
    // The manifest's dimension order (the scorer's), then any other dimension in the table.
    JsonNode dimList = manifest.path("dimensions");
    List<String> dimensions = new ArrayList<>();
    dimList.forEach(d -> dimensions.add(d.asText()));
    for (String d : dimsSeen) {
      if (!dimensions.contains(d)) {
        dimensions.add(d);
      }
    }
    Map<String, String> colour = new LinkedHashMap<>();
    int n = 0;
    for (String o : outlets) {
      colour.put(o, PALETTE[n++ % PALETTE.length]);
    }
    List<String> weekList = new ArrayList<>(weeks);

    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>newsstance report</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n<header><h1>newsstance report</h1>\n<p class=\"sub\">Stance per"
            + " outlet and ISO week: mean article score in [−1, +1] with its 95&nbsp;% interval."
            + " Hollow points: fewer relevant articles than <code>--minArticles</code> (read as"
            + " anecdotal).</p></header>\n<main>\n");
    h.append(legend(colour));
    for (String d : dimensions) {
      h.append("<section class=\"chart\"><h2>").append(esc(d)).append(": mean stance by week</h2>\n");
      h.append(stanceChart(d, cells, weekList, colour)).append("</section>\n");
    }
    for (String d : dimensions) {
      h.append("<section class=\"chart\"><h2>").append(esc(d))
          .append(": relevant articles per outlet and week</h2>\n");
      h.append(volumeChart(d, cells, weekList, outlets, colour)).append("</section>\n");
    }
    h.append(outletTable(cells, dimensions, outlets, totals, colour));
    h.append(evidenceSection(evidence, urls, titles, colour));
    h.append("</main>\n").append(footer(manifest)).append("</body>\n</html>\n");
    w.write(h.toString());
  }

  private static String legend(Map<String, String> colour) {
    StringBuilder b = new StringBuilder("<section class=\"legend\" aria-label=\"legend\"><ul>");
    for (Map.Entry<String, String> e : colour.entrySet()) {
      b.append("<li><svg width=\"28\" height=\"12\" aria-hidden=\"true\"><rect x=\"0\" y=\"2\""
          + " width=\"28\" height=\"8\" fill=\"").append(e.getValue())
          .append("\" opacity=\"0.25\"/><line x1=\"0\" y1=\"6\" x2=\"28\" y2=\"6\" stroke=\"")
          .append(e.getValue()).append("\" stroke-width=\"2\"/></svg>")
          .append(esc(e.getKey())).append("</li>");
    }
    b.append("<li><svg width=\"14\" height=\"12\" aria-hidden=\"true\"><circle cx=\"7\" cy=\"6\""
        + " r=\"4\" fill=\"#444\"/></svg>enough articles</li>");
    b.append("<li><svg width=\"14\" height=\"12\" aria-hidden=\"true\"><circle cx=\"7\" cy=\"6\""
        + " r=\"4\" fill=\"#fff\" stroke=\"#444\" stroke-width=\"1.5\"/></svg>low n</li>");
    return b.append("</ul></section>\n").toString();
  }

  private static double x(int i, int count) {
    double plot = WIDTH - LEFT - RIGHT;
    return count <= 1 ? LEFT + plot / 2 : LEFT + plot * i / (count - 1);
  }

  private static String weekAxis(List<String> weeks, double yBase) {
    StringBuilder b = new StringBuilder();
    int step = Math.max(1, (int) Math.ceil(weeks.size() / 14.0));
    for (int i = 0; i < weeks.size(); i += step) {
      double xx = x(i, weeks.size());
      b.append("<text class=\"tick\" transform=\"translate(").append(fmt(xx)).append(',')
          .append(fmt(yBase + 12)).append(") rotate(40)\">").append(esc(weeks.get(i)))
          .append("</text>");
    }
    return b.toString();
  }

  String stanceChart(String dim, List<Cell> cells, List<String> weeks, Map<String, String> colour) {
    double plotH = HEIGHT - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH * (1 - (v + 1) / 2);
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"stance\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" aria-label=\"mean ").append(esc(dim))
        .append(" stance by week\">");
    for (double v : new double[] {-1, -0.5, 0, 0.5, 1}) {
      double yy = y.applyAsDouble(v);
      b.append("<line class=\"").append(v == 0 ? "zero" : "grid").append("\" x1=\"").append(LEFT)
          .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(yy))
          .append("\" y2=\"").append(fmt(yy)).append("\"/><text class=\"tick\" x=\"")
          .append(LEFT - 6).append("\" y=\"").append(fmt(yy + 4)).append("\" text-anchor=\"end\">")
          .append(String.format(Locale.ROOT, "%+.1f", v)).append("</text>");
    }
    b.append(weekAxis(weeks, HEIGHT - BOTTOM));
    Map<String, Integer> weekIndex = new HashMap<>();
    for (int i = 0; i < weeks.size(); i++) {
      weekIndex.put(weeks.get(i), i);
    }
    for (Map.Entry<String, String> oc : colour.entrySet()) {
      List<Cell> series = new ArrayList<>();
      for (Cell c : cells) {
        if (c.outlet().equals(oc.getKey()) && c.dimension().equals(dim) && !Double.isNaN(c.mean())) {
          series.add(c);
        }
      }
      series.sort(Comparator.comparing(Cell::week));
      if (series.isEmpty()) {
        continue;
      }
      String col = oc.getValue();
      b.append("<g class=\"series\"><title>").append(esc(oc.getKey())).append("</title>");
      // the band: runs of consecutive points with an interval
      List<Cell> run = new ArrayList<>();
      for (Iterator<Cell> it = series.iterator(); ; ) {
        Cell c = it.hasNext() ? it.next() : null;
        if (c != null && !Double.isNaN(c.low())) {
          run.add(c);
          continue;
        }
        if (!run.isEmpty()) {
          StringBuilder pts = new StringBuilder();
          for (Cell r : run) {
            pts.append(fmt(x(weekIndex.get(r.week()), weeks.size()))).append(',')
                .append(fmt(y.applyAsDouble(r.high()))).append(' ');
          }
          for (int i = run.size() - 1; i >= 0; i--) {
            Cell r = run.get(i);
            pts.append(fmt(x(weekIndex.get(r.week()), weeks.size()))).append(',')
                .append(fmt(y.applyAsDouble(r.low()))).append(' ');
          }
          if (run.size() == 1) {
            Cell r = run.get(0);
            double xx = x(weekIndex.get(r.week()), weeks.size());
            b.append("<line class=\"band\" x1=\"").append(fmt(xx)).append("\" x2=\"").append(fmt(xx))
                .append("\" y1=\"").append(fmt(y.applyAsDouble(r.low()))).append("\" y2=\"")
                .append(fmt(y.applyAsDouble(r.high()))).append("\" stroke=\"").append(col)
                .append("\"/>");
          } else {
            b.append("<polygon class=\"band\" fill=\"").append(col).append("\" points=\"")
                .append(pts.toString().strip()).append("\"/>");
          }
          run.clear();
        }
        if (c == null) {
          break;
        }
      }
      StringBuilder d = new StringBuilder();
      for (Cell c : series) {
        d.append(d.length() == 0 ? "M" : " L").append(fmt(x(weekIndex.get(c.week()), weeks.size())))
            .append(' ').append(fmt(y.applyAsDouble(c.mean())));
      }
      b.append("<path class=\"mean\" stroke=\"").append(col).append("\" d=\"").append(d)
          .append("\"/>");
      for (Cell c : series) {
        b.append("<circle class=\"").append(c.lowN() ? "point low-n" : "point").append("\" cx=\"")
            .append(fmt(x(weekIndex.get(c.week()), weeks.size()))).append("\" cy=\"")
            .append(fmt(y.applyAsDouble(c.mean()))).append("\" r=\"4\" stroke=\"").append(col)
            .append("\" fill=\"").append(c.lowN() ? "#fff" : col).append("\"><title>")
            .append(esc(c.outlet())).append(", week of ").append(esc(c.week())).append(": ")
            .append(score(c.mean()));
        if (!Double.isNaN(c.low())) {
          b.append(" [").append(score(c.low())).append(", ").append(score(c.high())).append(']');
        }
        b.append(", n = ").append(c.relevant()).append(c.lowN() ? " (low n)" : "")
            .append("</title></circle>");
      }
      b.append("</g>");
    }
    return b.append("</svg>\n").toString();
  }

  String volumeChart(String dim, List<Cell> cells, List<String> weeks, Set<String> outlets,
      Map<String, String> colour) {
    Map<String, Map<String, Long>> byWeek = new TreeMap<>();
    long max = 1;
    for (Cell c : cells) {
      if (c.dimension().equals(dim)) {
        byWeek.computeIfAbsent(c.week(), k -> new TreeMap<>()).merge(c.outlet(), c.relevant(), Long::sum);
      }
    }
    for (Map<String, Long> m : byWeek.values()) {
      max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum());
    }
    double plotH = HEIGHT - TOP - BOTTOM;
    double slot = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, weeks.size());
    double barW = Math.max(2, slot * 0.7);
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"volume\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" aria-label=\"relevant ").append(esc(dim))
        .append(" articles per week\">");
    long step = niceStep(max);
    for (long v = 0; v <= max; v += step) {
      double yy = TOP + plotH * (1 - (double) v / max);
      b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(fmt(yy)).append("\" y2=\"").append(fmt(yy))
          .append("\"/><text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"")
          .append(fmt(yy + 4)).append("\" text-anchor=\"end\">").append(v).append("</text>");
    }
    int step2 = Math.max(1, (int) Math.ceil(weeks.size() / 14.0));
    for (int i = 0; i < weeks.size(); i++) {
      String week = weeks.get(i);
      double cx = LEFT + slot * (i + 0.5);
      if (i % step2 == 0) {
        b.append("<text class=\"tick\" transform=\"translate(").append(fmt(cx - 4)).append(',')
            .append(fmt(HEIGHT - BOTTOM + 12)).append(") rotate(40)\">").append(esc(week))
            .append("</text>");
      }
      double base = HEIGHT - BOTTOM;
      for (String o : outlets) {
        long v = byWeek.getOrDefault(week, Map.of()).getOrDefault(o, 0L);
        if (v == 0) {
          continue;
        }
        double hgt = plotH * v / max;
        base -= hgt;
        b.append("<rect class=\"bar\" x=\"").append(fmt(cx - barW / 2)).append("\" y=\"")
            .append(fmt(base)).append("\" width=\"").append(fmt(barW)).append("\" height=\"")
            .append(fmt(hgt)).append("\" fill=\"").append(colour.get(o)).append("\"><title>")
            .append(esc(o)).append(", week of ").append(esc(week)).append(": ").append(v)
            .append(" relevant articles</title></rect>");
      }
    }
    return b.append("</svg>\n").toString();
  }

  private static long niceStep(long max) {
    long[] steps = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    for (long s : steps) {
      if (max / s <= 6) {
        return s;
      }
    }
    return Math.max(1, max / 5);
  }

  private static String outletTable(List<Cell> cells, List<String> dims, Set<String> outlets,
      Map<String, OutletTotals> totals, Map<String, String> colour) {
    StringBuilder b = new StringBuilder("<section><h2>Outlets</h2>\n<table class=\"outlets\">"
        + "<thead><tr><th>outlet</th><th>weeks</th><th>articles</th><th>duplicates</th>"
        + "<th>undated</th>");
    for (String d : dims) {
      b.append("<th>").append(esc(d)).append(" relevant</th><th>").append(esc(d))
          .append(" mean</th>");
    }
    b.append("</tr></thead><tbody>");
    TreeSet<String> all = new TreeSet<>(outlets);
    all.addAll(totals.keySet());
    for (String o : all) {
      Set<String> weeks = new TreeSet<>();
      b.append("<tr><td><span class=\"swatch\" style=\"background:")
          .append(colour.getOrDefault(o, "#ccc")).append("\"></span>").append(esc(o))
          .append("</td>");
      StringBuilder per = new StringBuilder();
      for (String d : dims) {
        long rel = 0;
        double sum = 0;
        for (Cell c : cells) {
          if (c.outlet().equals(o) && c.dimension().equals(d)) {
            weeks.add(c.week());
            rel += c.relevant();
            if (!Double.isNaN(c.mean())) {
              sum += c.mean() * c.relevant();
            }
          }
        }
        per.append("<td class=\"num\">").append(rel).append("</td><td class=\"num\">")
            .append(rel == 0 ? "–" : score(sum / rel)).append("</td>");
      }
      OutletTotals t = totals.getOrDefault(o, new OutletTotals());
      b.append("<td class=\"num\">").append(weeks.size()).append("</td><td class=\"num\">")
          .append(t.articles).append("</td><td class=\"num\">").append(t.duplicates)
          .append("</td><td class=\"num\">").append(t.undated).append("</td>").append(per)
          .append("</tr>");
    }
    return b.append("</tbody></table>\n<p class=\"note\">articles: unique articles read;"
        + " relevant: articles relevant to the dimension over all weeks; mean: their mean score"
        + " (weighted by relevant articles per week).</p></section>\n").toString();
  }

  private static String evidenceSection(Map<String, List<Evidence>> evidence,
      Map<String, String> urls, Map<String, String> titles, Map<String, String> colour) {
    StringBuilder b = new StringBuilder("<section class=\"evidence\"><h2>What drove the scores</h2>"
        + "\n<p class=\"note\">Per outlet and week, the sentences with the highest |score|."
        + " Highlighted: <mark class=\"pro\">pro cues</mark>, <mark class=\"anti\">anti cues</mark>,"
        + " <mark class=\"target\">topic cues</mark>.</p>\n");
    String lastOutlet = null;
    for (Map.Entry<String, List<Evidence>> e : evidence.entrySet()) {
      String[] k = e.getKey().split("\u0001", 2);
      if (!k[0].equals(lastOutlet)) {
        if (lastOutlet != null) {
          b.append("</div>\n");
        }
        b.append("<h3><span class=\"swatch\" style=\"background:")
            .append(colour.getOrDefault(k[0], "#ccc")).append("\"></span>").append(esc(k[0]))
            .append("</h3><div class=\"outlet\">\n");
        lastOutlet = k[0];
      }
      b.append("<details><summary>week of ").append(esc(k[1])).append(" (")
          .append(e.getValue().size()).append(")</summary><ol>");
      for (Evidence ev : e.getValue()) {
        b.append("<li><span class=\"score ").append(ev.score() > 0 ? "pos" : "neg").append("\">")
            .append(esc(ev.dimension())).append(' ').append(score(ev.score())).append("</span> ")
            .append(highlight(ev.sentence(), ev.cues()));
        String url = urls.get(ev.articleId());
        String title = titles.getOrDefault(ev.articleId(), "");
        String label = title.isEmpty() ? ev.articleId() : title;
        String link = url == null ? null : safeLink(url);
        b.append(" <span class=\"src\">— ");
        if (link != null) {
          b.append("<a href=\"").append(esc(link)).append("\" rel=\"noopener noreferrer\">")
              .append(esc(label)).append("</a>");
        } else {
          b.append(esc(label));
        }
        b.append(", sentence ").append(ev.sentenceNo()).append("</span></li>");
      }
      b.append("</ol></details>\n");
    }
    if (lastOutlet != null) {
      b.append("</div>\n");
    }
    return b.append("</section>\n").toString();
  }

  private static String footer(JsonNode m) {
    StringBuilder b = new StringBuilder("<footer><h2>Run</h2><dl>");
    String[][] fields = {
      {"tool", "tool"}, {"version", "version"}, {"run_id", "run id"}, {"runner", "runner"},
      {"started_at", "started"}, {"finished_at", "finished"}, {"lexicon_version", "lexicon version"},
      {"cleaning_rules_version", "cleaning rules version"}, {"label_threshold", "label dead zone"}
    };
    for (String[] f : fields) {
      if (m.has(f[0])) {
        b.append("<dt>").append(esc(f[1])).append("</dt><dd>").append(esc(m.get(f[0]).asText()))
            .append("</dd>");
      }
    }
    b.append("</dl>");
    if (m.path("inputs").size() > 0) {
      b.append("<h3>Inputs</h3><ul>");
      for (JsonNode in : m.path("inputs")) {
        b.append("<li>").append(esc(in.path("path").asText())).append(" (")
            .append(esc(in.path("bytes").asText())).append(" bytes)</li>");
      }
      b.append("</ul>");
    }
    if (m.path("counts").size() > 0) {
      b.append("<h3>Counts</h3><table class=\"counts\"><tbody>");
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("counts").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> c = it.next();
        b.append("<tr").append(c.getKey().startsWith("rejected") ? " class=\"reject\"" : "")
            .append("><th>").append(esc(c.getKey())).append("</th><td class=\"num\">")
            .append(esc(c.getValue().asText())).append("</td></tr>");
      }
      b.append("</tbody></table>");
      if (m.has("counts_reconcile")) {
        b.append("<p class=\"note\">records_read = articles + duplicates + rejected: ")
            .append(m.get("counts_reconcile").asBoolean() ? "checked" : "DOES NOT ADD UP")
            .append("</p>");
      }
    }
    return b.append("</footer>\n").toString();
  }

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0;background:#fafafa}
      header,main,footer{max-width:1000px;margin:0 auto;padding:0 20px}
      header{padding-top:16px}h1{font-size:24px;margin:8px 0}h2{font-size:18px;margin:24px 0 8px}
      h3{font-size:15px;margin:16px 0 6px}.sub,.note{color:#555}
      section.chart svg{width:100%;height:auto;background:#fff;border:1px solid #ddd}
      .legend ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px}
      .legend li{display:flex;align-items:center;gap:6px}
      line.grid{stroke:#e5e5e5}line.zero{stroke:#999}
      text.tick{font-size:11px;fill:#555}
      polygon.band{opacity:.09}line.band{stroke-width:6;opacity:.15}
      path.mean{fill:none;stroke-width:2}circle.point{stroke-width:1.5}
      table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      .swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
      details{background:#fff;border:1px solid #e5e5e5;margin:4px 0;padding:4px 10px}
      summary{cursor:pointer}ol{margin:6px 0;padding-left:22px}li{margin:4px 0}
      mark{padding:0 2px;border-radius:2px}mark.pro{background:#c8ecc8}mark.anti{background:#f7c6c6}
      mark.target{background:#fff1a8}mark.frame,mark.neg,mark.hedge,mark.cue{background:#e4e4f7}
      .score{font-family:ui-monospace,monospace;font-size:12px;padding:0 4px;border-radius:3px}
      .score.pos{background:#e3f4e3}.score.neg{background:#fae3e3}.src{color:#666;font-size:12px}
      footer{margin-top:32px;padding-bottom:32px;border-top:1px solid #ddd}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{color:#555}dd{margin:0}
      tr.reject th{color:#a33}
      """;

  /** Convenience for tests and the launcher: the report as a string. */
  public String toHtml(Reader outletWeek, Reader sentences, Reader articles, String manifestJson) {
    java.io.StringWriter w = new java.io.StringWriter();
    try {
      write(outletWeek, sentences, articles, manifestJson, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
