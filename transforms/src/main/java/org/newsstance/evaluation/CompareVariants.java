package org.newsstance.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.newsstance.gold.GoldSentence;
import org.newsstance.gold.GoldSet;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.scoring.SentenceScore;
import org.newsstance.scoring.StanceCombiner;
import org.newsstance.scoring.StanceModel;
import org.newsstance.scoring.StanceModel.Features;
import org.newsstance.scoring.StanceScorer;

/**
 * Measures variants of the combination by the decision rule of {@code docs/SCORING.md} ("How a
 * change is decided"): A = {@code dev2.tsv} held out (trained on all of the variant's training
 * data), B = the dev3 rows and C = all rows of a 5-fold cross-validation by document over {@code
 * dev.tsv} + {@code dev3.tsv}. Never reads the test split. Also prints the error breakdown of a
 * variant on the fresh checks (relevance misses, direction errors, false positives). Usage:
 * {@code CompareVariants [--dir=datasets/gold] [--lexicons=DIR] [--only=SUBSTRING,...]}.
 */
public final class CompareVariants {

  private CompareVariants() {}

  /** One gold row with the dictionary's evidence and where it comes from. */
  record Row(GoldSentence gold, List<SentenceScore> dict, boolean[] articleRelevant,
      String source, int fold, List<List<SentenceScore>> article, List<String> articleText) {}

  /** How relevance is decided. */
  enum Relevance { DICTIONARY, OR, OR_ON_TOPIC, OR_IN_ARTICLE, OR_CUES, OR_EVIDENCE, MODEL, ALL }

  /** A variant of the scorer: training data and decision rules. */
  record Variant(String name, Set<String> train, Relevance relevance, double relThreshold,
      double gate, double dictWins, int weight, int relContext, double veto, int stanceContext,
      int iterations, int cutoff, double l1, double l2, double directionMin,
      Set<String> relTrain, double topicMin) {
    Variant {
      if (weight < 1) {
        throw new IllegalArgumentException("weight " + weight + " < 1");
      }
    }

    /** A round-3 variant without an article topic model. */
    Variant(String name, Set<String> train, Relevance relevance, double relThreshold,
        double gate, double dictWins, int weight, int relContext, double veto, int stanceContext,
        int iterations, int cutoff, double l1, double l2, double directionMin,
        Set<String> relTrain) {
      this(name, train, relevance, relThreshold, gate, dictWins, weight, relContext, veto,
          stanceContext, iterations, cutoff, l1, l2, directionMin, relTrain, 0);
    }

    /** A round-3 variant without a direction threshold, relevance trained like the stance. */
    Variant(String name, Set<String> train, Relevance relevance, double relThreshold,
        double gate, double dictWins, int weight, int relContext, double veto, int stanceContext,
        int iterations, int cutoff, double l1, double l2) {
      this(name, train, relevance, relThreshold, gate, dictWins, weight, relContext, veto,
          stanceContext, iterations, cutoff, l1, l2, 0, train);
    }

    /** A variant of rounds 1 and 2: no context features, no veto, the shipped training. */
    Variant(String name, Set<String> train, Relevance relevance, double relThreshold,
        double gate, double dictWins, int weight) {
      this(name, train, relevance, relThreshold, gate, dictWins, weight, 0, 0, 0,
          StanceCombiner.ITERATIONS, StanceCombiner.CUTOFF, 0, 0);
    }

    /** A round-3 variant trained by GIS. */
    Variant(String name, Set<String> train, Relevance relevance, double relThreshold,
        double gate, double dictWins, int weight, int relContext, double veto, int stanceContext,
        int iterations, int cutoff) {
      this(name, train, relevance, relThreshold, gate, dictWins, weight, relContext, veto,
          stanceContext, iterations, cutoff, 0, 0);
    }
  }

  /** Context feature bits of round 3 ({@link Variant#relContext}, {@link Variant#stanceContext}). */
  static final int ARTICLE = 1;

  static final int OTHER = 2;

  /** Words in the scope of a negation ({@link StanceModel#negatedWords}). */
  static final int NEGATION = 4;

  /** Train the stance model only on rows the dictionary or the gold label call relevant. */
  static final int RELEVANT_ROWS = 8;

  /** Trained parts of a variant for one dimension. */
  private record Trained(StanceModel.Categorizer stance, StanceModel.Categorizer relevance,
      StanceModel.Categorizer topic) {}

  /**
   * What the article topic model reads ({@link StanceCombiner#topicFeatures}).
   */
  static String[] topicFeatures(Row r, int d) {
    return StanceCombiner.topicFeatures(r.articleText(), r.article(), d);
  }

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String dir = "datasets/gold";
    String lexicons = null;
    List<String> only = new ArrayList<>();
    boolean listErrors = false;
    for (String a : args) {
      if (a.startsWith("--dir=")) {
        dir = a.substring(6);
      } else if (a.startsWith("--lexicons=")) {
        lexicons = a.substring(11);
      } else if (a.equals("--errors")) {
        listErrors = true;
      } else if (a.startsWith("--only=")) {
        only.addAll(List.of(a.substring(7).split(",")));
      } else {
        throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    ScoringResources resources =
        lexicons == null ? ScoringResources.shared() : ScoringResources.shared(lexicons);
    StanceScorer dictionary = new StanceScorer(resources.withSetting("model", 0));
    List<String> dims = resources.dimensions();
    List<Row> pool = new ArrayList<>();
    int[] docNo = {0};
    for (String split : List.of("dev", "dev3")) {
      pool.addAll(rows(Path.of(dir, split + ".tsv"), split, dims, dictionary, docNo, 5));
    }
    List<Row> dev2 = rows(Path.of(dir, "dev2.tsv"), "dev2", dims, dictionary, new int[] {0}, 1);

    Set<String> devOnly = Set.of("dev");
    Set<String> both = Set.of("dev", "dev3");
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("before: argmax (dev)", devOnly, Relevance.DICTIONARY, 0, 0, 2, 1));
    variants.add(new Variant("train dev+dev3", both, Relevance.DICTIONARY, 0, 0, 2, 1));
    for (Set<String> t : List.of(devOnly, both)) {
      String tn = t.size() == 1 ? "dev" : "dev+dev3";
      variants.add(new Variant("stance on all rows (" + tn + ")", t, Relevance.ALL, 0, 0, 2, 1));
      for (double r : new double[] {0.3, 0.5, 0.7}) {
        variants.add(new Variant("relevance OR model>" + r + " (" + tn + ")", t, Relevance.OR, r,
            0, 2, 1));
      }
      variants.add(new Variant("relevance model>0.5 alone (" + tn + ")", t, Relevance.MODEL, 0.5,
          0, 2, 1));
      for (double g : new double[] {0.4, 0.5, 0.6, 0.7}) {
        variants.add(new Variant("gate: dict label if max p<" + g + " (" + tn + ")", t,
            Relevance.DICTIONARY, 0, g, 2, 1));
      }
      for (double s : new double[] {0.5, 0.7, 0.9}) {
        variants.add(new Variant("dict label if |dict score|>=" + s + " (" + tn + ")", t,
            Relevance.DICTIONARY, 0, 0, s, 1));
      }
      for (int w : new int[] {2, 3}) {
        variants.add(new Variant("pro/anti weight x" + w + " (" + tn + ")", t,
            Relevance.DICTIONARY, 0, 0, 2, w));
        for (double g : new double[] {0.4, 0.5, 0.6, 0.7}) {
          variants.add(new Variant("x" + w + " + gate: dict label if max p<" + g + " (" + tn
              + ")", t, Relevance.DICTIONARY, 0, g, 2, w));
        }
        for (double s : new double[] {0.5, 0.7, 0.9}) {
          variants.add(new Variant("x" + w + " + dict label if |dict score|>=" + s + " (" + tn
              + ")", t, Relevance.DICTIONARY, 0, 0, s, w));
        }
        for (double r : new double[] {0.3, 0.5, 0.7}) {
          variants.add(new Variant("x" + w + " + relevance OR model>" + r + " (" + tn + ")", t,
              Relevance.OR, r, 0, 2, w));
        }
        variants.add(new Variant("x" + w + " + relevance model>0.5 alone (" + tn + ")", t,
            Relevance.MODEL, 0.5, 0, 2, w));
      }
    }
    // round 2, on top of the weighting (x3) and relevance OR model > 0.3
    variants.add(new Variant("R2 x3 + OR>0.3 on-topic only (dev)", devOnly,
        Relevance.OR_ON_TOPIC, 0.3, 0, 2, 3));
    for (Relevance rel : List.of(Relevance.OR, Relevance.OR_ON_TOPIC)) {
      for (double g : new double[] {0.4, 0.5, 0.6, 0.7}) {
        variants.add(new Variant("R2 x3 + " + rel + ">0.3 + gate max p<" + g + " (dev)", devOnly,
            rel, 0.3, g, 2, 3));
      }
      for (double x : new double[] {0.5, 0.7, 0.9}) {
        variants.add(new Variant("R2 x3 + " + rel + ">0.3 + dict if |score|>=" + x + " (dev)",
            devOnly, rel, 0.3, 0, x, 3));
      }
    }
    variants.add(new Variant("R2b x3 + OR_IN_ARTICLE>0.3 (dev)", devOnly,
        Relevance.OR_IN_ARTICLE, 0.3, 0, 2, 3));
    variants.add(new Variant("R2b x3 + OR_IN_ARTICLE>0.3 + gate max p<0.5 (dev)", devOnly,
        Relevance.OR_IN_ARTICLE, 0.3, 0.5, 2, 3));
    variants.add(new Variant("R2c x3 + OR_CUES>0.3 (dev)", devOnly,
        Relevance.OR_CUES, 0.3, 0, 2, 3));
    for (double g : new double[] {0.4, 0.5, 0.6, 0.7}) {
      variants.add(new Variant("R2c x3 + OR_CUES>0.3 + gate max p<" + g + " (dev)", devOnly,
          Relevance.OR_CUES, 0.3, g, 2, 3));
    }
    for (double x : new double[] {0.5, 0.7, 0.9}) {
      variants.add(new Variant("R3c x3 + OR_CUES>0.3 + gate 0.5 + dict if |score|>=" + x
          + " (dev)", devOnly, Relevance.OR_CUES, 0.3, 0.5, x, 3));
    }
    variants.add(new Variant("shipped: x" + StanceCombiner.CLASS_WEIGHT + " + relevance model>"
        + StanceCombiner.RELEVANCE_THRESHOLD + " (StanceCombiner.mayPromote) + gate "
        + StanceCombiner.GATE + " + veto<" + StanceCombiner.RELEVANCE_VETO
        + " + topic<" + StanceCombiner.TOPIC_MIN
        + " (dev; relevance and topic dev+dev3, promote only with evidence)", devOnly,
        Relevance.OR_EVIDENCE,
        StanceCombiner.RELEVANCE_THRESHOLD, StanceCombiner.GATE, 2, StanceCombiner.CLASS_WEIGHT, 0,
        StanceCombiner.RELEVANCE_VETO, 0, StanceCombiner.ITERATIONS, StanceCombiner.CUTOFF, 0, 0, 0,
        both, StanceCombiner.TOPIC_MIN));
    variants.add(new Variant("round 3 step 4: x3 + relevance model>0.3 (mayPromote) + gate 0.5"
        + " + veto<0.4 (dev; relevance dev+dev3, promote only with evidence)", devOnly,
        Relevance.OR_EVIDENCE, 0.3, 0.5, 2, 3, 0, 0.4, 0, 200, 1, 0, 0, 0, both));
    variants.add(new Variant("round 3 step 3: x3 + relevance model>0.3 (mayPromote before step 4)"
        + " + gate 0.5 + veto<0.4 (dev; relevance dev+dev3)", devOnly, Relevance.OR_CUES,
        0.3, 0.5, 2, 3, 0, 0.4, 0, 200, 1, 0, 0, 0, both));
    variants.add(new Variant("round 3 step 2: x3 + relevance model>0.3 (mayPromote) + gate 0.5"
        + " + veto<0.4 (dev)", devOnly, Relevance.OR_CUES, 0.3, 0.5, 2, 3, 0, 0.4, 0, 200, 1));
    variants.add(new Variant("round 2 as shipped: x3 + relevance model>0.3 (mayPromote) + gate 0.5"
        + " (dev)", devOnly, Relevance.OR_CUES, 0.3, 0.5, 2, 3));
    for (double x : new double[] {0.5, 0.7, 0.9}) {
      variants.add(new Variant("R3 x3 + OR_ON_TOPIC>0.3 + gate 0.5 + dict if |score|>=" + x
          + " (dev)", devOnly, Relevance.OR_ON_TOPIC, 0.3, 0.5, x, 3));
    }
    // round 3, on top of the shipped scorer: context features for the relevance and stance
    // models, a relevance veto on dictionary-relevant sentences, training parameters
    double rt = StanceCombiner.RELEVANCE_THRESHOLD;
    double g5 = StanceCombiner.GATE;
    int w3 = StanceCombiner.CLASS_WEIGHT;
    int it = StanceCombiner.ITERATIONS;
    int co = StanceCombiner.CUTOFF;
    String[] ctxName = {"", "article", "other-dim", "article+other-dim"};
    for (int rc = 1; rc <= 3; rc++) {
      variants.add(new Variant("R3 relevance ctx " + ctxName[rc], devOnly, Relevance.OR_CUES, rt,
          g5, 2, w3, rc, 0, 0, it, co));
    }
    for (int rc = 0; rc <= 3; rc++) {
      for (double veto : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
        variants.add(new Variant("R3 veto<" + veto + " relevance ctx " + ctxName[rc], devOnly,
            Relevance.OR_CUES, rt, g5, 2, w3, rc, veto, 0, it, co));
      }
    }
    for (int sc = 1; sc <= 3; sc++) {
      variants.add(new Variant("R3 stance ctx " + ctxName[sc], devOnly, Relevance.OR_CUES, rt,
          g5, 2, w3, 0, 0, sc, it, co));
    }
    double vt = StanceCombiner.RELEVANCE_VETO;
    variants.add(new Variant("R3b stance negation scope", devOnly, Relevance.OR_CUES, rt, g5, 2,
        w3, 0, vt, NEGATION, it, co));
    variants.add(new Variant("R3b stance trained on relevant rows", devOnly, Relevance.OR_CUES,
        rt, g5, 2, w3, 0, vt, RELEVANT_ROWS, it, co));
    variants.add(new Variant("R3b stance negation scope + relevant rows", devOnly,
        Relevance.OR_CUES, rt, g5, 2, w3, 0, vt, NEGATION | RELEVANT_ROWS, it, co));
    for (double dm : new double[] {0.5, 0.6, 0.7, 0.8}) {
      variants.add(new Variant("R3c direction needs P(rel)>=" + dm, devOnly, Relevance.OR_CUES,
          rt, g5, 2, w3, 0, vt, 0, it, co, 0, 0, dm, devOnly));
    }
    variants.add(new Variant("R3c relevance trained on dev+dev3", devOnly, Relevance.OR_CUES,
        rt, g5, 2, w3, 0, vt, 0, it, co, 0, 0, 0, both));
    variants.add(new Variant("R3c both models trained on dev+dev3", both, Relevance.OR_CUES,
        rt, g5, 2, w3, 0, vt, 0, it, co, 0, 0, 0, both));
    // round 3, step 4: on top of the relevance model trained on dev + dev3
    for (double veto : new double[] {0.3, 0.4, 0.5}) {
      for (double promote : new double[] {0.3, 0.4, 0.5}) {
        variants.add(new Variant("R3d veto<" + veto + " promote>" + promote, devOnly,
            Relevance.OR_CUES, promote, g5, 2, w3, 0, veto, 0, it, co, 0, 0, 0, both));
      }
    }
    for (Set<String> rt2 : List.of(devOnly, both)) {
      variants.add(new Variant("R3e promote only with dictionary evidence (relevance "
          + (rt2.size() == 1 ? "dev" : "dev+dev3") + ")", devOnly, Relevance.OR_EVIDENCE, rt, g5,
          2, w3, 0, vt, 0, it, co, 0, 0, 0, rt2));
    }
    for (double tm : new double[] {0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9}) {
      variants.add(new Variant("R3g article topic model P<" + tm + " -> irrelevant", devOnly,
          Relevance.OR_EVIDENCE, rt, g5, 2, w3, 0, vt, 0, it, co, 0, 0, 0, both, tm));
    }
    // round 3, step 5: the settings of the shipped scorer re-picked by C on top of step 4
    for (double g : new double[] {0.4, 0.5, 0.6}) {
      variants.add(new Variant("R3f gate " + g, devOnly, Relevance.OR_EVIDENCE, rt, g, 2, w3, 0,
          vt, 0, it, co, 0, 0, 0, both));
    }
    for (int w : new int[] {2, 3, 4, 5}) {
      variants.add(new Variant("R3f weight x" + w, devOnly, Relevance.OR_EVIDENCE, rt, g5, 2, w,
          0, vt, 0, it, co, 0, 0, 0, both));
    }
    for (double veto : new double[] {0.3, 0.4, 0.5}) {
      for (double promote : new double[] {0.3, 0.4, 0.5}) {
        variants.add(new Variant("R3f veto<" + veto + " promote>" + promote, devOnly,
            Relevance.OR_EVIDENCE, promote, g5, 2, w3, 0, veto, 0, it, co, 0, 0, 0, both));
      }
    }
    for (int rc = 1; rc <= 3; rc++) {
      variants.add(new Variant("R3d relevance ctx " + ctxName[rc], devOnly, Relevance.OR_CUES, rt,
          g5, 2, w3, rc, vt, 0, it, co, 0, 0, 0, both));
    }
    for (double[] c : new double[][] {{0, 0.1}, {0, 0.5}, {0, 1}, {0, 2}, {0, 5}, {0.1, 0.1},
        {0.5, 0}, {0.1, 1}}) {
      for (Set<String> t : List.of(devOnly, both)) {
        variants.add(new Variant("R3 QN l1=" + c[0] + " l2=" + c[1] + " ("
            + (t.size() == 1 ? "dev" : "dev+dev3") + ")", t, Relevance.OR_CUES, rt, g5, 2, w3, 0,
            0, 0, 500, co, c[0], c[1]));
      }
    }
    // round 4: the settings that let the dictionary's label stand, re-picked by C, and the stance
    // model reading negated words; measured on top of round 4's lexicons (commit a85afb8, not
    // shipped, see docs/SCORING.md), so on the shipped lexicons they give other numbers
    double tmin = StanceCombiner.TOPIC_MIN;
    for (double g : new double[] {0.4, 0.5, 0.6}) {
      variants.add(new Variant("R4 gate " + g, devOnly, Relevance.OR_EVIDENCE, rt, g, 2, w3, 0,
          vt, 0, it, co, 0, 0, 0, both, tmin));
    }
    for (double x : new double[] {0.5, 0.7, 0.9}) {
      variants.add(new Variant("R4 dict label if |dict score|>=" + x, devOnly,
          Relevance.OR_EVIDENCE, rt, g5, x, w3, 0, vt, 0, it, co, 0, 0, 0, both, tmin));
    }
    for (int w : new int[] {2, 4}) {
      variants.add(new Variant("R4 weight x" + w, devOnly, Relevance.OR_EVIDENCE, rt, g5, 2, w,
          0, vt, 0, it, co, 0, 0, 0, both, tmin));
    }
    variants.add(new Variant("R4 stance negation scope", devOnly, Relevance.OR_EVIDENCE, rt, g5,
        2, w3, 0, vt, NEGATION, it, co, 0, 0, 0, both, tmin));
    variants.add(new Variant("R4 stance trained on dev+dev3", both, Relevance.OR_EVIDENCE, rt, g5,
        2, w3, 0, vt, 0, it, co, 0, 0, 0, both, tmin));
    out.printf(Locale.ROOT, "A = dev2 held out, B = dev3 rows, C = all %d rows of 5-fold CV over "
        + "dev+dev3; F_avg (macro-F1) per dimension; r, P, R = relevance F1, precision, recall%n%n",
        pool.size());
    out.printf(Locale.ROOT, "%-52s %-6s %-32s %-32s %-32s | %6s %6s%n", "variant", "dim", "A dev2",
        "B dev3 oof", "C all oof", "fresh", "C");
    for (Variant v : variants) {
      if (!only.isEmpty() && only.stream().noneMatch(v.name()::contains)) {
        continue;
      }
      double fresh = 0;
      double cv = 0;
      List<String> lines = new ArrayList<>();
      for (int d = 0; d < dims.size(); d++) {
        Result a = new Result();
        Result b = new Result();
        Result c = new Result();
        Trained all = train(v, pool, dims.get(d), d, -1);
        for (Row r : dev2) {
          a.add(r, dims.get(d), predict(v, all, r, d));
        }
        for (int f = 0; f < 5; f++) {
          Trained t = train(v, pool, dims.get(d), d, f);
          for (Row r : pool) {
            if (r.fold() != f) {
              continue;
            }
            int[] p = predict(v, t, r, d);
            c.add(r, dims.get(d), p);
            if (r.source().equals("dev3")) {
              b.add(r, dims.get(d), p);
            }
          }
        }
        fresh += (a.m.fAvg() + b.m.fAvg()) / 4;
        cv += c.m.fAvg() / 2;
        lines.add(String.format(Locale.ROOT, "%-52s %-6s %-32s %-32s %-32s", v.name(),
            dims.get(d), a, b, c));
      }
      for (int i = 0; i < lines.size(); i++) {
        out.println(lines.get(i) + (i == lines.size() - 1
            ? String.format(Locale.ROOT, " | %6.4f %6.4f", fresh, cv) : ""));
      }
      if (v.name().startsWith("before") || v.name().startsWith("shipped") || v.name().startsWith("train dev+dev3")) {
        breakdown(out, v, pool, dev2, dims);
      }
      if (listErrors) {
        breakdown(out, v, pool, dev2, dims);
        listErrors(out, v, pool, dev2, dims);
      }
    }
  }

  /** The error breakdown of a variant on dev2 (held out) and on dev3 (out-of-fold). */
  private static void breakdown(PrintStream out, Variant v, List<Row> pool, List<Row> dev2,
      List<String> dims) {
    for (int d = 0; d < dims.size(); d++) {
      Trained all = train(v, pool, dims.get(d), d, -1);
      Errors e2 = new Errors();
      for (Row r : dev2) {
        e2.add(r, dims.get(d), predict(v, all, r, d));
      }
      Errors e3 = new Errors();
      for (int f = 0; f < 5; f++) {
        Trained t = train(v, pool, dims.get(d), d, f);
        for (Row r : pool) {
          if (r.fold() == f && r.source().equals("dev3")) {
            e3.add(r, dims.get(d), predict(v, t, r, d));
          }
        }
      }
      out.printf(Locale.ROOT, "    errors %-6s dev2: %s%n", dims.get(d), e2);
      out.printf(Locale.ROOT, "    errors %-6s dev3: %s%n", dims.get(d), e3);
    }
  }

  /**
   * Every row of dev2 (held out) and dev3 (out-of-fold) where the variant's relevance or label
   * differs from the gold one, with the dictionary's cues ({@code --errors}; never test).
   */
  private static void listErrors(PrintStream out, Variant v, List<Row> pool, List<Row> dev2,
      List<String> dims) {
    for (int d = 0; d < dims.size(); d++) {
      String dim = dims.get(d);
      Trained all = train(v, pool, dim, d, -1);
      List<Row> rows = new ArrayList<>(dev2);
      List<int[]> preds = new ArrayList<>();
      for (Row r : dev2) {
        preds.add(predict(v, all, r, d));
      }
      for (int f = 0; f < 5; f++) {
        Trained t = train(v, pool, dim, d, f);
        for (Row r : pool) {
          if (r.fold() == f && r.source().equals("dev3")) {
            rows.add(r);
            preds.add(predict(v, t, r, d));
          }
        }
      }
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        int[] p = preds.get(i);
        int gr = r.gold().relevant().get(dim) ? 1 : 0;
        int gl = r.gold().labels().get(dim);
        if (gr != p[0] || gl != p[1]) {
          out.printf(Locale.ROOT, "ERR %s %s gold=%d/%d pred=%d/%d art=%s %s | %s%n", dim,
              r.gold().docId(), gr, gl, p[0], p[1], r.articleRelevant()[d] ? "on" : "off",
              r.dict().get(d).cues(), r.gold().sentence());
        }
      }
    }
  }

  /** Rows of a gold file, scored by the dictionary article by article, folds by document. */
  private static List<Row> rows(Path path, String source, List<String> dims,
      StanceScorer dictionary, int[] docNo, int folds) throws IOException {
    if (path.getFileName().toString().startsWith("test")) {
      throw new IllegalArgumentException("refusing the held-out test split " + path);
    }
    GoldSet set = GoldSet.read(path, dims);
    List<Row> out = new ArrayList<>();
    for (List<GoldSentence> doc : set.documents().values()) {
      List<String> sentences = doc.stream().map(GoldSentence::sentence).toList();
      List<List<SentenceScore>> scores = dictionary.scoreDictionary(sentences);
      boolean[] article = StanceCombiner.articleOnTopic(scores, dims.size());
      for (int i = 0; i < doc.size(); i++) {
        out.add(new Row(doc.get(i), scores.get(i), article, source, docNo[0] % folds, scores,
            sentences));
      }
      docNo[0]++;
    }
    return out;
  }

  /** Trains the variant on the pool rows of its training sources outside fold {@code f}. */
  private static Trained train(Variant v, List<Row> pool, String dim, int d, int f) {
    List<String[]> docs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    List<String[]> relDocs = new ArrayList<>();
    List<Integer> relYs = new ArrayList<>();
    for (Row r : pool) {
      if (r.fold() == f) {
        continue;
      }
      if (v.relTrain().contains(r.source())) {
        relDocs.add(relevanceFeatures(v, r, d));
        relYs.add(r.gold().relevant().get(dim) ? 1 : 0);
      }
      if (!v.train().contains(r.source())) {
        continue;
      }
      int y = r.gold().labels().get(dim);
      String[] x = stanceFeatures(v, r, d);
      boolean skip = (v.stanceContext() & RELEVANT_ROWS) != 0 && !r.dict().get(d).relevant()
          && !r.gold().relevant().get(dim);
      for (int k = 0; k < (skip ? 0 : y == 0 ? 1 : v.weight()); k++) {
        docs.add(x);
        ys.add(y);
      }
    }
    try {
      StanceModel.Categorizer rel = v.veto() > 0 || v.directionMin() > 0
          || v.relevance() == Relevance.OR
          || v.relevance() == Relevance.OR_ON_TOPIC || v.relevance() == Relevance.OR_IN_ARTICLE
          || v.relevance() == Relevance.OR_CUES || v.relevance() == Relevance.OR_EVIDENCE
          || v.relevance() == Relevance.MODEL
          ? StanceModel.train(relDocs, relYs, v.iterations(), v.cutoff(), v.l1(), v.l2())
              .categorizer()
          : null;
      StanceModel.Categorizer topic = null;
      if (v.topicMin() > 0) {
        List<String[]> topicDocs = new ArrayList<>();
        List<Integer> topicYs = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Row r : pool) {
          if (r.fold() == f || !v.relTrain().contains(r.source())) {
            continue;
          }
          String id = r.source() + "/" + r.gold().docId();
          int y = r.gold().relevant().get(dim) ? 1 : 0;
          Integer at = seen.get(id);
          if (at == null) {
            seen.put(id, topicDocs.size());
            topicDocs.add(topicFeatures(r, d));
            topicYs.add(y);
          } else if (y == 1) {
            topicYs.set(at, 1);
          }
        }
        topic = StanceModel.train(topicDocs, topicYs, v.iterations(), v.cutoff()).categorizer();
      }
      return new Trained(StanceModel.train(docs, ys, v.iterations(), v.cutoff(), v.l1(), v.l2())
          .categorizer(), rel, topic);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What the relevance model reads: the shipped features plus the variant's context. */
  static String[] relevanceFeatures(Variant v, Row r, int d) {
    return StanceCombiner.plus(StanceCombiner.relevanceFeatures(r.gold().sentence(),
        r.dict().get(d), r.articleRelevant()[d]), context(v.relContext(), r, d));
  }

  /** What the stance model reads: the shipped features plus the variant's context. */
  static String[] stanceFeatures(Variant v, Row r, int d) {
    return StanceCombiner.plus(StanceModel.features(r.gold().sentence(), r.dict().get(d),
        StanceCombiner.FEATURES), context(v.stanceContext(), r, d));
  }

  private static List<String> context(int bits, Row r, int d) {
    List<String> out = new ArrayList<>();
    if ((bits & ARTICLE) != 0) {
      out.addAll(StanceCombiner.articleContext(r.article(), d));
    }
    if ((bits & OTHER) != 0) {
      out.addAll(StanceCombiner.otherDimensions(r.dict(), d));
    }
    if ((bits & NEGATION) != 0) {
      out.addAll(StanceModel.negatedWords(r.gold().sentence(), 5));
    }
    return out;
  }

  /**
   * {@link StanceCombiner#mayPromote} as shipped in issue 3's second round (relevance {@code
   * OR_CUES}): also every sentence without any dictionary evidence in an on-topic article.
   */
  static boolean mayPromoteRound2(SentenceScore s, boolean articleOn) {
    return !s.relevant() && (articleOn
        || s.cues().stream().anyMatch(c -> !c.equals(StanceCombiner.NO_TARGET_CUE)));
  }

  /** {relevant 0/1, label} of the variant on one row. */
  private static int[] predict(Variant v, Trained t, Row r, int d) {
    SentenceScore s = r.dict().get(d);
    if (t.topic() != null && r.articleText().size() >= StanceCombiner.TOPIC_MIN_SENTENCES
        && t.topic().probabilities(topicFeatures(r, d))[2] < v.topicMin()) {
      return new int[] {0, 0}; // the article is not about the dimension's topic
    }
    double pRel = t.relevance() == null ? 1 : t.relevance().probabilities(
        relevanceFeatures(v, r, d))[2];
    if (v.veto() > 0 && s.relevant() && pRel < v.veto()) {
      return new int[] {0, 0};
    }
    boolean relevant = switch (v.relevance()) {
      case DICTIONARY -> s.relevant();
      case ALL -> true;
      case OR_ON_TOPIC -> s.relevant() || (r.articleRelevant()[d] || !s.cues().isEmpty())
          && t.relevance().probabilities(relevanceFeatures(v, r, d))[2] > v.relThreshold();
      case OR_CUES -> s.relevant() || mayPromoteRound2(s, r.articleRelevant()[d])
          && t.relevance().probabilities(relevanceFeatures(v, r, d))[2] > v.relThreshold();
      case OR_EVIDENCE -> s.relevant() || StanceCombiner.mayPromote(s, r.articleRelevant()[d])
          && t.relevance().probabilities(relevanceFeatures(v, r, d))[2] > v.relThreshold();
      case OR_IN_ARTICLE -> s.relevant() || r.articleRelevant()[d]
          && t.relevance().probabilities(relevanceFeatures(v, r, d))[2] > v.relThreshold();
      case OR -> s.relevant()
          || t.relevance().probabilities(relevanceFeatures(v, r, d))[2] > v.relThreshold();
      case MODEL -> t.relevance().probabilities(relevanceFeatures(v, r, d))[2] > v.relThreshold();
    };
    if (!relevant) {
      return new int[] {0, 0};
    }
    double[] p = t.stance().probabilities(stanceFeatures(v, r, d));
    int label = StanceCombiner.argmax(p);
    double max = Math.max(p[0], Math.max(p[1], p[2]));
    if (s.relevant() && (max < v.gate() || Math.abs(s.score()) >= v.dictWins())) {
      label = s.label();
    }
    if (pRel < v.directionMin()) {
      label = 0; // relevant, but not sure enough of it to give a direction
    }
    return new int[] {v.relevance() == Relevance.ALL ? (s.relevant() ? 1 : 0) : 1, label};
  }

  /** Stance metrics and relevance counts. */
  private static final class Result {
    final StanceMetrics m = new StanceMetrics();
    int tp;
    int fp;
    int fn;

    void add(Row r, String dim, int[] p) {
      m.add(r.gold().labels().get(dim), p[1]);
      boolean g = r.gold().relevant().get(dim);
      tp += g && p[0] == 1 ? 1 : 0;
      fp += !g && p[0] == 1 ? 1 : 0;
      fn += g && p[0] == 0 ? 1 : 0;
    }

    @Override
    public String toString() {
      double rel = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
      double p = (double) tp / Math.max(1, tp + fp);
      double r = (double) tp / Math.max(1, tp + fn);
      return String.format(Locale.ROOT, "%.3f (%.3f) r%.2f P%.2f R%.2f", m.fAvg(), m.macroF1(),
          rel, p, r);
    }
  }

  /** Pro/anti errors by kind. */
  private static final class Errors {
    final Map<String, Integer> n = new LinkedHashMap<>();

    Errors() {
      for (String k : List.of("gold+-", "ok", "relMiss", "relevant-but-0", "direction",
          "fp-irrelevant", "fp-relevant0")) {
        n.put(k, 0);
      }
    }

    void add(Row r, String dim, int[] p) {
      int g = r.gold().labels().get(dim);
      boolean rel = r.gold().relevant().get(dim);
      if (g != 0) {
        n.merge("gold+-", 1, Integer::sum);
        String k = p[1] == g ? "ok" : p[0] == 0 ? "relMiss" : p[1] == 0 ? "relevant-but-0"
            : "direction";
        n.merge(k, 1, Integer::sum);
      } else if (p[1] != 0) {
        n.merge(rel ? "fp-relevant0" : "fp-irrelevant", 1, Integer::sum);
      }
    }

    @Override
    public String toString() {
      return n.toString();
    }
  }
}
