package org.newsstance.model;

/**
 * A relevant sentence and its score on one dimension: the evidence behind every number.
 *
 * @param sentenceNo 1-based sentence number within the cleaned article
 * @param dimension dimension name
 * @param score sentence score in [-1, 1]
 * @param label -1, 0 or +1
 * @param cues the cues that produced the score, {@code ; }-separated
 * @param sentence the sentence text
 */
public record SentenceEvidence(
    int sentenceNo, String dimension, double score, int label, String cues, String sentence) {}
