package org.newsstance.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGbkResultSchema;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * A {@link org.apache.beam.sdk.transforms.join.CoGroupByKey} on string keys built on {@link
 * GroupIntoBuckets}: the same {@code KV(key, CoGbkResult)} per distinct key, for joins of many
 * small groups of light values (see {@link GroupIntoBuckets} for why).
 */
public final class CoGroupInBuckets
    extends PTransform<KeyedPCollectionTuple<String>, PCollection<KV<String, CoGbkResult>>> {

  private CoGroupInBuckets() {}

  public static CoGroupInBuckets create() {
    return new CoGroupInBuckets();
  }

  @Override
  public PCollection<KV<String, CoGbkResult>> expand(KeyedPCollectionTuple<String> input) {
    CoGbkResultSchema schema = input.getCoGbkResultSchema();
    List<KeyedPCollectionTuple.TaggedKeyedPCollection<String, ?>> inputs =
        input.getKeyedCollections();
    List<Coder<?>> valueCoders = new ArrayList<>();
    for (KeyedPCollectionTuple.TaggedKeyedPCollection<String, ?> t : inputs) {
      Coder<?> coder = t.getCollection().getCoder();
      valueCoders.add(((KvCoder<?, ?>) coder).getValueCoder());
    }
    UnionCoder unionCoder = UnionCoder.of(valueCoders);
    KvCoder<String, RawUnionValue> taggedCoder = KvCoder.of(StringUtf8Coder.of(), unionCoder);

    PCollectionList<KV<String, RawUnionValue>> tagged = PCollectionList.empty(input.getPipeline());
    for (int i = 0; i < inputs.size(); i++) {
      KeyedPCollectionTuple.TaggedKeyedPCollection<String, ?> t = inputs.get(i);
      int index = schema.getIndex(t.getTupleTag());
      tagged =
          tagged.and(
              tag(t.getCollection(), index, "Tag" + i + "_" + t.getTupleTag().getId())
                  .setCoder(taggedCoder));
    }
    return tagged
        .apply("AllInputs", Flatten.pCollections())
        .apply("GroupInBuckets", GroupIntoBuckets.create())
        .apply("ToCoGbkResult", ParDo.of(new ToResultFn(schema)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CoGbkResult.CoGbkResultCoder.of(schema, unionCoder)));
  }

  private static <V> PCollection<KV<String, RawUnionValue>> tag(
      PCollection<? extends KV<String, V>> in, int index, String name) {
    @SuppressWarnings("unchecked")
    PCollection<KV<String, V>> typed = (PCollection<KV<String, V>>) in;
    return typed.apply(name, ParDo.of(new TagFn<V>(index)));
  }

  static final class TagFn<V> extends DoFn<KV<String, V>, KV<String, RawUnionValue>> {
    private final int index;

    TagFn(int index) {
      this.index = index;
    }

    @ProcessElement
    public void process(@Element KV<String, V> kv, OutputReceiver<KV<String, RawUnionValue>> out) {
      out.output(KV.of(kv.getKey(), new RawUnionValue(index, kv.getValue())));
    }
  }

  static final class ToResultFn
      extends DoFn<KV<String, Iterable<RawUnionValue>>, KV<String, CoGbkResult>> {
    private final CoGbkResultSchema schema;

    ToResultFn(CoGbkResultSchema schema) {
      this.schema = schema;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<RawUnionValue>> group,
        OutputReceiver<KV<String, CoGbkResult>> out) {
      out.output(KV.of(group.getKey(), new CoGbkResult(schema, group.getValue())));
    }
  }
}
