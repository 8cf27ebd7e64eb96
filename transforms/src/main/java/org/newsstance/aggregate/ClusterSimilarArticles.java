package org.newsstance.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

/**
 * Marks near-duplicates within each outlet and clusters similar articles across outlets
 * (syndicated wire copy), after the exact rules of {@link MarkDuplicates}. The rules are those of
 * {@link ClusterRules} and {@code docs/DUPLICATES.md}:
 *
 * <ul>
 *   <li>An article with an earlier similar article in the same outlet is a near-duplicate: it goes
 *       to {@link MarkDuplicates#DUPLICATES} with {@code duplicate_of} naming the earliest such
 *       article, followed through up to {@link ClusterRules#JUMP_ROUNDS} rounds of pointer jumping
 *       to one that is not itself a duplicate.
 *   <li>Every article gets a cluster id: the cluster's label is the earliest article within
 *       {@link ClusterRules#LABEL_ROUNDS} similarity links. A cluster spanning several outlets is
 *       syndicated; its earliest-published unique member is its representative ({@link
 *       ScoredArticle#SYNDICATED_FIRST}), the others are copies.
 *   <li>An exact duplicate takes its original's cluster and role; if the original turned out to
 *       be a near-duplicate, {@code duplicate_of} is moved on to the original's original.
 * </ul>
 *
 * <p>Every grouping key is a band, an article or a cluster, so groups stay small, and every grouping
 * runs in {@link GroupIntoBuckets} so that the DirectRunner pays per bucket, not per key; every choice is
 * a minimum over strings that encode input order, so the result does not depend on the runner.
 * Input: a tuple of {@link MarkDuplicates#UNIQUE} and {@link MarkDuplicates#DUPLICATES}; output: the
 * same two, plus {@link #NEAR_DUPLICATES}.
 */
public final class ClusterSimilarArticles extends PTransform<PCollectionTuple, PCollectionTuple> {
  private static final KvCoder<String, String> PAIR =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  private static final KvCoder<String, ScoredArticle> KEYED_ARTICLE =
      KvCoder.of(StringUtf8Coder.of(), ScoredArticleCoder.of());

  private ClusterSimilarArticles() {}

  public static ClusterSimilarArticles acrossOutlets() {
    return new ClusterSimilarArticles();
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    PCollection<ScoredArticle> unique = in.get(MarkDuplicates.UNIQUE);
    PCollection<KV<String, String>> pairs =
        unique.apply("FindSimilarArticles", FindSimilarArticles.create());
    PCollection<KV<String, String>> targets =
        pairs.apply("ResolveNearDuplicates", new ResolveNearDuplicates());
    PCollection<KV<String, String>> labels = pairs.apply("LabelClusters", new LabelClusters());
    PCollection<KV<String, String>> placements =
        PCollectionTuple.of(LABELS, labels)
            .and(TARGETS, targets)
            .apply("PlaceInClusters", new PlaceInClusters());

    TupleTag<ScoredArticle> articleTag = new TupleTag<>() {};
    TupleTag<String> placementTag = new TupleTag<>() {};
    PCollection<KV<String, ScoredArticle>> byNode =
        unique
            .apply("KeyByNode", ParDo.of(new KeyByNodeFn()))
            .setCoder(KEYED_ARTICLE);
    PCollectionTuple placed =
        KeyedPCollectionTuple.of(articleTag, byNode)
            .and(placementTag, placements)
            .apply("JoinPlacements", CoGroupInBuckets.create())
            .apply(
                "ApplyPlacements",
                ParDo.of(new ApplyPlacementFn(articleTag, placementTag))
                    .withOutputTags(MarkDuplicates.UNIQUE, TupleTagList.of(NEAR_DUPLICATES)));
    PCollection<ScoredArticle> kept = placed.get(MarkDuplicates.UNIQUE).setCoder(ScoredArticleCoder.of());
    PCollection<ScoredArticle> near = placed.get(NEAR_DUPLICATES).setCoder(ScoredArticleCoder.of());

    PCollection<ScoredArticle> exact =
        PCollectionTuple.of(MarkDuplicates.UNIQUE, kept)
            .and(NEAR_DUPLICATES, near)
            .and(MarkDuplicates.DUPLICATES, in.get(MarkDuplicates.DUPLICATES))
            .apply("FollowExactDuplicates", new FollowExactDuplicates());
    PCollection<ScoredArticle> duplicates =
        PCollectionList.of(near).and(exact).apply("AllDuplicates", Flatten.pCollections());
    return PCollectionTuple.of(MarkDuplicates.UNIQUE, kept)
        .and(MarkDuplicates.DUPLICATES, duplicates)
        .and(NEAR_DUPLICATES, near);
  }

  /** In the output: the near-duplicates, also part of {@link MarkDuplicates#DUPLICATES}. */
  public static final TupleTag<ScoredArticle> NEAR_DUPLICATES = new TupleTag<>() {};
  static final TupleTag<KV<String, String>> LABELS = new TupleTag<>() {};
  static final TupleTag<KV<String, String>> TARGETS = new TupleTag<>() {};

  /**
   * {@code KV(node, target)} for every near-duplicate: the earliest earlier similar article of
   * the same outlet, then pointer jumping ({@code target = target's target}) for {@link
   * ClusterRules#JUMP_ROUNDS} rounds.
   */
  static final class ResolveNearDuplicates
      extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
    @Override
    public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> pairs) {
      PCollection<KV<String, String>> parent =
          pairs
              .apply(
                  "SameOutlet",
                  Filter.by(
                      (KV<String, String> p) ->
                          ClusterRules.sameOutlet(new ClusterRules.Pair(p.getKey(), p.getValue()))))
              .apply("LaterToEarlier", ParDo.of(new SwapFn()))
              .setCoder(PAIR)
              .apply("EarliestEarlier", GroupIntoBuckets.smallestPerKey());
      for (int r = 1; r <= ClusterRules.JUMP_ROUNDS; r++) {
        parent = parent.apply("Jump" + r, new JumpOnce());
      }
      return parent;
    }
  }

  /** One round of pointer jumping over {@code KV(child, parent)}. */
  static final class JumpOnce
      extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
    @Override
    public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> parent) {
      TupleTag<String> own = new TupleTag<>() {};
      TupleTag<String> children = new TupleTag<>() {};
      PCollection<KV<String, String>> byParent =
          parent.apply("ByParent", ParDo.of(new SwapFn())).setCoder(PAIR);
      return KeyedPCollectionTuple.of(own, parent)
          .and(children, byParent)
          .apply("JoinParents", CoGroupInBuckets.create())
          .apply("ParentOfParent", ParDo.of(new ParentOfParentFn(own, children)))
          .setCoder(PAIR);
    }
  }

  static final class ParentOfParentFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final TupleTag<String> own;
    private final TupleTag<String> children;

    ParentOfParentFn(TupleTag<String> own, TupleTag<String> children) {
      this.own = own;
      this.children = children;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> group, OutputReceiver<KV<String, String>> out) {
      String parentOfThis = group.getValue().getOnly(own, group.getKey());
      for (String child : group.getValue().getAll(children)) {
        out.output(KV.of(child, parentOfThis));
      }
    }
  }

  /**
   * {@code KV(node, label)} for every article in a similar pair: the smallest node within {@link
   * ClusterRules#LABEL_ROUNDS} links.
   */
  static final class LabelClusters
      extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
    @Override
    public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> pairs) {
      PCollection<KV<String, String>> label =
          pairs
              .apply("OwnOrEarlier", ParDo.of(new FirstRoundFn()))
              .setCoder(PAIR)
              .apply("Label1", GroupIntoBuckets.smallestPerKey());
      PCollection<KV<String, String>> adjacent =
          pairs.apply("BothDirections", ParDo.of(new BothDirectionsFn())).setCoder(PAIR);
      for (int r = 2; r <= ClusterRules.LABEL_ROUNDS; r++) {
        TupleTag<String> own = new TupleTag<>() {};
        TupleTag<String> neighbours = new TupleTag<>() {};
        label =
            KeyedPCollectionTuple.of(own, label)
                .and(neighbours, adjacent)
                .apply("JoinNeighbours" + r, CoGroupInBuckets.create())
                .apply("SendLabel" + r, ParDo.of(new SendLabelFn(own, neighbours)))
                .setCoder(PAIR)
                .apply("Label" + r, GroupIntoBuckets.smallestPerKey());
      }
      return label;
    }
  }

  static final class SwapFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> kv, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(kv.getValue(), kv.getKey()));
    }
  }

  static final class FirstRoundFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> p, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(p.getKey(), p.getKey()));
      out.output(KV.of(p.getValue(), p.getKey()));
    }
  }

  static final class BothDirectionsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> p, OutputReceiver<KV<String, String>> out) {
      out.output(p);
      out.output(KV.of(p.getValue(), p.getKey()));
    }
  }

  static final class SendLabelFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final TupleTag<String> own;
    private final TupleTag<String> neighbours;

    SendLabelFn(TupleTag<String> own, TupleTag<String> neighbours) {
      this.own = own;
      this.neighbours = neighbours;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> group, OutputReceiver<KV<String, String>> out) {
      String label = group.getValue().getOnly(own, group.getKey());
      out.output(KV.of(group.getKey(), label));
      for (String n : group.getValue().getAll(neighbours)) {
        out.output(KV.of(n, label));
      }
    }
  }

  /**
   * {@code KV(node, encoded Placement)} for every article in a similar pair, from its label and
   * near-duplicate target; one group per cluster.
   */
  static final class PlaceInClusters
      extends PTransform<PCollectionTuple, PCollection<KV<String, String>>> {
    @Override
    public PCollection<KV<String, String>> expand(PCollectionTuple in) {
      TupleTag<String> label = new TupleTag<>() {};
      TupleTag<String> target = new TupleTag<>() {};
      return KeyedPCollectionTuple.of(label, in.get(LABELS))
          .and(target, in.get(TARGETS))
          .apply("JoinLabelAndTarget", CoGroupInBuckets.create())
          .apply("ByCluster", ParDo.of(new ByClusterFn(label, target)))
          .setCoder(PAIR)
          .apply("GroupClusters", GroupIntoBuckets.<String>create())
          .apply("PlaceMembers", ParDo.of(new PlaceMembersFn()))
          .setCoder(PAIR);
    }
  }

  /** Separates a node from its near-duplicate target inside one value. */
  private static final char TARGET_SEP = '\u0002';

  static final class ByClusterFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final TupleTag<String> label;
    private final TupleTag<String> target;

    ByClusterFn(TupleTag<String> label, TupleTag<String> target) {
      this.label = label;
      this.target = target;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> group, OutputReceiver<KV<String, String>> out) {
      String node = group.getKey();
      String l = group.getValue().getOnly(label, node);
      String t = group.getValue().getOnly(target, "");
      out.output(KV.of(l, node + TARGET_SEP + t));
    }
  }

  static final class PlaceMembersFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final Counter syndicatedClusters =
        Metrics.counter(ClusterSimilarArticles.class, "syndicated_clusters");

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> cluster, OutputReceiver<KV<String, String>> out) {
      List<String[]> members = new ArrayList<>();
      TreeSet<String> outlets = new TreeSet<>();
      String representative = null;
      for (String m : cluster.getValue()) {
        int sep = m.indexOf(TARGET_SEP);
        String node = m.substring(0, sep);
        String target = m.substring(sep + 1);
        members.add(new String[] {node, target});
        outlets.add(ClusterRules.outletOf(node));
        if (target.isEmpty()) {
          String key = ClusterRules.representativeKey(node);
          if (representative == null || key.compareTo(representative) < 0) {
            representative = key;
          }
        }
      }
      boolean syndicated = outlets.size() > 1;
      if (syndicated) {
        syndicatedClusters.inc();
      }
      String clusterId = ClusterRules.clusterId(cluster.getKey());
      for (String[] m : members) {
        String role =
            syndicated
                ? ClusterRules.syndicationRole(m[0], representative)
                : ScoredArticle.NOT_SYNDICATED;
        String targetId = m[1].isEmpty() ? "" : ClusterRules.idOf(m[1]);
        out.output(KV.of(m[0], new ClusterRules.Placement(clusterId, role, targetId).encode()));
      }
    }
  }

  static final class KeyByNodeFn extends DoFn<ScoredArticle, KV<String, ScoredArticle>> {
    @ProcessElement
    public void process(@Element ScoredArticle a, OutputReceiver<KV<String, ScoredArticle>> out) {
      out.output(KV.of(ClusterRules.node(a), a));
    }
  }

  static final class ApplyPlacementFn extends DoFn<KV<String, CoGbkResult>, ScoredArticle> {
    private final TupleTag<ScoredArticle> articleTag;
    private final TupleTag<String> placementTag;
    private final Counter nearDuplicates =
        Metrics.counter(ClusterSimilarArticles.class, "near_duplicates");

    ApplyPlacementFn(TupleTag<ScoredArticle> articleTag, TupleTag<String> placementTag) {
      this.articleTag = articleTag;
      this.placementTag = placementTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      String encoded = group.getValue().getOnly(placementTag, null);
      ClusterRules.Placement p =
          encoded == null
              ? ClusterRules.Placement.singleton(group.getKey())
              : ClusterRules.Placement.decode(encoded);
      for (ScoredArticle a : group.getValue().getAll(articleTag)) {
        if (p.nearDuplicateOf().isEmpty()) {
          out.get(MarkDuplicates.UNIQUE).output(place(a, p));
        } else {
          nearDuplicates.inc();
          out.get(NEAR_DUPLICATES).output(place(a, p));
        }
      }
    }
  }

  /**
   * An article that survived the exact rules, in its cluster with its role; a near-duplicate also
   * gets {@code duplicate_of} (its target).
   */
  static ScoredArticle place(ScoredArticle a, ClusterRules.Placement p) {
    ScoredArticle placed = a.inCluster(p.clusterId(), p.syndication());
    return p.nearDuplicateOf().isEmpty() ? placed : placed.asDuplicateOf(p.nearDuplicateOf());
  }

  /** What an exact duplicate takes from its original (placed by {@link #place}). */
  static ClusterRules.Placement placementOfOriginal(ScoredArticle original) {
    return new ClusterRules.Placement(
        original.clusterId(), original.syndication(), original.duplicateOf());
  }

  /**
   * An exact duplicate in its original's cluster: a syndicated copy if the original is
   * syndicated, and moved on to the original's original if that is a near-duplicate. Without an
   * original ({@code null}) it becomes its own cluster.
   */
  static ScoredArticle followOriginal(ScoredArticle d, ClusterRules.Placement original) {
    if (original == null) {
      return d.inCluster(ClusterRules.clusterId(ClusterRules.node(d)), "");
    }
    String role =
        original.syndication().isEmpty()
            ? ScoredArticle.NOT_SYNDICATED
            : ScoredArticle.SYNDICATED_COPY;
    ScoredArticle placed = d.inCluster(original.clusterId(), role);
    return original.nearDuplicateOf().isEmpty()
        ? placed
        : placed.asDuplicateOf(original.nearDuplicateOf());
  }

  /**
   * Gives each exact duplicate its original's cluster and role, joined on outlet and id (unique
   * within an outlet once the exact rules have run); a duplicate of a near-duplicate is moved on to
   * the near-duplicate's original.
   */
  static final class FollowExactDuplicates
      extends PTransform<PCollectionTuple, PCollection<ScoredArticle>> {
    @Override
    public PCollection<ScoredArticle> expand(PCollectionTuple in) {
      TupleTag<String> original = new TupleTag<>() {};
      TupleTag<ScoredArticle> copies = new TupleTag<>() {};
      PCollection<KV<String, String>> originals =
          PCollectionList.of(in.get(MarkDuplicates.UNIQUE))
              .and(in.get(NEAR_DUPLICATES))
              .apply("Originals", Flatten.pCollections())
              .apply("OriginalPlacements", ParDo.of(new OriginalPlacementFn()))
              .setCoder(PAIR);
      PCollection<KV<String, ScoredArticle>> duplicates =
          in.get(MarkDuplicates.DUPLICATES)
              .apply("KeyByOriginal", ParDo.of(new KeyByOriginalFn()))
              .setCoder(KEYED_ARTICLE);
      return KeyedPCollectionTuple.of(original, originals)
          .and(copies, duplicates)
          .apply("JoinOriginals", CoGroupInBuckets.create())
          .apply("TakeOriginalCluster", ParDo.of(new TakeOriginalClusterFn(original, copies)))
          .setCoder(ScoredArticleCoder.of());
    }
  }

  static String outletAndId(String outlet, String id) {
    return outlet + '\u0000' + id;
  }

  static final class OriginalPlacementFn extends DoFn<ScoredArticle, KV<String, String>> {
    @ProcessElement
    public void process(@Element ScoredArticle a, OutputReceiver<KV<String, String>> out) {
      out.output(
          KV.of(
              outletAndId(a.article().outlet(), a.article().id()),
              placementOfOriginal(a).encode()));
    }
  }

  static final class KeyByOriginalFn extends DoFn<ScoredArticle, KV<String, ScoredArticle>> {
    @ProcessElement
    public void process(@Element ScoredArticle a, OutputReceiver<KV<String, ScoredArticle>> out) {
      out.output(KV.of(outletAndId(a.article().outlet(), a.duplicateOf()), a));
    }
  }

  static final class TakeOriginalClusterFn extends DoFn<KV<String, CoGbkResult>, ScoredArticle> {
    private final TupleTag<String> original;
    private final TupleTag<ScoredArticle> copies;
    private final Counter orphans = Metrics.counter(ClusterSimilarArticles.class, "orphan_duplicates");

    TakeOriginalClusterFn(TupleTag<String> original, TupleTag<ScoredArticle> copies) {
      this.original = original;
      this.copies = copies;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, OutputReceiver<ScoredArticle> out) {
      String encoded = group.getValue().getOnly(original, null);
      ClusterRules.Placement p = encoded == null ? null : ClusterRules.Placement.decode(encoded);
      for (ScoredArticle d : group.getValue().getAll(copies)) {
        if (p == null) {
          // Cannot happen after MarkDuplicates; kept visible rather than silently re-clustered.
          orphans.inc();
        }
        out.output(followOriginal(d, p));
      }
    }
  }
}
