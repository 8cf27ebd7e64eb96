package org.newsstance.gold;

import java.util.Map;

/**
 * One gold-coded sentence.
 *
 * @param docId document id; the sentences of one document are consecutive in the file
 * @param sentenceNo sentence number within the document
 * @param register text register (e.g. news, opinion), as written by the coder
 * @param relevant per dimension: does the sentence concern the dimension's target
 * @param labels per dimension: gold label -1, 0 or +1
 * @param phenomena free-text tags of the linguistic phenomena in the sentence
 * @param sentence the sentence text
 * @param line line number in the gold file, for messages
 */
public record GoldSentence(
    String docId,
    int sentenceNo,
    String register,
    Map<String, Boolean> relevant,
    Map<String, Integer> labels,
    String phenomena,
    String sentence,
    long line) {
  public GoldSentence {
    relevant = Map.copyOf(relevant);
    labels = Map.copyOf(labels);
  }
}
