package org.newsstance.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * An article after sentence splitting and scoring. The article's text is dropped (only the
 * evidence sentences and a MinHash signature of the text are kept) so later shuffles stay small.
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
 * @param minHash MinHash signature of the cleaned text for near-duplicate and syndication
 *     detection ({@code aggregate.MinHash}); empty when the text is too short, and dropped once
 *     clusters are known
 * @param clusterId the article's syndication cluster ({@code docs/DUPLICATES.md}); empty until
 *     clustered
 * @param syndication {@link #NOT_SYNDICATED}, or for an article whose cluster spans several
 *     outlets {@link #SYNDICATED_FIRST} (the copy that represents the cluster) or {@link
 *     #SYNDICATED_COPY}
 */
@DefaultCoder(ScoredArticleCoder.class)
public record ScoredArticle(
    Article article,
    int sentences,
    String textHash,
    String status,
    List<DimensionResult> dimensions,
    List<SentenceEvidence> evidence,
    String duplicateOf,
    int[] minHash,
    String clusterId,
    String syndication) {

  public static final String SCORED = "scored";
  public static final String UNSUPPORTED_LANGUAGE = "unsupported_language";

  public static final String NOT_SYNDICATED = "";
  public static final String SYNDICATED_FIRST = "first";
  public static final String SYNDICATED_COPY = "copy";

  private static final int[] NO_SIGNATURE = new int[0];

  public ScoredArticle {
    dimensions = List.copyOf(dimensions);
    evidence = List.copyOf(evidence);
    duplicateOf = duplicateOf == null ? "" : duplicateOf;
    minHash = minHash == null || minHash.length == 0 ? NO_SIGNATURE : minHash.clone();
    clusterId = clusterId == null ? "" : clusterId;
    syndication = syndication == null ? NOT_SYNDICATED : syndication;
  }

  /** An article that is neither signed nor clustered yet. */
  public ScoredArticle(
      Article article,
      int sentences,
      String textHash,
      String status,
      List<DimensionResult> dimensions,
      List<SentenceEvidence> evidence,
      String duplicateOf) {
    this(article, sentences, textHash, status, dimensions, evidence, duplicateOf, null, "", "");
  }

  /** A copy of the signature: the record stays immutable. */
  @Override
  public int[] minHash() {
    return minHash.clone();
  }

  public boolean hasMinHash() {
    return minHash.length > 0;
  }

  /** A copy marked as a duplicate of the article with the given id. */
  public ScoredArticle asDuplicateOf(String originalId) {
    return new ScoredArticle(
        article, sentences, textHash, status, dimensions, evidence, originalId, minHash, clusterId,
        syndication);
  }

  /** A copy with the given sentence evidence (empty: a light copy for the duplicate stages). */
  public ScoredArticle withEvidence(List<SentenceEvidence> sentenceEvidence) {
    return new ScoredArticle(
        article, sentences, textHash, status, dimensions, sentenceEvidence, duplicateOf, minHash,
        clusterId, syndication);
  }

  /** A copy with the given signature. */
  public ScoredArticle withMinHash(int[] signature) {
    return new ScoredArticle(
        article, sentences, textHash, status, dimensions, evidence, duplicateOf, signature,
        clusterId, syndication);
  }

  /** A copy placed in a cluster; the signature is dropped (it is not needed any more). */
  public ScoredArticle inCluster(String id, String syndicationRole) {
    return new ScoredArticle(
        article, sentences, textHash, status, dimensions, evidence, duplicateOf, null, id,
        syndicationRole);
  }

  public boolean isDuplicate() {
    return !duplicateOf.isEmpty();
  }

  /** Whether the article's cluster has articles from more than one outlet. */
  public boolean isSyndicated() {
    return !syndication.isEmpty();
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

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoredArticle s
        && sentences == s.sentences
        && article.equals(s.article)
        && textHash.equals(s.textHash)
        && status.equals(s.status)
        && dimensions.equals(s.dimensions)
        && evidence.equals(s.evidence)
        && duplicateOf.equals(s.duplicateOf)
        && Arrays.equals(minHash, s.minHash)
        && clusterId.equals(s.clusterId)
        && syndication.equals(s.syndication);
  }

  @Override
  public int hashCode() {
    return Objects.hash(article, sentences, textHash, status, duplicateOf, clusterId)
        * 31
        + Arrays.hashCode(minHash);
  }
}
