package org.newsstance.model;

/**
 * One article's result on one stance dimension.
 *
 * @param dimension dimension name, e.g. {@code unity}
 * @param relevantSentences sentences of the article relevant to the dimension
 * @param score mean of the relevant sentences' scores, rounded to 6 decimals; {@code NaN} when
 *     the article has no relevant sentence
 */
public record DimensionResult(String dimension, int relevantSentences, double score) {
  public boolean relevant() {
    return relevantSentences > 0;
  }
}
