package org.newsstance.scoring;

import java.util.List;

/** Shared helpers for scorer tests: one scorer per test class over the built-in lexicons. */
final class ScorerTestSupport {
  private ScorerTestSupport() {}

  static final StanceScorer SCORER = new StanceScorer(ScoringResources.shared());

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
