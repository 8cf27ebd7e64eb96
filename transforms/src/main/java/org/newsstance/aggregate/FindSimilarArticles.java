package org.newsstance.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.newsstance.model.ScoredArticle;
import org.newsstance.nlp.MinHash;

/**
 * Finds pairs of similar articles (estimated Jaccard similarity of their texts at least {@link
 * MinHash#THRESHOLD}) with LSH banding: each article is emitted once per band under the band's
 * key, and only articles that share a band key are compared, so a group holds the few articles
 * whose bands collide, never a whole outlet. Output: {@code KV(earlier node, later node)} (see
 * {@link ClusterRules}), each similar pair exactly once, across all outlets.
 */
public final class FindSimilarArticles
    extends PTransform<PCollection<ScoredArticle>, PCollection<KV<String, String>>> {

  private FindSimilarArticles() {}

  public static FindSimilarArticles create() {
    return new FindSimilarArticles();
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<ScoredArticle> articles) {
    return articles
        .apply("KeyByBand", ParDo.of(new BandKeysFn()))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())))
        .apply("GroupByBand", GroupIntoBuckets.<KV<String, byte[]>>create())
        .apply("ComparePerBand", ParDo.of(new PairsInBandFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  static final class BandKeysFn extends DoFn<ScoredArticle, KV<String, KV<String, byte[]>>> {
    private final Counter unsigned = Metrics.counter(FindSimilarArticles.class, "too_short_to_compare");

    @ProcessElement
    public void process(
        @Element ScoredArticle a, OutputReceiver<KV<String, KV<String, byte[]>>> out) {
      if (!a.hasMinHash()) {
        unsigned.inc();
        return;
      }
      int[] sig = a.minHash();
      KV<String, byte[]> member = KV.of(ClusterRules.node(a), MinHash.toBytes(sig));
      for (String key : MinHash.bandKeys(sig)) {
        out.output(KV.of(key, member));
      }
    }
  }

  static final class PairsInBandFn
      extends DoFn<KV<String, Iterable<KV<String, byte[]>>>, KV<String, String>> {
    private final Distribution groupSize =
        Metrics.distribution(FindSimilarArticles.class, "band_group_size");
    private final Counter pairs = Metrics.counter(FindSimilarArticles.class, "similar_pairs");

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, byte[]>>> group,
        OutputReceiver<KV<String, String>> out) {
      List<ClusterRules.Member> members = new ArrayList<>();
      for (KV<String, byte[]> m : group.getValue()) {
        members.add(new ClusterRules.Member(m.getKey(), MinHash.fromBytes(m.getValue())));
      }
      groupSize.update(members.size());
      for (ClusterRules.Pair p : pairsInGroup(group.getKey(), members)) {
        pairs.inc();
        out.output(KV.of(p.earlier(), p.later()));
      }
    }
  }

  /** The similar pairs among the members of one band group ({@link MinHash#bandKeys}). */
  static List<ClusterRules.Pair> pairsInGroup(String bandKey, List<ClusterRules.Member> members) {
    if (members.size() < 2) {
      return List.of();
    }
    int band = Integer.parseInt(bandKey.substring(0, bandKey.indexOf(':')));
    return ClusterRules.pairsInBand(band, members);
  }
}
