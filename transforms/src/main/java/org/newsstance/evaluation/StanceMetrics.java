package org.newsstance.evaluation;

import java.util.Locale;

/**
 * A 3x3 confusion matrix over labels -1, 0, +1 and the metrics derived from it: per-class
 * precision, recall and F1; SemEval-2016 Task 6 {@code F_avg} (mean of the F1 of the pro and anti
 * classes); three-class macro-F1; accuracy. A class with no gold and no predicted item has
 * precision, recall and F1 of 0 (the conservative SemEval convention).
 */
public final class StanceMetrics {

  /** counts[gold + 1][predicted + 1]. */
  private final long[][] counts = new long[3][3];

  public void add(int gold, int predicted) {
    counts[check(gold) + 1][check(predicted) + 1]++;
  }

  private static int check(int label) {
    if (label < -1 || label > 1) {
      throw new IllegalArgumentException("label " + label + " is not -1, 0 or 1");
    }
    return label;
  }

  public long count(int gold, int predicted) {
    return counts[gold + 1][predicted + 1];
  }

  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long c : row) {
        t += c;
      }
    }
    return t;
  }

  public double precision(int label) {
    long tp = count(label, label);
    long predicted = 0;
    for (int g = -1; g <= 1; g++) {
      predicted += count(g, label);
    }
    return predicted == 0 ? 0.0 : (double) tp / predicted;
  }

  public double recall(int label) {
    long tp = count(label, label);
    long gold = 0;
    for (int p = -1; p <= 1; p++) {
      gold += count(label, p);
    }
    return gold == 0 ? 0.0 : (double) tp / gold;
  }

  public double f1(int label) {
    double p = precision(label);
    double r = recall(label);
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** SemEval-2016 Task 6: mean of F1(pro) and F1(anti). */
  public double fAvg() {
    return (f1(1) + f1(-1)) / 2;
  }

  /** Mean F1 over the three classes. */
  public double macroF1() {
    return (f1(-1) + f1(0) + f1(1)) / 3;
  }

  public double accuracy() {
    long t = total();
    return t == 0 ? 0.0 : (double) (count(-1, -1) + count(0, 0) + count(1, 1)) / t;
  }

  /** The matrix as aligned text, gold in rows, predicted in columns. */
  public String matrix() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%12s %6s %6s %6s%n", "gold\\pred", "-1", "0", "+1"));
    for (int g = -1; g <= 1; g++) {
      b.append(String.format(Locale.ROOT, "%12s %6d %6d %6d%n",
          g > 0 ? "+1" : String.valueOf(g), count(g, -1), count(g, 0), count(g, 1)));
    }
    return b.toString();
  }
}
