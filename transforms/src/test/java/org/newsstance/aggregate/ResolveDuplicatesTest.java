package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.util.ArrayList;
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
import org.junit.rules.TemporaryFolder;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;
import org.newsstance.model.SentenceEvidence;
import org.newsstance.nlp.MinHash;
import org.newsstance.nlp.SampleStories;

public class ResolveDuplicatesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  /** The article with one sentence of evidence naming it, so the test sees the evidence return. */
  static ScoredArticle withEvidence(ScoredArticle a) {
    List<SentenceEvidence> evidence =
        List.of(new SentenceEvidence(1, "unity", 0.5, 1, "cue", "sentence of " + a.article().id()));
    return a.withEvidence(evidence);
  }

  static String describe(ScoredArticle s) {
    return ClusterSimilarArticlesTest.describe(s) + "|" + s.evidence().get(0).sentence();
  }

  @Test
  public void decidesLikeTheTwoStagesAndKeepsEveryArticlesEvidence() throws Exception {
    List<ScoredArticle> input = new ArrayList<>();
    for (ScoredArticle a : ClusterSimilarArticlesTest.story()) {
      input.add(withEvidence(a));
    }
    // the same URL as h2, later: an exact duplicate of a near-duplicate, moved on to h1
    input.add(
        withEvidence(
            scored(article("h9", "herald", "https://herald/h2", "2024-12-04", "f1", 9), "h-h9", 1, 0.5)
                .withMinHash(MinHash.signature(SampleStories.trimmed()))));
    String spill = tmp.newFolder("spill").getPath();

    PCollectionTuple out =
        p.apply(Create.of(input).withCoder(ScoredArticleCoder.of()))
            .apply(ResolveDuplicates.spillingTo(spill));

    String cluster = ClusterRules.clusterId(ClusterRules.node(input.get(0)));
    String h3 = ClusterRules.clusterId(ClusterRules.node(input.get(3)));
    String shortId = ClusterRules.clusterId(ClusterRules.node(input.get(4)));
    PAssert.that(describeAll("U", out.get(MarkDuplicates.UNIQUE)))
        .containsInAnyOrder(
            "h1|herald||" + cluster + "|copy|sentence of h1",
            "c1|courier||" + cluster + "|first|sentence of c1",
            "h3|herald||" + h3 + "||sentence of h3",
            "short|herald||" + shortId + "||sentence of short");
    PAssert.that(describeAll("D", out.get(MarkDuplicates.DUPLICATES)))
        .containsInAnyOrder(
            "h2|herald|h1|" + cluster + "|copy|sentence of h2",
            "h9|herald|h1|" + cluster + "|copy|sentence of h9");
    PAssert.that(describeAll("N", out.get(ClusterSimilarArticles.NEAR_DUPLICATES)))
        .containsInAnyOrder("h2|herald|h1|" + cluster + "|copy|sentence of h2");
    p.run().waitUntilFinish();
  }

  @Test
  public void anArticleWithoutVerdictIsUniqueAndAloneInItsCluster() {
    ScoredArticle a = scored(article("x", "herald", "https://h/x", "2024-12-03", "f1", 1), "t", 1, 0.5);
    String node = ClusterRules.node(a);
    ResolveDuplicates.Outcome none = ResolveDuplicates.Outcome.of(node, null);
    assertThat(none.unique(), is(true));
    assertThat(none.applyTo(a).clusterId(), is(ClusterRules.clusterId(node)));
    assertThat(ResolveDuplicates.isDefault("U", none.applyTo(a), node), is(true));
    assertThat(ResolveDuplicates.isDefault("D", none.applyTo(a), node), is(false));

    ResolveDuplicates.Outcome near =
        ResolveDuplicates.Outcome.of(
            node,
            List.of(
                ResolveDuplicates.verdict("D", a.inCluster("cl-1", "copy").asDuplicateOf("h1")),
                ResolveDuplicates.verdict("N", a.inCluster("cl-1", "copy").asDuplicateOf("h1"))));
    assertThat(near.unique(), is(false));
    assertThat(near.nearDuplicate(), is(true));
    assertThat(near.applyTo(a).duplicateOf(), is("h1"));
    assertThat(near.applyTo(a).syndication(), is("copy"));
  }

  private static PCollection<String> describeAll(String name, PCollection<ScoredArticle> in) {
    return in.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(ResolveDuplicatesTest::describe));
  }
}
