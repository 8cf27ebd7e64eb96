package org.newsstance.aggregate;

import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;
import org.newsstance.nlp.MinHash;
import org.newsstance.nlp.SampleStories;

public class ClusterSimilarArticlesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static ScoredArticle withText(String id, String outlet, String date, long line, String text) {
    return scored(article(id, outlet, "https://" + outlet + "/" + id, date, "f1", line), "h-" + id, 1, 0.5)
        .withMinHash(MinHash.signature(text));
  }

  /** One line per article: id, outlet, duplicate_of, cluster id, syndication role. */
  static String describe(ScoredArticle s) {
    return s.article().id() + "|" + s.article().outlet() + "|" + s.duplicateOf() + "|"
        + s.clusterId() + "|" + s.syndication();
  }

  /** {@code n} random texts of 120 words from a small vocabulary, in paragraphs of 15 words. */
  static List<String> baseTexts(Random rnd, int n) {
    String[] words =
        ("alliance defence budget summit minister talks plan fund cost eastern flank air parliament"
                + " election tariff trade agreement vote spending border security treaty capital")
            .split(" ");
    List<String> bases = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 120; w++) {
        sb.append(words[rnd.nextInt(words.length)]).append(w % 15 == 14 ? ".\n\n" : " ");
      }
      bases.add(sb.toString());
    }
    return bases;
  }

  static List<ScoredArticle> story() {
    return List.of(
        withText("h1", "herald", "2024-12-03", 1, SampleStories.STORY),
        withText("h2", "herald", "2024-12-03", 2, SampleStories.trimmed()),
        withText("c1", "courier", "2024-12-02", 3, SampleStories.edited()),
        withText("h3", "herald", "2024-12-03", 4, SampleStories.SAME_TOPIC),
        withText("short", "herald", "2024-12-03", 5, "Subscribe to read."));
  }

  @Test
  public void marksNearDuplicatesWithinAnOutletAndClustersCopiesAcrossOutlets() {
    List<ScoredArticle> unique = story();
    // h2 repeated by URL later on: an exact duplicate of a near-duplicate moves on to h1
    ScoredArticle exact = withText("h9", "herald", "2024-12-04", 9, SampleStories.trimmed()).asDuplicateOf("h2");
    String cluster = ClusterRules.clusterId(ClusterRules.node(unique.get(0)));
    String h3 = ClusterRules.clusterId(ClusterRules.node(unique.get(3)));
    String shortId = ClusterRules.clusterId(ClusterRules.node(unique.get(4)));

    for (int round = 0; round < 3; round++) {
      List<ScoredArticle> shuffled = new ArrayList<>(unique);
      Collections.shuffle(shuffled, new Random(round));
      PCollectionTuple out = run("r" + round, shuffled, List.of(exact));
      PAssert.that(describeAll("U" + round, out.get(MarkDuplicates.UNIQUE)))
          .containsInAnyOrder(
              "h1|herald||" + cluster + "|copy",
              "c1|courier||" + cluster + "|first",
              "h3|herald||" + h3 + "|",
              "short|herald||" + shortId + "|");
      PAssert.that(describeAll("D" + round, out.get(MarkDuplicates.DUPLICATES)))
          .containsInAnyOrder(
              "h2|herald|h1|" + cluster + "|copy", "h9|herald|h1|" + cluster + "|copy");
      PAssert.that(describeAll("N" + round, out.get(ClusterSimilarArticles.NEAR_DUPLICATES)))
          .containsInAnyOrder("h2|herald|h1|" + cluster + "|copy");
    }
    p.run().waitUntilFinish();
  }

  @Test
  public void agreesWithTheInMemoryReferenceOnAShuffledCorpus() {
    Random rnd = new Random(42);
    List<String> bases = baseTexts(rnd, 6);
    String[] outlets = {"herald", "courier", "post", "times"};
    List<ScoredArticle> articles = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String text = bases.get(rnd.nextInt(bases.size()));
      int cut = rnd.nextInt(3); // drop 0-2 trailing paragraphs
      for (int c = 0; c < cut; c++) {
        text = text.substring(0, text.lastIndexOf("\n\n"));
      }
      if (rnd.nextInt(4) == 0) {
        text = text.replaceFirst("budget", "deficit");
      }
      String date = "2024-12-0" + (1 + rnd.nextInt(9));
      articles.add(withText("a" + i, outlets[rnd.nextInt(outlets.length)], date, 100 + i, text));
    }
    // The reference: every pair that shares a band and is similar, resolved in memory.
    List<String> nodes = new ArrayList<>();
    articles.forEach(a -> nodes.add(ClusterRules.node(a)));
    List<ClusterRules.Pair> pairs = new ArrayList<>();
    for (ScoredArticle a : articles) {
      for (ScoredArticle b : articles) {
        String na = ClusterRules.node(a);
        String nb = ClusterRules.node(b);
        if (na.compareTo(nb) < 0
            && MinHash.shareEarlierBand(a.minHash(), b.minHash(), MinHash.BANDS)
            && MinHash.nearDuplicates(a.minHash(), b.minHash())) {
          pairs.add(new ClusterRules.Pair(na, nb));
        }
      }
    }
    Map<String, ClusterRules.Placement> reference = ClusterRules.resolve(nodes, pairs);
    List<String> expected = new ArrayList<>();
    for (ScoredArticle a : articles) {
      ClusterRules.Placement pl = reference.get(ClusterRules.node(a));
      expected.add(
          a.article().id() + "|" + a.article().outlet() + "|" + pl.nearDuplicateOf() + "|"
              + pl.clusterId() + "|" + pl.syndication());
    }

    for (int round = 0; round < 2; round++) {
      List<ScoredArticle> shuffled = new ArrayList<>(articles);
      Collections.shuffle(shuffled, new Random(round));
      PCollectionTuple out = run("q" + round, shuffled, List.of());
      PCollection<ScoredArticle> all =
          PCollectionList.of(out.get(MarkDuplicates.UNIQUE))
              .and(out.get(MarkDuplicates.DUPLICATES))
              .apply("All" + round, Flatten.pCollections());
      PAssert.that(describeAll("A" + round, all)).containsInAnyOrder(expected);
    }
    p.run().waitUntilFinish();
  }

  private PCollectionTuple run(String name, List<ScoredArticle> unique, List<ScoredArticle> dups) {
    PCollection<ScoredArticle> u =
        p.apply(name + "Unique", Create.of(unique).withCoder(ScoredArticleCoder.of()));
    PCollection<ScoredArticle> d =
        dups.isEmpty()
            ? p.apply(name + "Dups", Create.empty(ScoredArticleCoder.of()))
            : p.apply(name + "Dups", Create.of(dups).withCoder(ScoredArticleCoder.of()));
    return PCollectionTuple.of(MarkDuplicates.UNIQUE, u)
        .and(MarkDuplicates.DUPLICATES, d)
        .apply(name + "Cluster", ClusterSimilarArticles.acrossOutlets());
  }

  private static PCollection<String> describeAll(String name, PCollection<ScoredArticle> in) {
    return in.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(ClusterSimilarArticlesTest::describe));
  }
}
