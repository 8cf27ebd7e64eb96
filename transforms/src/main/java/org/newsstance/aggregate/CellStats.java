package org.newsstance.aggregate;

import java.io.Serializable;

/**
 * Running totals for one outlet × week × dimension cell.
 *
 * <p>The article is the unit: each article contributes once, with its own score (the mean of its
 * relevant sentences). Scores are held as integer millionths, so sums are exact and the result
 * does not depend on the order in which a runner merges partial sums: the same input gives the
 * same bytes on every runner.
 *
 * @param articles all (non-duplicate, dated) articles of the outlet that week
 * @param relevantArticles articles with at least one sentence relevant to the dimension
 * @param relevantSentences relevant sentences summed over those articles
 * @param pro relevant articles whose score is above the dead zone
 * @param anti relevant articles whose score is below the dead zone
 * @param neutral relevant articles inside the dead zone
 * @param sumMicros sum of article scores in millionths
 * @param sumSquaresMicros sum of squared article scores in millionths squared
 * @param syndicated articles (of {@code articles}) whose cluster spans more than one outlet
 */
@org.apache.beam.sdk.coders.DefaultCoder(CellStatsCoder.class)
public record CellStats(
    long articles,
    long relevantArticles,
    long relevantSentences,
    long pro,
    long anti,
    long neutral,
    long sumMicros,
    long sumSquaresMicros,
    long syndicated)
    implements Serializable {

  public static final CellStats EMPTY = new CellStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Totals without syndicated articles. */
  public CellStats(
      long articles,
      long relevantArticles,
      long relevantSentences,
      long pro,
      long anti,
      long neutral,
      long sumMicros,
      long sumSquaresMicros) {
    this(articles, relevantArticles, relevantSentences, pro, anti, neutral, sumMicros,
        sumSquaresMicros, 0);
  }

  /** One article that is not relevant to the dimension (it still counts as volume). */
  public static CellStats irrelevantArticle() {
    return new CellStats(1, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The same totals with this article marked as syndicated (it belongs to a multi-outlet cluster). */
  public CellStats asSyndicated() {
    return new CellStats(
        articles, relevantArticles, relevantSentences, pro, anti, neutral, sumMicros,
        sumSquaresMicros, articles);
  }

  /**
   * One relevant article.
   *
   * @param relevantSentences its relevant sentences (at least 1)
   * @param score its score in [-1, 1]
   * @param deadZone scores with {@code |score| <= deadZone} are neutral
   */
  public static CellStats relevantArticle(int relevantSentences, double score, double deadZone) {
    long micros = toMicros(score);
    int label = Labels.label(score, deadZone);
    return new CellStats(
        1,
        1,
        relevantSentences,
        label > 0 ? 1 : 0,
        label < 0 ? 1 : 0,
        label == 0 ? 1 : 0,
        micros,
        micros * micros);
  }

  public CellStats plus(CellStats o) {
    return new CellStats(
        articles + o.articles,
        relevantArticles + o.relevantArticles,
        relevantSentences + o.relevantSentences,
        pro + o.pro,
        anti + o.anti,
        neutral + o.neutral,
        Math.addExact(sumMicros, o.sumMicros),
        Math.addExact(sumSquaresMicros, o.sumSquaresMicros),
        syndicated + o.syndicated);
  }

  /** Mean article score, NaN when no article is relevant. */
  public double mean() {
    return relevantArticles == 0 ? Double.NaN : sumMicros / 1e6 / relevantArticles;
  }

  /** Sample standard deviation of article scores, NaN below two relevant articles. */
  public double standardDeviation() {
    if (relevantArticles < 2) {
      return Double.NaN;
    }
    double n = relevantArticles;
    double sum = sumMicros / 1e6;
    double sumSq = sumSquaresMicros / 1e12;
    double variance = Math.max(0, (sumSq - sum * sum / n) / (n - 1));
    return Math.sqrt(variance);
  }

  /**
   * The two-sided t-interval for the mean at the given confidence, clamped to [-1, 1]; null below
   * two relevant articles. With zero spread the interval is the mean itself.
   */
  public double[] confidenceInterval(double confidence) {
    if (relevantArticles < 2) {
      return null;
    }
    double t = StudentT.criticalValue(confidence, (int) Math.min(relevantArticles - 1, 1_000_000));
    double half = t * standardDeviation() / Math.sqrt(relevantArticles);
    double m = mean();
    return new double[] {Math.max(-1, m - half), Math.min(1, m + half)};
  }

  static long toMicros(double score) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("an article score must be a number, was NaN");
    }
    double clamped = Math.max(-1, Math.min(1, score));
    return Math.round(clamped * 1e6);
  }
}
