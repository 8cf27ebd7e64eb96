package org.newsstance.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A {@link GroupByKey} for many small groups of small values: the same result (one {@code KV(key,
 * values)} per distinct key), reached by grouping on a fixed number of buckets (a stable hash of
 * the key) and regrouping each bucket in memory.
 *
 * <p>Why: the duplicate and syndication stages group by article-level keys (an id, a URL, a text
 * hash, a MinHash band), so nearly every key is distinct. The DirectRunner pays a fixed cost per
 * distinct key of a grouping (a timer and a watermark hold each), which made those stages cost
 * more than scoring; with buckets it pays that cost {@link #DEFAULT_BUCKETS} times per stage.
 * Flink and other runners are unaffected apart from the in-memory regrouping, which holds one
 * bucket (about 1/{@value #DEFAULT_BUCKETS} of a stage's light records) at a time. Use it only for
 * light values: a bucket is held in memory.
 */
public final class GroupIntoBuckets<V>
    extends PTransform<PCollection<KV<String, V>>, PCollection<KV<String, Iterable<V>>>> {
  /** Enough buckets to keep a cluster's workers busy, few enough for the DirectRunner. */
  public static final int DEFAULT_BUCKETS = 128;

  private final int buckets;

  private GroupIntoBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1, was " + buckets);
    }
    this.buckets = buckets;
  }

  public static <V> GroupIntoBuckets<V> create() {
    return new GroupIntoBuckets<>(DEFAULT_BUCKETS);
  }

  public static <V> GroupIntoBuckets<V> withBuckets(int buckets) {
    return new GroupIntoBuckets<>(buckets);
  }

  /**
   * The smallest value per key, like {@code Min.perKey()} on strings, grouped in buckets: the
   * DirectRunner lifts no combiners, so a per-key combine costs it as much as a per-key grouping.
   */
  public static PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>>
      smallestPerKey() {
    return new SmallestPerKey();
  }

  static final class SmallestPerKey
      extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
    @Override
    public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> input) {
      return input
          .apply("GroupInBuckets", GroupIntoBuckets.<String>create())
          .apply("Smallest", ParDo.of(new SmallestFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    }
  }

  static final class SmallestFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> group, OutputReceiver<KV<String, String>> out) {
      String smallest = null;
      for (String v : group.getValue()) {
        if (smallest == null || v.compareTo(smallest) < 0) {
          smallest = v;
        }
      }
      out.output(KV.of(group.getKey(), smallest));
    }
  }

  /** The bucket of a key: stable across JVMs and runs, since {@link String#hashCode} is specified. */
  static int bucketOf(String key, int buckets) {
    return Math.floorMod(key.hashCode(), buckets);
  }

  /** Regroups one bucket's entries by key, keys in sorted order so the output is deterministic. */
  static <V> Map<String, List<V>> regroup(Iterable<KV<String, V>> entries) {
    Map<String, List<V>> byKey = new TreeMap<>();
    for (KV<String, V> e : entries) {
      byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    return byKey;
  }

  @Override
  public PCollection<KV<String, Iterable<V>>> expand(PCollection<KV<String, V>> input) {
    if (!(input.getCoder() instanceof KvCoder<String, V> kvCoder)) {
      throw new IllegalArgumentException(
          "GroupIntoBuckets needs a KvCoder on its input, got " + input.getCoder());
    }
    Coder<V> valueCoder = kvCoder.getValueCoder();
    KvCoder<String, V> entryCoder = KvCoder.of(StringUtf8Coder.of(), valueCoder);
    return input
        .apply("ToBuckets", ParDo.of(new ToBucketFn<V>(buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), entryCoder))
        .apply("GroupBuckets", GroupByKey.create())
        .apply("SplitBuckets", ParDo.of(new SplitBucketFn<V>()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), IterableCoder.of(valueCoder)));
  }

  static final class ToBucketFn<V> extends DoFn<KV<String, V>, KV<Integer, KV<String, V>>> {
    private final int buckets;

    ToBucketFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(
        @Element KV<String, V> entry, OutputReceiver<KV<Integer, KV<String, V>>> out) {
      out.output(KV.of(bucketOf(entry.getKey(), buckets), entry));
    }
  }

  static final class SplitBucketFn<V>
      extends DoFn<KV<Integer, Iterable<KV<String, V>>>, KV<String, Iterable<V>>> {
    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<KV<String, V>>> bucket,
        OutputReceiver<KV<String, Iterable<V>>> out) {
      for (Map.Entry<String, List<V>> group : regroup(bucket.getValue()).entrySet()) {
        out.output(KV.of(group.getKey(), group.getValue()));
      }
    }
  }
}
