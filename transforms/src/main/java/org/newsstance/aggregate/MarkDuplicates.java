package org.newsstance.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

/**
 * Finds duplicates within each outlet: the same id, then the same canonical URL, then identical
 * cleaned text. In each group the earliest record in input order (file, then line) is kept in
 * {@link #UNIQUE}; the later copies go to {@link #DUPLICATES} with {@code duplicate_of} set to the
 * kept article's id. The three rules run one after another on the survivors of the previous one,
 * so a group only ever holds records that collide, never a whole outlet.
 */
public final class MarkDuplicates
    extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
  public static final TupleTag<ScoredArticle> UNIQUE = new TupleTag<>() {};
  public static final TupleTag<ScoredArticle> DUPLICATES = new TupleTag<>() {};

  private MarkDuplicates() {}

  public static MarkDuplicates withinOutlets() {
    return new MarkDuplicates();
  }

  @Override
  public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
    PCollectionTuple byId = articles.apply("SameId", new KeepEarliest("id", s -> s.article().id()));
    PCollectionTuple byUrl =
        byId.get(UNIQUE)
            .apply("SameUrl", new KeepEarliest("url", s -> s.article().canonicalUrl()));
    PCollectionTuple byText =
        byUrl.get(UNIQUE).apply("SameText", new KeepEarliest("text", s -> s.textHash()));
    PCollection<ScoredArticle> duplicates =
        PCollectionList.of(byId.get(DUPLICATES))
            .and(byUrl.get(DUPLICATES))
            .and(byText.get(DUPLICATES))
            .apply("AllDuplicates", Flatten.pCollections());
    return PCollectionTuple.of(UNIQUE, byText.get(UNIQUE)).and(DUPLICATES, duplicates);
  }

  /** One rule: group by (outlet, value); records with an empty value pass through. */
  static final class KeepEarliest extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
    private final String rule;
    private final SerializableFunction<ScoredArticle, String> value;

    KeepEarliest(String rule, SerializableFunction<ScoredArticle, String> value) {
      this.rule = rule;
      this.value = value;
    }

    @Override
    public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
      TupleTag<KV<String, ScoredArticle>> keyed = new TupleTag<>() {};
      TupleTag<ScoredArticle> noValue = new TupleTag<>() {};
      PCollectionTuple split =
          articles.apply(
              "KeyBy_" + rule,
              ParDo.of(new KeyFn(value, keyed, noValue))
                  .withOutputTags(keyed, TupleTagList.of(noValue)));
      PCollectionTuple grouped =
          split
              .get(keyed)
              .setCoder(KvCoder.of(StringUtf8Coder.of(), ScoredArticleCoder.of()))
              .apply("Group_" + rule, GroupIntoBuckets.<ScoredArticle>create())
              .apply(
                  "Earliest_" + rule,
                  ParDo.of(new EarliestFn(rule))
                      .withOutputTags(UNIQUE, TupleTagList.of(DUPLICATES)));
      PCollection<ScoredArticle> unique =
          PCollectionList.of(grouped.get(UNIQUE))
              .and(split.get(noValue).setCoder(ScoredArticleCoder.of()))
              .apply("Unique_" + rule, Flatten.pCollections());
      return PCollectionTuple.of(UNIQUE, unique)
          .and(DUPLICATES, grouped.get(DUPLICATES).setCoder(ScoredArticleCoder.of()));
    }
  }

  static final class KeyFn extends DoFn<ScoredArticle, KV<String, ScoredArticle>> {
    private final SerializableFunction<ScoredArticle, String> value;
    private final TupleTag<KV<String, ScoredArticle>> keyed;
    private final TupleTag<ScoredArticle> noValue;

    KeyFn(
        SerializableFunction<ScoredArticle, String> value,
        TupleTag<KV<String, ScoredArticle>> keyed,
        TupleTag<ScoredArticle> noValue) {
      this.value = value;
      this.keyed = keyed;
      this.noValue = noValue;
    }

    @ProcessElement
    public void process(@Element ScoredArticle a, MultiOutputReceiver out) {
      String v = value.apply(a);
      if (v == null || v.isEmpty()) {
        out.get(noValue).output(a);
      } else {
        out.get(keyed).output(KV.of(a.article().outlet() + '\u0000' + v, a));
      }
    }
  }

  static final class EarliestFn extends DoFn<KV<String, Iterable<ScoredArticle>>, ScoredArticle> {
    private final Counter duplicates;

    EarliestFn(String rule) {
      this.duplicates = Metrics.counter(MarkDuplicates.class, "duplicates_by_" + rule);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<ScoredArticle>> group, MultiOutputReceiver out) {
      List<ScoredArticle> sorted = earliestFirst(group.getValue());
      ScoredArticle kept = sorted.get(0);
      out.get(UNIQUE).output(kept);
      for (int i = 1; i < sorted.size(); i++) {
        duplicates.inc();
        out.get(DUPLICATES).output(sorted.get(i).asDuplicateOf(kept.article().id()));
      }
    }
  }

  /** The group in input order (file, then position): the first one is the one kept. */
  static List<ScoredArticle> earliestFirst(Iterable<ScoredArticle> group) {
    List<ScoredArticle> list = new ArrayList<>();
    group.forEach(list::add);
    Function<ScoredArticle, String> order = s -> s.article().orderKey();
    list.sort(Comparator.comparing(order));
    return list;
  }
}
