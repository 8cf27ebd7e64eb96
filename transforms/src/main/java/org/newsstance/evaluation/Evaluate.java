package org.newsstance.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.newsstance.gold.GoldSet;
import org.newsstance.gold.GoldSentence;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.scoring.SentenceScore;
import org.newsstance.scoring.StanceScorer;

/**
 * Scores a gold split with {@link StanceScorer} (each document's sentences in order, as one
 * article) and prints, per dimension: relevance precision/recall/F1, the 3x3 confusion matrix,
 * precision/recall/F1 of the pro (+1) and anti (-1) classes, F_avg (SemEval-2016 Task 6),
 * three-class macro-F1, accuracy per phenomenon tag, and the worst errors with their cues.
 *
 * <p>Usage: {@code Evaluate [--split=dev|dev2|dev3|dev4|test] [--gold=PATH] [--lexicons=DIR] [--worst=N]
 * [--set=name=value ...]}. {@code --split} reads {@code datasets/gold/<split>.tsv} relative to
 * the working directory; {@code --gold} overrides it. {@code --against=coding_sample.csv} instead
 * reports agreement with a human coder ({@link Agreement}). {@code --set} overrides a lexicon setting
 * (e.g. {@code --set=use_negation=0}) for ablations.
 */
public final class Evaluate {

  /** Result of one evaluation, per dimension. */
  public record Result(Map<String, StanceMetrics> labels, Map<String, StanceMetrics> relevance) {}

  private Evaluate() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try {
      if (args.length == 1 && args[0].startsWith("--against=")) {
        // Agreement of the machine with a human coder on a filled-in coding_sample.csv.
        Agreement.report(Path.of(args[0].substring("--against=".length())), out);
        return;
      }
      run(args, out);
    } catch (IllegalArgumentException e) {
      System.err.println("evaluate: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Parses {@code args}, evaluates and prints the report to {@code out}. */
  /** The gold splits in {@code datasets/gold/} that {@code --split} names. */
  static final List<String> SPLITS = List.of("dev", "dev2", "dev3", "dev4", "test");

  public static Result run(String[] args, PrintStream out) throws IOException {
    String split = "dev";
    String gold = null;
    String lexicons = null;
    int worst = 15;
    Map<String, Double> overrides = new LinkedHashMap<>();
    for (String a : args) {
      if (a.startsWith("--split=")) {
        split = a.substring("--split=".length());
        if (!SPLITS.contains(split)) {
          throw new IllegalArgumentException(
              "--split must be one of " + String.join(", ", SPLITS) + ", got '" + split + "'");
        }
      } else if (a.startsWith("--gold=")) {
        gold = a.substring("--gold=".length());
      } else if (a.startsWith("--lexicons=")) {
        lexicons = a.substring("--lexicons=".length());
      } else if (a.startsWith("--worst=")) {
        worst = Integer.parseInt(a.substring("--worst=".length()));
      } else if (a.startsWith("--set=")) {
        String[] kv = a.substring("--set=".length()).split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("--set expects name=value, got '" + a + "'");
        }
        overrides.put(kv[0], Double.parseDouble(kv[1]));
      } else {
        throw new IllegalArgumentException(
            "unknown argument '" + a + "'; usage: Evaluate [--split=dev|dev2|dev3|dev4|test] [--gold=PATH]"
                + " [--lexicons=DIR] [--worst=N] [--set=name=value]");
      }
    }
    Path path = gold != null ? Path.of(gold) : Path.of("datasets", "gold", split + ".tsv");
    ScoringResources resources = ScoringResources.shared(lexicons);
    for (Map.Entry<String, Double> e : overrides.entrySet()) {
      resources = resources.withSetting(e.getKey(), e.getValue());
    }
    GoldSet set = GoldSet.read(path, resources.dimensions());
    return evaluate(set, resources, worst, out);
  }

  /** Scores {@code set} and prints the report. */
  public static Result evaluate(
      GoldSet set, ScoringResources resources, int worst, PrintStream out) {
    List<String> dims = resources.dimensions();
    StanceScorer scorer = new StanceScorer(resources);
    List<GoldSentence> golds = new ArrayList<>();
    List<List<SentenceScore>> predictions = new ArrayList<>();
    long t0 = System.nanoTime();
    for (List<GoldSentence> doc : set.documents().values()) {
      List<String> text = doc.stream().map(GoldSentence::sentence).toList();
      golds.addAll(doc);
      predictions.addAll(scorer.scoreArticle(text));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;

    out.printf(Locale.ROOT, "gold %s: %d sentences, %d documents; lexicons %s; threshold %.2f;"
            + " scored in %.2f s%n",
        set.source(), golds.size(), set.documents().size(), resources.lexiconVersion(),
        resources.labelThreshold(), seconds);
    Map<String, StanceMetrics> labelMetrics = new LinkedHashMap<>();
    Map<String, StanceMetrics> relevanceMetrics = new LinkedHashMap<>();
    for (int d = 0; d < dims.size(); d++) {
      String dim = dims.get(d);
      StanceMetrics labels = new StanceMetrics();
      StanceMetrics relevance = new StanceMetrics();
      Map<String, int[]> phenomena = new TreeMap<>();
      List<Integer> errors = new ArrayList<>();
      for (int i = 0; i < golds.size(); i++) {
        GoldSentence g = golds.get(i);
        SentenceScore p = predictions.get(i).get(d);
        int gl = g.labels().get(dim);
        labels.add(gl, p.label());
        relevance.add(g.relevant().get(dim) ? 1 : 0, p.relevant() ? 1 : 0);
        for (String tag : g.phenomena().split("[,;| ]+")) {
          if (!tag.isBlank()) {
            int[] c = phenomena.computeIfAbsent(tag.strip(), k -> new int[2]);
            c[0]++;
            if (gl == p.label()) {
              c[1]++;
            }
          }
        }
        if (gl != p.label()) {
          errors.add(i);
        }
      }
      labelMetrics.put(dim, labels);
      relevanceMetrics.put(dim, relevance);
      out.printf(Locale.ROOT, "%n== %s ==%n", dim);
      out.printf(Locale.ROOT, "relevance: P %.3f  R %.3f  F1 %.3f  (gold %d, predicted %d)%n",
          relevance.precision(1), relevance.recall(1), relevance.f1(1),
          relevance.count(1, 1) + relevance.count(1, 0),
          relevance.count(1, 1) + relevance.count(0, 1));
      out.print(labels.matrix());
      for (int c : new int[] {1, -1, 0}) {
        out.printf(Locale.ROOT, "  %-5s P %.3f  R %.3f  F1 %.3f%n",
            c > 0 ? "pro" : c < 0 ? "anti" : "none", labels.precision(c), labels.recall(c),
            labels.f1(c));
      }
      out.printf(Locale.ROOT, "  F_avg %.3f   macro-F1 %.3f   accuracy %.3f%n",
          labels.fAvg(), labels.macroF1(), labels.accuracy());
      if (!phenomena.isEmpty()) {
        out.println("  accuracy by phenomenon:");
        phenomena.forEach((k, v) -> out.printf(Locale.ROOT, "    %-24s %3d/%3d%n", k, v[1], v[0]));
      }
      final int dd = d;
      errors.sort(Comparator.<Integer>comparingInt(
              i -> -Math.abs(golds.get(i).labels().get(dim) - predictions.get(i).get(dd).label()))
          .thenComparingDouble(i -> -Math.abs(predictions.get(i).get(dd).score()))
          .thenComparingInt(i -> i));
      if (worst > 0 && !errors.isEmpty()) {
        out.printf(Locale.ROOT, "  worst errors (%d of %d):%n", Math.min(worst, errors.size()),
            errors.size());
        for (int i : errors.subList(0, Math.min(worst, errors.size()))) {
          GoldSentence g = golds.get(i);
          SentenceScore p = predictions.get(i).get(d);
          out.printf(Locale.ROOT, "    gold %+d pred %+d score %+.3f %s#%d [%s] %s%n      cues: %s%n",
              g.labels().get(dim), p.label(), p.score(), g.docId(), g.sentenceNo(),
              g.phenomena(), g.sentence(), String.join("; ", p.cues()));
        }
      }
    }
    out.printf(Locale.ROOT, "%n== summary ==%n%-10s %7s %9s %9s %6s%n", "dimension", "F_avg",
        "macro-F1", "rel-F1", "n");
    for (String dim : dims) {
      StanceMetrics m = labelMetrics.get(dim);
      out.printf(Locale.ROOT, "%-10s %7.3f %9.3f %9.3f %6d%n", dim, m.fAvg(), m.macroF1(),
          relevanceMetrics.get(dim).f1(1), m.total());
    }
    return new Result(labelMetrics, relevanceMetrics);
  }
}
