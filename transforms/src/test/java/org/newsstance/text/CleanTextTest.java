package org.newsstance.text;

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

/** The CleanText transform applies the bundled rules to every article and counts removed lines. */
public class CleanTextTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Article withText(String id, String text) {
    return new Article(id, "herald", "", "", "", "", "", "", text, "en", "f", 1, 0);
  }

  @Test
  public void removesNonProseLinesAndRecordsHowMany() {
    PCollection<Article> cleaned =
        p.apply(
                Create.of(
                        withText(
                            "a",
                            "++ Storm warning for the north coast ++\n\nNATO allies met in Brussels."
                                + "\nRead more: Why the summit matters\n\nShare this article"),
                        withText("b", "Allies pledged to stand together."))
                    .withCoder(ArticleCoder.of()))
            .apply(CleanText.withBundledRules());
    PAssert.that(
            cleaned.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via((Article a) -> a.id() + "|" + a.linesRemoved() + "|" + a.text())))
        .containsInAnyOrder(
            List.of("a|3|NATO allies met in Brussels.", "b|0|Allies pledged to stand together."));
    p.run().waitUntilFinish();
  }
}
