package org.newsstance.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.newsstance.model.ScoredArticle;
import org.newsstance.nlp.MinHash;

/**
 * The whole duplicate decision on articles held in memory: the exact rules of {@link
 * MarkDuplicates}, then the similarity rules of {@link ClusterSimilarArticles} through {@link
 * ClusterRules#resolve}. Same rules, same helpers and the same verdicts as the transforms (tested
 * on shuffled corpora); used by {@link ResolveDuplicates#inOneStep} where Beam groupings cost more
 * than the rules (the DirectRunner).
 *
 * <p>Memory: every light copy at once, about 2.5 kB per article at the peak with the decision's
 * own maps (measured at 100,000 articles: 1,621 bytes per light copy held, 2.2-2.4 kB as the
 * smallest heap that completes), so this is for corpora that fit one JVM's heap, not for an
 * archive of millions on a cluster.
 */
public final class DuplicateDecision {
  private DuplicateDecision() {}

  /**
   * The verdicts.
   *
   * @param unique articles kept, placed in their clusters
   * @param duplicates every duplicate (exact and near), with {@code duplicate_of}
   * @param nearDuplicates the near-duplicates among them
   * @param counters the counts the transforms report as metrics, by metric name
   */
  public record Verdicts(
      List<ScoredArticle> unique,
      List<ScoredArticle> duplicates,
      List<ScoredArticle> nearDuplicates,
      Map<String, Long> counters) {}

  /** Decides on light copies ({@link ResolveDuplicates}); their order does not matter. */
  public static Verdicts decide(List<ScoredArticle> articles) {
    Map<String, Long> counters = new TreeMap<>();
    List<ScoredArticle> survivors = new ArrayList<>(articles);
    List<ScoredArticle> exactDuplicates = new ArrayList<>();
    for (MarkDuplicates.Rule rule : MarkDuplicates.RULES) {
      survivors = keepEarliest(rule, survivors, exactDuplicates, counters);
    }

    List<String> nodes = new ArrayList<>(survivors.size());
    survivors.forEach(a -> nodes.add(ClusterRules.node(a)));
    Map<String, ClusterRules.Placement> placements =
        ClusterRules.resolve(nodes, similarPairs(survivors, nodes, counters));

    List<ScoredArticle> unique = new ArrayList<>();
    List<ScoredArticle> near = new ArrayList<>();
    Map<String, ClusterRules.Placement> originals = new HashMap<>();
    for (int i = 0; i < survivors.size(); i++) {
      ClusterRules.Placement p = placements.get(nodes.get(i));
      ScoredArticle placed = ClusterSimilarArticles.place(survivors.get(i), p);
      (p.nearDuplicateOf().isEmpty() ? unique : near).add(placed);
      originals.put(
          ClusterSimilarArticles.outletAndId(placed.article().outlet(), placed.article().id()),
          ClusterSimilarArticles.placementOfOriginal(placed));
    }
    counters.merge("near_duplicates", (long) near.size(), Long::sum);

    List<ScoredArticle> duplicates = new ArrayList<>(near);
    for (ScoredArticle d : exactDuplicates) {
      ClusterRules.Placement original =
          originals.get(ClusterSimilarArticles.outletAndId(d.article().outlet(), d.duplicateOf()));
      if (original == null) {
        counters.merge("orphan_duplicates", 1L, Long::sum);
      }
      duplicates.add(ClusterSimilarArticles.followOriginal(d, original));
    }
    return new Verdicts(unique, duplicates, near, counters);
  }

  /** One exact rule: the earliest of each group survives, the others are its duplicates. */
  private static List<ScoredArticle> keepEarliest(
      MarkDuplicates.Rule rule,
      List<ScoredArticle> articles,
      List<ScoredArticle> duplicates,
      Map<String, Long> counters) {
    List<ScoredArticle> survivors = new ArrayList<>();
    Map<String, List<ScoredArticle>> groups = new LinkedHashMap<>();
    for (ScoredArticle a : articles) {
      String group = rule.groupOf(a);
      if (group == null) {
        survivors.add(a);
      } else {
        groups.computeIfAbsent(group, k -> new ArrayList<>(1)).add(a);
      }
    }
    long found = 0;
    for (List<ScoredArticle> group : groups.values()) {
      List<ScoredArticle> sorted = group.size() == 1 ? group : MarkDuplicates.earliestFirst(group);
      ScoredArticle kept = sorted.get(0);
      survivors.add(kept);
      for (int i = 1; i < sorted.size(); i++) {
        duplicates.add(sorted.get(i).asDuplicateOf(kept.article().id()));
        found++;
      }
    }
    counters.merge("duplicates_by_" + rule.name(), found, Long::sum);
    return survivors;
  }

  /**
   * Every similar pair ({@code nodes}: the articles' nodes, in order), found as {@link
   * FindSimilarArticles} finds them (the members of each band group compared by {@link
   * ClusterRules#pairsInBand}), one band at a time so that only one band's groups are held.
   */
  private static List<ClusterRules.Pair> similarPairs(
      List<ScoredArticle> articles, List<String> nodes, Map<String, Long> counters) {
    List<ClusterRules.Member> signed = new ArrayList<>(articles.size());
    long unsigned = 0;
    for (int i = 0; i < articles.size(); i++) {
      ScoredArticle a = articles.get(i);
      if (!a.hasMinHash()) {
        unsigned++;
      } else if (a.minHash().length == MinHash.HASHES) { // as bandKeys: no bands otherwise
        signed.add(new ClusterRules.Member(nodes.get(i), a.minHash()));
      }
    }
    List<ClusterRules.Pair> pairs = new ArrayList<>();
    for (int band = 0; band < MinHash.BANDS; band++) {
      Map<Long, List<ClusterRules.Member>> groups = new HashMap<>();
      for (ClusterRules.Member m : signed) {
        groups.computeIfAbsent(MinHash.bandHash(m.signature(), band), k -> new ArrayList<>(1)).add(m);
      }
      for (List<ClusterRules.Member> group : groups.values()) {
        if (group.size() > 1) {
          pairs.addAll(ClusterRules.pairsInBand(band, group));
        }
      }
    }
    counters.merge("too_short_to_compare", unsigned, Long::sum);
    counters.merge("similar_pairs", (long) pairs.size(), Long::sum);
    return pairs;
  }
}
