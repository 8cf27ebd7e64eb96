package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsstance.aggregate.ClusterRules.Member;
import org.newsstance.aggregate.ClusterRules.Pair;
import org.newsstance.aggregate.ClusterRules.Placement;
import org.newsstance.model.Fixtures;
import org.newsstance.model.ScoredArticle;
import org.newsstance.nlp.MinHash;
import org.newsstance.nlp.SampleStories;

class ClusterRulesTest {
  static String node(String id, String outlet, String date, long line) {
    return ClusterRules.node(
        Fixtures.scored(Fixtures.article(id, outlet, "https://" + outlet + "/" + id, date, "f1", line), "h" + id, 0, 0));
  }

  @Test
  void nodesSortInInputOrder() {
    assertThat(node("z", "b", "2024-01-01", 9).compareTo(node("a", "a", "2023-01-01", 10)) < 0, is(true));
    assertThat(ClusterRules.outletOf(node("x", "herald", "", 1)), is("herald"));
    assertThat(ClusterRules.idOf(node("x", "herald", "", 1)), is("x"));
  }

  @Test
  void aBandReportsAPairOnlyIfNoLowerBandShares_itAndEarlierComesFirst() {
    int[] a = MinHash.signature(SampleStories.STORY);
    int[] b = MinHash.signature(SampleStories.trimmed());
    String na = node("a", "o", "", 1);
    String nb = node("b", "o", "", 2);
    List<Pair> reported = new ArrayList<>();
    String[] ka = MinHash.bandKeys(a);
    String[] kb = MinHash.bandKeys(b);
    for (int band = 0; band < MinHash.BANDS; band++) {
      if (ka[band].equals(kb[band])) {
        // members in reverse order: the rule sorts them
        reported.addAll(ClusterRules.pairsInBand(band, List.of(new Member(nb, b), new Member(na, a))));
      }
    }
    assertThat(reported, is(List.of(new Pair(na, nb))));
  }

  @Test
  void aChainPointsToItsFirstArticle() {
    String a = node("a", "o", "2024-01-01", 1);
    String b = node("b", "o", "2024-01-01", 2);
    String c = node("c", "o", "2024-01-01", 3);
    Map<String, Placement> p = ClusterRules.resolve(List.of(a, b, c), List.of(new Pair(a, b), new Pair(b, c)));
    assertThat(p.get(a).nearDuplicateOf(), is(""));
    assertThat(p.get(b).nearDuplicateOf(), is("a"));
    assertThat(p.get(c).nearDuplicateOf(), is("a")); // via b, which is itself a duplicate
    assertThat(p.get(c).clusterId(), is(p.get(a).clusterId()));
  }

  @Test
  void anArticleSimilarOnlyToLaterOnesIsKept() {
    // a ~ c and b ~ c, a and b not similar: c is a duplicate of a, b has no earlier neighbour.
    String a = node("a", "o", "", 1);
    String b = node("b", "o", "", 2);
    String c = node("c", "o", "", 3);
    Map<String, Placement> p = ClusterRules.resolve(List.of(a, b, c), List.of(new Pair(a, c), new Pair(b, c)));
    assertThat(p.get(b).nearDuplicateOf(), is(""));
    assertThat(p.get(c).nearDuplicateOf(), is("a"));
    assertThat("two links away, still one cluster", p.get(b).clusterId(), is(p.get(a).clusterId()));
  }

  @Test
  void syndicatedCopiesAreKeptAndTheEarliestPublishedRepresentsTheCluster() {
    String herald = node("h", "herald", "2024-12-03", 1);
    String courier = node("c", "courier", "2024-12-02", 2); // later in input, published earlier
    String lone = node("l", "courier", "2024-12-02", 3);
    Map<String, Placement> p =
        ClusterRules.resolve(List.of(herald, courier, lone), List.of(new Pair(herald, courier)));
    assertThat(p.get(herald).nearDuplicateOf(), is(""));
    assertThat(p.get(courier).nearDuplicateOf(), is(""));
    assertThat(p.get(courier).syndication(), is(ScoredArticle.SYNDICATED_FIRST));
    assertThat(p.get(herald).syndication(), is(ScoredArticle.SYNDICATED_COPY));
    assertThat("cluster id from the earliest in input order", p.get(courier).clusterId(), is(ClusterRules.clusterId(herald)));
    assertThat(p.get(lone).syndication(), is(ScoredArticle.NOT_SYNDICATED));
    assertThat(p.get(lone).clusterId(), is(not(p.get(herald).clusterId())));
    assertThat(p.get(lone).clusterId(), matchesPattern("cl-[0-9a-f]{12}"));
  }

  @Test
  void undatedCopiesNeverRepresentADatedCluster() {
    String undated = node("u", "herald", "", 1);
    String dated = node("d", "courier", "2024-12-09", 2);
    Map<String, Placement> p = ClusterRules.resolve(List.of(undated, dated), List.of(new Pair(undated, dated)));
    assertThat(p.get(dated).syndication(), is(ScoredArticle.SYNDICATED_FIRST));
  }

  @Test
  void aNearDuplicateNeverRepresentsItsCluster() {
    String h1 = node("h1", "herald", "2024-12-05", 1);
    String h2 = node("h2", "herald", "2024-12-01", 2); // near-duplicate of h1, published earlier
    String c = node("c", "courier", "2024-12-04", 3);
    Map<String, Placement> p =
        ClusterRules.resolve(List.of(h1, h2, c), List.of(new Pair(h1, h2), new Pair(h1, c), new Pair(h2, c)));
    assertThat(p.get(h2).nearDuplicateOf(), is("h1"));
    assertThat(p.get(c).syndication(), is(ScoredArticle.SYNDICATED_FIRST));
  }

  @Test
  void placementsSurviveEncoding() {
    Placement p = new Placement("cl-0123456789ab", ScoredArticle.SYNDICATED_COPY, "x,1");
    assertThat(Placement.decode(p.encode()), is(p));
    Placement q = new Placement("cl-0123456789ab", "", "");
    assertThat(Placement.decode(q.encode()), is(q));
  }
}
