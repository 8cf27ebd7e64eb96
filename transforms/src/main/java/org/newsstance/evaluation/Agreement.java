package org.newsstance.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Agreement between a human coder and the machine on a filled-in {@code coding_sample.csv}: per
 * dimension, the coder's label ({@code coder_<dim>_label}) is the reference and the machine's
 * ({@code machine_<dim>_label}) the prediction. Reports n coded, F_avg (mean of pro-F1 and
 * anti-F1), three-class macro-F1, accuracy and Cohen's kappa. Rows whose coder label is empty are
 * ignored and counted. Labels are -1, 0, +1 (1 also accepted); a leading apostrophe, which a
 * spreadsheet may add, is ignored.
 */
public final class Agreement {
  private Agreement() {}

  /** One dimension's agreement. */
  public record Result(String dimension, StanceMetrics metrics, long uncoded) {
    public long coded() {
      return metrics.total();
    }

    public double kappa() {
      return cohensKappa(metrics);
    }
  }

  /**
   * Cohen's kappa of a 3x3 table: {@code (po - pe) / (1 - pe)} with {@code po} the observed
   * agreement and {@code pe} the agreement expected from the two raters' marginals. NaN when
   * nothing was coded or when {@code pe = 1} (both raters used one and the same label only).
   */
  public static double cohensKappa(StanceMetrics m) {
    double n = m.total();
    if (n == 0) {
      return Double.NaN;
    }
    double po = 0;
    double pe = 0;
    for (int k = -1; k <= 1; k++) {
      po += m.count(k, k);
      double rows = 0;
      double cols = 0;
      for (int j = -1; j <= 1; j++) {
        rows += m.count(k, j);
        cols += m.count(j, k);
      }
      pe += (rows / n) * (cols / n);
    }
    po /= n;
    return pe >= 1.0 ? Double.NaN : (po - pe) / (1 - pe);
  }

  /** Reads a coded sample and computes agreement for every dimension it has columns for. */
  public static List<Result> compute(Path codedSample) throws IOException {
    String text;
    try {
      text = Files.readString(codedSample, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          codedSample + ": no such file; pass the coding_sample.csv written by --codingSample=N");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (Reader r = new java.io.StringReader(text);
        CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(r)) {
      List<String> dims = new ArrayList<>();
      for (String h : p.getHeaderNames()) {
        if (h.startsWith("coder_") && h.endsWith("_label")) {
          String d = h.substring("coder_".length(), h.length() - "_label".length());
          if (!p.getHeaderNames().contains("machine_" + d + "_label")) {
            throw new IllegalArgumentException(codedSample + ": column " + h
                + " has no matching machine_" + d + "_label column");
          }
          dims.add(d);
        }
      }
      if (dims.isEmpty()) {
        throw new IllegalArgumentException(codedSample
            + ": no coder_<dimension>_label column; is this a coding_sample.csv?");
      }
      Map<String, StanceMetrics> metrics = new LinkedHashMap<>();
      Map<String, Long> uncoded = new LinkedHashMap<>();
      for (String d : dims) {
        metrics.put(d, new StanceMetrics());
        uncoded.put(d, 0L);
      }
      for (CSVRecord rec : p) {
        for (String d : dims) {
          String coder = rec.get("coder_" + d + "_label");
          if (clean(coder).isEmpty()) {
            uncoded.merge(d, 1L, Long::sum);
            continue;
          }
          int gold = label(coder, codedSample, rec, "coder_" + d + "_label");
          int machine =
              label(rec.get("machine_" + d + "_label"), codedSample, rec, "machine_" + d + "_label");
          metrics.get(d).add(gold, machine);
        }
      }
      List<Result> results = new ArrayList<>();
      for (String d : dims) {
        results.add(new Result(d, metrics.get(d), uncoded.get(d)));
      }
      return results;
    }
  }

  private static String clean(String s) {
    String t = s == null ? "" : s.strip();
    return t.startsWith("'") ? t.substring(1).strip() : t;
  }

  static int label(String raw, Path file, CSVRecord rec, String column) {
    switch (clean(raw)) {
      case "-1":
        return -1;
      case "0":
        return 0;
      case "1":
      case "+1":
        return 1;
      default:
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s, line %d, column %s: '%s' is not a label; use -1, 0 or +1 (or leave it empty"
                + " to skip the row)", file, rec.getRecordNumber() + 1, column, raw));
    }
  }

  /** Prints the agreement table. */
  public static List<Result> report(Path codedSample, PrintStream out) throws IOException {
    List<Result> results = compute(codedSample);
    out.printf(Locale.ROOT, "agreement of machine labels with coder labels in %s%n", codedSample);
    out.printf(Locale.ROOT, "%-10s %6s %9s %7s %9s %9s %7s%n", "dimension", "coded", "uncoded",
        "F_avg", "macro-F1", "accuracy", "kappa");
    for (Result r : results) {
      StanceMetrics m = r.metrics();
      out.printf(Locale.ROOT, "%-10s %6d %9d %7.3f %9.3f %9.3f %7s%n", r.dimension(), r.coded(),
          r.uncoded(), m.fAvg(), m.macroF1(), m.accuracy(),
          Double.isNaN(r.kappa()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.kappa()));
    }
    for (Result r : results) {
      out.printf(Locale.ROOT, "%n== %s (coder in rows, machine in columns) ==%n%s",
          r.dimension(), r.metrics().matrix());
    }
    return results;
  }
}
