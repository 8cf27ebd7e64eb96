package org.newsstance.scoring;

import java.util.List;

/**
 * The score of one sentence on one dimension.
 *
 * @param dimension dimension name, e.g. {@code unity}
 * @param relevant whether the sentence concerns the dimension's target (even with label 0)
 * @param score score in [-1, 1], rounded to 4 decimals; 0 when not relevant
 * @param label sign of the score with the dead zone applied: -1, 0 or +1
 * @param cues human-readable cues that produced the score, in sentence order
 */
public record SentenceScore(
    String dimension, boolean relevant, double score, int label, List<String> cues) {
  public SentenceScore {
    cues = List.copyOf(cues);
  }
}
