package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

public class GroupIntoBucketsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** 500 keys over 3 buckets: every bucket holds many keys, which must come out separately. */
  @Test
  public void givesOneGroupPerDistinctKeyLikeGroupByKey() {
    List<KV<String, Integer>> input = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 500; k++) {
      int copies = 1 + k % 4;
      StringBuilder values = new StringBuilder();
      for (int v = 0; v < copies; v++) {
        input.add(KV.of("key-" + k, v));
        values.append(v);
      }
      expected.add("key-" + k + "=" + values);
    }
    PCollection<String> groups =
        p.apply(Create.of(input).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply(GroupIntoBuckets.withBuckets(3))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, Iterable<Integer>> g) -> {
                          List<Integer> sorted = new ArrayList<>();
                          g.getValue().forEach(sorted::add);
                          sorted.sort(null);
                          StringBuilder s = new StringBuilder(g.getKey() + "=");
                          sorted.forEach(s::append);
                          return s.toString();
                        }));
    PAssert.that(groups).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void smallestPerKeyPicksTheLeastStringOfEachKey() {
    PCollection<KV<String, String>> smallest =
        p.apply(
                Create.of(KV.of("a", "m"), KV.of("a", "c"), KV.of("a", "x"), KV.of("b", "z"))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(GroupIntoBuckets.smallestPerKey());
    PAssert.that(smallest).containsInAnyOrder(KV.of("a", "c"), KV.of("b", "z"));
    p.run().waitUntilFinish();
  }

  @Test
  public void coGroupInBucketsJoinsEachKeyAcrossInputs() {
    TupleTag<String> left = new TupleTag<>("left");
    TupleTag<Integer> right = new TupleTag<>("right");
    KvCoder<String, String> strings = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    KvCoder<String, Integer> ints = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    PCollection<KV<String, String>> l =
        p.apply("Left", Create.of(KV.of("k1", "a"), KV.of("k2", "b"), KV.of("k2", "c")).withCoder(strings));
    PCollection<KV<String, Integer>> r =
        p.apply("Right", Create.of(KV.of("k2", 7), KV.of("k3", 9)).withCoder(ints));
    PCollection<String> joined =
        KeyedPCollectionTuple.of(left, l)
            .and(right, r)
            .apply(CoGroupInBuckets.create())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, CoGbkResult> g) -> {
                          List<String> ls = new ArrayList<>();
                          g.getValue().getAll(left).forEach(ls::add);
                          ls.sort(null);
                          return g.getKey() + ":" + ls + ":" + g.getValue().getOnly(right, -1);
                        }));
    PAssert.that(joined).containsInAnyOrder("k1:[a]:-1", "k2:[b, c]:7", "k3:[]:9");
    p.run().waitUntilFinish();
  }

  @Test
  public void bucketsAreStableAndRegroupingIsSortedByKey() {
    assertThat(GroupIntoBuckets.bucketOf("herald\u0000https://h/1", 128), is(GroupIntoBuckets.bucketOf("herald\u0000https://h/1", 128)));
    assertThat(GroupIntoBuckets.bucketOf("x", 1), is(0));
    Map<String, List<Integer>> regrouped =
        GroupIntoBuckets.regroup(List.of(KV.of("b", 1), KV.of("a", 2), KV.of("b", 3)));
    assertThat(regrouped.keySet(), contains("a", "b"));
    assertThat(regrouped.get("b"), containsInAnyOrder(1, 3));
  }
}
