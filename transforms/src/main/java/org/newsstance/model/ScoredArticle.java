package org.newsstance.model;

import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * An article after sentence splitting and scoring. The article's text is dropped (only the
 * evidence sentences are kept) so later shuffles stay small.
 *
 * @param article the article metadata; {@code text} is empty
 * @param sentences number of sentences in the cleaned text
 * @param textHash hash of the cleaned text, for exact-duplicate detection within an outlet
 * @param status {@link #SCORED}, or why the article was not scored
 * @param dimensions one result per dimension, in the scorer's dimension order (empty when not
 *     scored)
 * @param evidence every relevant sentence per dimension, by sentence number then dimension
 * @param duplicateOf id of the earlier article this one duplicates; empty when it is not a
 *     duplicate
 */
@DefaultCoder(ScoredArticleCoder.class)
public record ScoredArticle(
    Article article,
    int sentences,
    String textHash,
    String status,
    List<DimensionResult> dimensions,
    List<SentenceEvidence> evidence,
    String duplicateOf) {

  public static final String SCORED = "scored";
  public static final String UNSUPPORTED_LANGUAGE = "unsupported_language";

  public ScoredArticle {
    dimensions = List.copyOf(dimensions);
    evidence = List.copyOf(evidence);
    duplicateOf = duplicateOf == null ? "" : duplicateOf;
  }

  /** A copy marked as a duplicate of the article with the given id. */
  public ScoredArticle asDuplicateOf(String originalId) {
    return new ScoredArticle(article, sentences, textHash, status, dimensions, evidence, originalId);
  }

  public boolean isDuplicate() {
    return !duplicateOf.isEmpty();
  }

  public boolean scored() {
    return SCORED.equals(status);
  }

  /** The result for one dimension, or null when the article was not scored on it. */
  public DimensionResult dimension(String name) {
    for (DimensionResult d : dimensions) {
      if (d.dimension().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
