package org.newsstance.text;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.newsstance.model.Article;

/**
 * Normalises each article's text and removes lines that are not the article's own prose (ticker
 * headlines, "Read more", bylines, credits, share prompts) with the rules of {@link TextCleaner}.
 */
public final class CleanText extends PTransform<PCollection<Article>, PCollection<Article>> {
  private final String rulesFile;

  private CleanText(String rulesFile) {
    this.rulesFile = rulesFile;
  }

  /** Cleans with the bundled rules ({@code datasets/cleaning/}). */
  public static CleanText withBundledRules() {
    return new CleanText("");
  }

  /** Cleans with the rules in the given file instead of the bundled ones; empty = bundled. */
  public CleanText withRulesFile(String path) {
    return new CleanText(path == null ? "" : path);
  }

  @Override
  public PCollection<Article> expand(PCollection<Article> articles) {
    return articles.apply("CleanEachArticle", ParDo.of(new CleanTextFn(rulesFile)));
  }

  static final class CleanTextFn extends DoFn<Article, Article> {
    private final Counter linesRemoved = Metrics.counter(CleanText.class, "lines_removed");
    private final String rulesFile;
    private transient TextCleaner cleaner;

    CleanTextFn(String rulesFile) {
      this.rulesFile = rulesFile;
    }

    @Setup
    public void setup() {
      cleaner = TextCleaner.load(rulesFile);
    }

    @ProcessElement
    public void process(@Element Article article, OutputReceiver<Article> out) {
      TextCleaner.Cleaned cleaned = cleaner.clean(article.text());
      linesRemoved.inc(cleaned.linesRemoved());
      out.output(article.withCleanedText(cleaned.text(), cleaned.linesRemoved()));
    }
  }
}
