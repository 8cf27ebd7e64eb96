package org.newsstance.scoring;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.newsstance.model.Article;
import org.newsstance.model.ScoredArticle;

/**
 * Splits each cleaned article into sentences and scores every sentence on every dimension. One
 * element per article goes in and one comes out: sentences stay inside their article, so no
 * per-sentence shuffle happens. The logic lives in {@link ArticleScorer}.
 */
public final class ScoreArticles
    extends PTransform<PCollection<Article>, PCollection<ScoredArticle>> {
  private final String lexiconDir;

  private ScoreArticles(String lexiconDir) {
    this.lexiconDir = lexiconDir;
  }

  /** Scores with the bundled dictionaries ({@code datasets/lexicons/}). */
  public static ScoreArticles withBundledLexicons() {
    return new ScoreArticles("");
  }

  /** Scores with the dictionaries in this directory instead; empty = bundled. */
  public ScoreArticles withLexiconDir(String dir) {
    return new ScoreArticles(dir == null ? "" : dir);
  }

  @Override
  public PCollection<ScoredArticle> expand(PCollection<Article> articles) {
    return articles.apply("SplitAndScore", ParDo.of(new ScoreArticleFn(lexiconDir)));
  }

  static final class ScoreArticleFn extends DoFn<Article, ScoredArticle> {
    private final Counter scored = Metrics.counter(ScoreArticles.class, "articles_scored");
    private final Counter unsupported =
        Metrics.counter(ScoreArticles.class, "unsupported_language");
    private final Counter sentences = Metrics.counter(ScoreArticles.class, "sentences");
    private final String lexiconDir;
    private transient ArticleScorer scorer;

    ScoreArticleFn(String lexiconDir) {
      this.lexiconDir = lexiconDir;
    }

    @Setup
    public void setup() {
      scorer = ArticleScorer.create(ScoringResources.shared(lexiconDir));
    }

    @ProcessElement
    public void process(@Element Article article, OutputReceiver<ScoredArticle> out) {
      ScoredArticle result = scorer.score(article);
      if (result.scored()) {
        scored.inc();
        sentences.inc(result.sentences());
      } else {
        unsupported.inc();
      }
      out.output(result);
    }
  }
}
