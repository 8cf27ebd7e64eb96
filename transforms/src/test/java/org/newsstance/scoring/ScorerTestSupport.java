package org.newsstance.scoring;

import java.util.List;

/**
 * Shared helpers for scorer tests over the built-in lexicons: {@link #SCORER} is the shipped
 * scorer (dictionary combined with the trained model), {@link #DICTIONARY} the dictionary alone,
 * whose rules produce the cues that every scorer reports and that the model is trained on.
 */
final class ScorerTestSupport {
  private ScorerTestSupport() {}

  static final StanceScorer SCORER = new StanceScorer(ScoringResources.shared());

  static final StanceScorer DICTIONARY = new StanceScorer(ScoringResources.shared(), false);

  /** The dictionary alone on a one-sentence article. */
  static SentenceScore dictionaryOne(String dim, String sentence) {
    return dictionaryLast(dim, sentence);
  }

  /** The dictionary alone: the last sentence's score on {@code dim}. */
  static SentenceScore dictionaryLast(String dim, String... sentences) {
    List<List<SentenceScore>> all = DICTIONARY.scoreArticle(List.of(sentences));
    int d = ScoringResources.shared().dimensions().indexOf(dim);
    return all.get(all.size() - 1).get(d);
  }

  /** Scores one sentence as a one-sentence article and returns its score on {@code dim}. */
  static SentenceScore one(String dim, String sentence) {
    return last(dim, sentence);
  }

  /** Scores an article and returns the last sentence's score on {@code dim}. */
  static SentenceScore last(String dim, String... sentences) {
    List<List<SentenceScore>> all = SCORER.scoreArticle(List.of(sentences));
    int d = ScoringResources.shared().dimensions().indexOf(dim);
    return all.get(all.size() - 1).get(d);
  }
}
