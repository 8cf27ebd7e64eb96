package org.newsstance.scoring;

import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.newsstance.model.Article;
import org.newsstance.model.ArticleCoder;
import org.newsstance.model.DimensionResult;
import org.newsstance.model.ScoredArticle;

/**
 * The ScoreArticles transform: one element per article in and out, sentences counted, relevant
 * sentences kept as evidence, and an article in a language without dictionaries not scored.
 */
public class ScoreArticlesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Article article(String id, String text, String language) {
    return new Article(id, "herald", "", "", "", "", "", "", text, language, "f", 1, 0);
  }

  @Test
  public void scoresEnglishAndSetsAsideUnsupportedLanguages() {
    PCollection<ScoredArticle> scored =
        p.apply(
                Create.of(
                        article(
                            "en1",
                            "The minister said the alliance had never been more united.\n\n"
                                + "The striker scored twice in the second half.",
                            "en"),
                        article(
                            "de1",
                            "Die Minister der NATO trafen sich in Brüssel. Sie sprachen über"
                                + " die Verteidigungsausgaben und die Einheit des Bündnisses.",
                            "de"))
                    .withCoder(ArticleCoder.of()))
            .apply(ScoreArticles.withBundledLexicons());
    PAssert.that(
            scored.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (ScoredArticle s) -> {
                          DimensionResult unity = s.dimension("unity");
                          return s.article().id()
                              + "|" + s.status()
                              + "|" + s.article().text().isEmpty()
                              + "|" + (unity == null ? "-" : unity.relevantSentences() + ">" + (unity.score() > 0))
                              + "|" + s.evidence().size();
                        })))
        .containsInAnyOrder(List.of("en1|scored|true|1>true|1", "de1|unsupported_language|true|-|0"));
    p.run().waitUntilFinish();
  }
}
