package org.newsstance.aggregate;

import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

public class AggregateByOutletWeekTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void sumsArticlesPerOutletWeekAndDimensionSkippingUndatedAndDuplicates() {
    List<ScoredArticle> input =
        List.of(
            // 2024-12-30 and 2025-01-05 are both in 2025-W01 (week starting 2024-12-30)
            scored(article("a", "herald", "u1", "2024-12-30", "f", 1), "h1", 2, 0.5),
            scored(article("b", "herald", "u2", "2025-01-05", "f", 2), "h2", 1, -0.3),
            scored(article("c", "herald", "u3", "2025-01-05", "f", 3), "h3", 0, 0),
            // 2024-12-29 is in 2024-W52
            scored(article("d", "herald", "u4", "2024-12-29", "f", 4), "h4", 1, 0.05),
            scored(article("e", "herald", "u5", "", "f", 5), "h5", 1, 0.9),
            scored(article("f", "herald", "u6", "2024-12-30", "f", 6), "h6", 1, 0.9).asDuplicateOf("a"));
    PCollection<KV<String, CellStats>> cells =
        p.apply(Create.of(input).withCoder(ScoredArticleCoder.of()))
            .apply(AggregateByOutletWeek.of(List.of("unity", "burden"), 0.1));

    PAssert.that(cells)
        .containsInAnyOrder(
            KV.of(
                AggregateByOutletWeek.cellKey("herald", "2024-12-30", "unity"),
                new CellStats(3, 2, 3, 1, 1, 0, 200_000, 340_000_000_000L)),
            KV.of(
                AggregateByOutletWeek.cellKey("herald", "2024-12-30", "burden"),
                new CellStats(3, 0, 0, 0, 0, 0, 0, 0)),
            KV.of(
                AggregateByOutletWeek.cellKey("herald", "2024-12-23", "unity"),
                new CellStats(1, 1, 1, 0, 0, 1, 50_000, 2_500_000_000L)),
            KV.of(
                AggregateByOutletWeek.cellKey("herald", "2024-12-23", "burden"),
                new CellStats(1, 0, 0, 0, 0, 0, 0, 0)));
    p.run().waitUntilFinish();
  }
}
