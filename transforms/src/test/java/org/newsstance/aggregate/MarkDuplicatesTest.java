package org.newsstance.aggregate;

import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

public class MarkDuplicatesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void keepsTheEarliestCopyByIdUrlOrTextWithinAnOutlet() {
    List<ScoredArticle> input =
        List.of(
            scored(article("a", "herald", "https://h/1", "2024-12-02", "f1", 1), "t1", 1, 0.5),
            // same id as "a", later line: duplicate
            scored(article("a", "herald", "https://h/1?x", "2024-12-02", "f1", 9), "t9", 1, 0.5),
            // same canonical URL as "a" in an earlier FILE ORDER position? no: f2 sorts after f1
            scored(article("b", "herald", "https://h/1", "2024-12-03", "f2", 1), "t2", 0, 0),
            // same text as "c" in the same outlet, earlier line wins
            scored(article("d", "herald", "https://h/4", "2024-12-03", "f1", 5), "same", 0, 0),
            scored(article("c", "herald", "https://h/3", "2024-12-03", "f1", 3), "same", 0, 0),
            // same text in another outlet: syndication, not a duplicate
            scored(article("e", "courier", "https://c/9", "2024-12-03", "f1", 7), "same", 0, 0),
            // no URL: must not be grouped with other URL-less articles
            scored(article("f", "courier", "", "2024-12-03", "f1", 8), "tf", 0, 0),
            scored(article("g", "courier", "", "2024-12-03", "f1", 10), "tg", 0, 0));
    PCollectionTuple out =
        p.apply(Create.of(input).withCoder(ScoredArticleCoder.of()))
            .apply(MarkDuplicates.withinOutlets());

    PAssert.that(ids(out.get(MarkDuplicates.UNIQUE))).containsInAnyOrder("a", "c", "e", "f", "g");
    PAssert.that(
            out.get(MarkDuplicates.DUPLICATES)
                .apply(
                    "DupDescriptions",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (ScoredArticle s) ->
                                s.article().id() + "@" + s.article().position() + "->" + s.duplicateOf())))
        .containsInAnyOrder("a@9->a", "b@1->a", "d@5->c");
    p.run().waitUntilFinish();
  }

  private static PCollection<String> ids(PCollection<ScoredArticle> in) {
    return in.apply(
        "Ids", MapElements.into(TypeDescriptors.strings()).via((ScoredArticle s) -> s.article().id()));
  }
}
