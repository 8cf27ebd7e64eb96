package org.newsstance.model;

import java.util.List;

/** Small builders for test elements. */
public final class Fixtures {
  private Fixtures() {}

  public static Article article(String id, String outlet, String url, String date, String source, long line) {
    return new Article(
        id, outlet, url, url.isEmpty() ? "" : url.toLowerCase(), date, date, date.isEmpty() ? "" : "field",
        "Title " + id, "", "en", source, line, 0);
  }

  /** A scored article with one unity result (score, relevant sentences) and no burden relevance. */
  public static ScoredArticle scored(Article a, String textHash, int unitySentences, double unityScore) {
    return new ScoredArticle(
        a,
        5,
        textHash,
        ScoredArticle.SCORED,
        List.of(
            new DimensionResult("unity", unitySentences, unitySentences == 0 ? Double.NaN : unityScore),
            new DimensionResult("burden", 0, Double.NaN)),
        List.of(),
        "");
  }
}
