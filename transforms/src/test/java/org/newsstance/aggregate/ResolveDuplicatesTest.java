package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
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

  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void exactRulesThenSimilarityGiveTheVerdicts() {
    expectStoryVerdicts(ResolveDuplicates.onLightCopies());
  }

  @Test
  public void inOneStepGivesTheSameVerdictsAndLeavesNoFiles() throws Exception {
    File staging = tmp.newFolder("staging");
    expectStoryVerdicts(ResolveDuplicates.inOneStep(staging.getPath()));
    File[] left = new File(staging, "light-copies").listFiles();
    assertThat(left == null ? 0 : left.length, is(0));
  }

  private void expectStoryVerdicts(
      PTransform<PCollection<ScoredArticle>, PCollectionTuple> resolve) {
    List<ScoredArticle> input = input();
    PCollectionTuple out =
        p.apply(Create.of(input).withCoder(ScoredArticleCoder.of())).apply(resolve);

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

  /**
   * Both ways of deciding agree with the plain decision on a shuffled corpus with every kind of
   * duplicate: the same id, URL or text in one outlet (and across outlets, where they are not
   * duplicates), near-duplicates within an outlet, copies across outlets, chains of copies, and
   * articles too short to compare.
   */
  @Test
  public void groupedAndOneStepDecisionsAgreeWithThePlainDecision() throws Exception {
    List<ScoredArticle> corpus = corpusWithDuplicates(new Random(7), 400);
    DuplicateDecision.Verdicts plain = DuplicateDecision.decide(corpus);
    assertThat(plain.unique().size() + plain.duplicates().size(), is(corpus.size()));
    assertThat(plain.counters().get("duplicates_by_id") > 0, is(true));
    assertThat(plain.counters().get("duplicates_by_url") > 0, is(true));
    assertThat(plain.counters().get("duplicates_by_text") > 0, is(true));
    assertThat(plain.nearDuplicates().size() > 0, is(true));
    assertThat(plain.unique().stream().anyMatch(ScoredArticle::isSyndicated), is(true));

    List<ScoredArticle> shuffled = new ArrayList<>(corpus);
    Collections.shuffle(shuffled, new Random(8));
    PCollection<ScoredArticle> in =
        p.apply(Create.of(shuffled).withCoder(ScoredArticleCoder.of()));
    PCollectionTuple grouped = in.apply("Grouped", ResolveDuplicates.onLightCopies());
    PCollectionTuple oneStep =
        in.apply("OneStep", ResolveDuplicates.inOneStep(tmp.newFolder("s").getPath()));
    for (PCollectionTuple out : List.of(grouped, oneStep)) {
      String n = out == grouped ? "G" : "O";
      PAssert.that(describeAll(n + "U", out.get(MarkDuplicates.UNIQUE)))
          .containsInAnyOrder(describe(plain.unique()));
      PAssert.that(describeAll(n + "D", out.get(MarkDuplicates.DUPLICATES)))
          .containsInAnyOrder(describe(plain.duplicates()));
      PAssert.that(describeAll(n + "N", out.get(ClusterSimilarArticles.NEAR_DUPLICATES)))
          .containsInAnyOrder(describe(plain.nearDuplicates()));
    }
    p.run().waitUntilFinish();
  }

  /** Articles from a few base texts, trimmed and edited, with exact copies mixed in. */
  static List<ScoredArticle> corpusWithDuplicates(Random rnd, int n) {
    List<String> bases = ClusterSimilarArticlesTest.baseTexts(rnd, 25);
    String[] outlets = {"herald", "courier", "post", "times", "wire"};
    List<ScoredArticle> articles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String outlet = outlets[rnd.nextInt(outlets.length)];
      String id = "a" + i;
      String url = "https://" + outlet + "/" + id;
      String hash = "h-" + id;
      String text = bases.get(rnd.nextInt(bases.size()));
      int kind = rnd.nextInt(10);
      if (kind < 3 && !articles.isEmpty()) {
        // an exact copy of an earlier article: same id, URL or text; sometimes in another outlet
        ScoredArticle earlier = articles.get(rnd.nextInt(articles.size()));
        if (rnd.nextInt(4) > 0) {
          outlet = earlier.article().outlet();
        }
        switch (kind) {
          case 0 -> id = earlier.article().id();
          case 1 -> url = earlier.article().url();
          default -> hash = earlier.textHash();
        }
      } else if (kind == 3) {
        text = "Subscribe to read.";
      }
      int cut = rnd.nextInt(3);
      for (int c = 0; c < cut && text.contains("\n\n"); c++) {
        text = text.substring(0, text.lastIndexOf("\n\n"));
      }
      if (rnd.nextInt(4) == 0) {
        text = text.replaceFirst("budget", "deficit");
      }
      String date = rnd.nextInt(10) == 0 ? "" : "2024-12-0" + (1 + rnd.nextInt(9));
      articles.add(
          scored(article(id, outlet, url, date, "f" + rnd.nextInt(2), 100 + i), hash, 1, 0.5)
              .withMinHash(MinHash.signature(text)));
    }
    return articles;
  }

  private static List<String> describe(List<ScoredArticle> articles) {
    List<String> out = new ArrayList<>();
    articles.forEach(a -> out.add(ClusterSimilarArticlesTest.describe(a)));
    return out;
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
