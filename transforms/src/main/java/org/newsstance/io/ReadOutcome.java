package org.newsstance.io;

import org.newsstance.model.Article;
import org.newsstance.model.Reject;

/**
 * What a reader made of one unit of input: an {@link Article}, a {@link Reject}, or a skipped
 * non-article record (a WARC request, revisit, image, 404 …) named by its kind. Articles and
 * rejects are records in {@code records_read}; skipped records are not article candidates and are
 * counted separately, per kind. Exactly one of the three is set.
 */
public record ReadOutcome(Article article, Reject reject, String skippedKind) {
  public ReadOutcome {
    int set = (article != null ? 1 : 0) + (reject != null ? 1 : 0) + (skippedKind != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("exactly one of article, reject and skippedKind must be set");
    }
  }

  public static ReadOutcome of(Article a) {
    return new ReadOutcome(a, null, null);
  }

  public static ReadOutcome of(Reject r) {
    return new ReadOutcome(null, r, null);
  }

  /** The article or the reject that {@link ArticleFactory#build} made of a record. */
  public static ReadOutcome of(ArticleFactory.Result built) {
    return built.article() != null ? of(built.article()) : of(built.reject());
  }

  public static ReadOutcome skipped(String kind) {
    return new ReadOutcome(null, null, kind);
  }

  /** Whether this is an article candidate (article or reject), counted in {@code records_read}. */
  public boolean isRecord() {
    return skippedKind == null;
  }
}
