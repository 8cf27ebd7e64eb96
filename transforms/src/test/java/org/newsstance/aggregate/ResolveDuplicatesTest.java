package org.newsstance.aggregate;

import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;
import org.newsstance.nlp.MinHash;
import org.newsstance.nlp.SampleStories;

public class ResolveDuplicatesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Light copies, as the pipeline gives them (no sentence evidence). */
  static List<ScoredArticle> input() {
    List<ScoredArticle> input = new ArrayList<>(ClusterSimilarArticlesTest.story());
    // the same URL as h2, later: an exact duplicate of a near-duplicate, moved on to h1
    input.add(
        scored(article("h9", "herald", "https://herald/h2", "2024-12-04", "f1", 9), "h-h9", 1, 0.5)
            .withMinHash(MinHash.signature(SampleStories.trimmed())));
    return input;
  }

  @Test
  public void exactRulesThenSimilarityGiveTheVerdicts() {
    List<ScoredArticle> input = input();
    PCollectionTuple out =
        p.apply(Create.of(input).withCoder(ScoredArticleCoder.of()))
            .apply(ResolveDuplicates.onLightCopies());

    String cluster = ClusterRules.clusterId(ClusterRules.node(input.get(0)));
    String h3 = ClusterRules.clusterId(ClusterRules.node(input.get(3)));
    String shortId = ClusterRules.clusterId(ClusterRules.node(input.get(4)));
    PAssert.that(describeAll("U", out.get(MarkDuplicates.UNIQUE)))
        .containsInAnyOrder(
            "h1|herald||" + cluster + "|copy",
            "c1|courier||" + cluster + "|first",
            "h3|herald||" + h3 + "|",
            "short|herald||" + shortId + "|");
    PAssert.that(describeAll("D", out.get(MarkDuplicates.DUPLICATES)))
        .containsInAnyOrder(
            "h2|herald|h1|" + cluster + "|copy",
            "h9|herald|h1|" + cluster + "|copy");
    PAssert.that(describeAll("N", out.get(ClusterSimilarArticles.NEAR_DUPLICATES)))
        .containsInAnyOrder("h2|herald|h1|" + cluster + "|copy");
    p.run().waitUntilFinish();
  }

  @Test
  public void droppedArticlesHoldsTheNodesOfTheDuplicates() {
    List<ScoredArticle> input = input();
    PCollectionTuple out =
        p.apply(Create.of(input).withCoder(ScoredArticleCoder.of()))
            .apply(ResolveDuplicates.onLightCopies());
    PCollectionView<Map<String, Iterable<String>>> dropped =
        out.get(MarkDuplicates.DUPLICATES).apply(ResolveDuplicates.droppedArticles());

    PCollection<String> keys =
        p.apply("One", Create.of("x"))
            .apply("ReadView", ParDo.of(new KeysOfViewFn(dropped)).withSideInputs(dropped));
    PAssert.that(keys)
        .containsInAnyOrder(
            String.join(
                ",",
                new TreeSet<>(List.of(ClusterRules.node(input.get(1)), ClusterRules.node(input.get(5))))));
    p.run().waitUntilFinish();
  }

  /** Outputs the side input's keys, sorted and joined with commas. */
  static final class KeysOfViewFn extends DoFn<String, String> {
    private final PCollectionView<Map<String, Iterable<String>>> view;

    KeysOfViewFn(PCollectionView<Map<String, Iterable<String>>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(String.join(",", new TreeSet<>(c.sideInput(view).keySet())));
    }
  }

  private static PCollection<String> describeAll(String name, PCollection<ScoredArticle> in) {
    return in.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(ClusterSimilarArticlesTest::describe));
  }
}
