package org.newsstance.aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.newsstance.model.ScoredArticle;
import org.newsstance.nlp.MinHash;

/**
 * The near-duplicate and syndication rules in plain Java (see {@code docs/DUPLICATES.md}). The
 * Beam transforms ({@link ClusterSimilarArticles}) apply them in parallel; {@link #resolve} applies
 * them to a whole in-memory graph, as the reference the transforms are tested against.
 *
 * <p>Articles are graph <em>nodes</em>, written as one string: input order key, outlet, id and
 * publication date joined by {@code \u0001}. Comparing two nodes as strings compares their input
 * order (file as listed, then position), so "the smallest node" is "the earliest article".
 */
public final class ClusterRules {
  /** Rounds of pointer jumping: a near-duplicate chain of up to 2^3 = 8 links is resolved. */
  public static final int JUMP_ROUNDS = 3;

  /** Rounds of minimum-label propagation: a cluster label is the earliest article within 3 links. */
  public static final int LABEL_ROUNDS = 3;

  /**
   * In a band group larger than this, a member is compared with the first this-many members only
   * (in input order): the group still finds every member's earliest similar article among them,
   * and the work stays linear in the group size.
   */
  public static final int MAX_COMPARED_PER_BAND = 200;

  private static final char SEP = '\u0001';
  private static final HexFormat HEX = HexFormat.of();

  private ClusterRules() {}

  /** Two similar articles; {@code earlier} comes first in input order. */
  public record Pair(String earlier, String later) {}

  /** A band group member: its node and signature. */
  public record Member(String node, int[] signature) {}

  /** Where an article ended up: its cluster, syndication role and near-duplicate target. */
  public record Placement(String clusterId, String syndication, String nearDuplicateOf) {
    /** As one string, to travel as a {@code KV<String, String>} value. */
    public String encode() {
      return clusterId + SEP + syndication + SEP + nearDuplicateOf;
    }

    public static Placement decode(String s) {
      String[] p = s.split("\u0001", -1);
      return new Placement(p[0], p[1], p[2]);
    }

    /** The placement of an article that is similar to no other. */
    public static Placement singleton(String node) {
      return new Placement(ClusterRules.clusterId(node), ScoredArticle.NOT_SYNDICATED, "");
    }
  }

  public static String node(ScoredArticle s) {
    var a = s.article();
    return a.orderKey() + SEP + a.outlet() + SEP + a.id() + SEP + a.publishedDate();
  }

  private static String[] parts(String node) {
    return node.split("\u0001", -1); // String.split on one char takes a fast path, no regex
  }

  public static String outletOf(String node) {
    return parts(node)[1];
  }

  public static String idOf(String node) {
    return parts(node)[2];
  }

  /**
   * Sort key of a cluster member when choosing the copy that represents the cluster: the earliest
   * publication date (UTC day; undated last), then input order.
   */
  public static String representativeKey(String node) {
    String date = parts(node)[3];
    return (date.isEmpty() ? "~" : date) + SEP + node;
  }

  public static String nodeOfRepresentativeKey(String key) {
    return key.substring(key.indexOf(SEP) + 1);
  }

  /**
   * The public cluster id of the cluster whose label (earliest article) is {@code labelNode}:
   * {@code cl-} and 12 hex digits of SHA-256 over its outlet and article id.
   */
  public static String clusterId(String labelNode) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] d =
          sha.digest((outletOf(labelNode) + "\n" + idOf(labelNode)).getBytes(StandardCharsets.UTF_8));
      return "cl-" + HEX.formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Similar pairs in one band group. Members are taken in input order; each is compared with the
   * earlier ones (at most {@link #MAX_COMPARED_PER_BAND}); a pair is reported only by the lowest
   * band it shares, so every pair is reported once over all bands.
   */
  public static List<Pair> pairsInBand(int band, List<Member> members) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::node));
    List<Pair> pairs = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      Member later = sorted.get(i);
      int limit = Math.min(i, MAX_COMPARED_PER_BAND);
      for (int j = 0; j < limit; j++) {
        Member earlier = sorted.get(j);
        if (!MinHash.shareEarlierBand(earlier.signature(), later.signature(), band)
            && MinHash.nearDuplicates(earlier.signature(), later.signature())) {
          pairs.add(new Pair(earlier.node(), later.node()));
        }
      }
    }
    return pairs;
  }

  public static boolean sameOutlet(Pair p) {
    return outletOf(p.earlier()).equals(outletOf(p.later()));
  }

  /**
   * The reference implementation of every rule on a whole graph held in memory: the same rounds
   * as the transforms, in the same order. Nodes without a pair are singletons.
   *
   * @return a placement for every node in {@code nodes}
   */
  public static Map<String, Placement> resolve(List<String> nodes, List<Pair> pairs) {
    // Near-duplicates: the earliest earlier neighbour in the same outlet, then pointer jumping.
    Map<String, String> parent = new HashMap<>();
    for (Pair p : pairs) {
      if (sameOutlet(p)) {
        parent.merge(p.later(), p.earlier(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
      }
    }
    for (int r = 0; r < JUMP_ROUNDS; r++) {
      Map<String, String> next = new HashMap<>();
      parent.forEach((c, p) -> next.put(c, parent.getOrDefault(p, p)));
      parent.clear();
      parent.putAll(next);
    }
    // Clusters: minimum label over the closed neighbourhood, LABEL_ROUNDS times.
    Map<String, TreeSet<String>> adjacent = new TreeMap<>();
    for (Pair p : pairs) {
      adjacent.computeIfAbsent(p.earlier(), k -> new TreeSet<>()).add(p.later());
      adjacent.computeIfAbsent(p.later(), k -> new TreeSet<>()).add(p.earlier());
    }
    Map<String, String> label = new HashMap<>();
    adjacent.keySet().forEach(n -> label.put(n, n));
    for (int r = 0; r < LABEL_ROUNDS; r++) {
      Map<String, String> next = new HashMap<>(label);
      adjacent.forEach(
          (n, nbrs) -> {
            for (String m : nbrs) {
              if (label.get(m).compareTo(next.get(n)) < 0) {
                next.put(n, label.get(m));
              }
            }
          });
      label.clear();
      label.putAll(next);
    }
    Map<String, TreeSet<String>> outlets = new HashMap<>();
    Map<String, String> representative = new HashMap<>();
    label.forEach(
        (n, l) -> {
          outlets.computeIfAbsent(l, k -> new TreeSet<>()).add(outletOf(n));
          if (!parent.containsKey(n)) {
            representative.merge(l, representativeKey(n), (x, y) -> x.compareTo(y) <= 0 ? x : y);
          }
        });
    Map<String, Placement> out = new TreeMap<>();
    for (String n : nodes) {
      String l = label.getOrDefault(n, n);
      String role =
          outlets.getOrDefault(l, new TreeSet<>()).size() < 2
              ? ScoredArticle.NOT_SYNDICATED
              : syndicationRole(n, representative.get(l));
      String target = parent.containsKey(n) ? idOf(parent.get(n)) : "";
      out.put(n, new Placement(clusterId(l), role, target));
    }
    return out;
  }

  /** The role of a member of a multi-outlet cluster whose representative key is given. */
  public static String syndicationRole(String node, String representativeKey) {
    return representativeKey != null && nodeOfRepresentativeKey(representativeKey).equals(node)
        ? ScoredArticle.SYNDICATED_FIRST
        : ScoredArticle.SYNDICATED_COPY;
  }
}
