package org.newsstance.aggregate;

import java.io.Serializable;
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

  /** One exact rule: its name (in step and counter names) and the value that must be equal. */
  record Rule(String name, SerializableFunction<ScoredArticle, String> value)
      implements Serializable {
    /** The group of {@code a} under this rule (outlet and value), or null for an empty value. */
    String groupOf(ScoredArticle a) {
      String v = value.apply(a);
      return v == null || v.isEmpty() ? null : a.article().outlet() + '\u0000' + v;
    }
  }

  /** The exact rules, in the order they run. */
  static final List<Rule> RULES =
      List.of(
          new Rule("id", s -> s.article().id()),
          new Rule("url", s -> s.article().canonicalUrl()),
          new Rule("text", s -> s.textHash()));

  @Override
  public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
    PCollection<ScoredArticle> survivors = articles;
    PCollectionList<ScoredArticle> duplicates = PCollectionList.empty(articles.getPipeline());
    for (Rule rule : RULES) {
      String step = "Same" + Character.toUpperCase(rule.name().charAt(0)) + rule.name().substring(1);
      PCollectionTuple byRule = survivors.apply(step, new KeepEarliest(rule));
      survivors = byRule.get(UNIQUE);
      duplicates = duplicates.and(byRule.get(DUPLICATES));
    }
    return PCollectionTuple.of(UNIQUE, survivors)
        .and(DUPLICATES, duplicates.apply("AllDuplicates", Flatten.pCollections()));
  }

  /** One rule: group by (outlet, value); records with an empty value pass through. */
  static final class KeepEarliest extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
    private final Rule rule;

    KeepEarliest(Rule rule) {
      this.rule = rule;
    }

    @Override
    public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
      TupleTag<KV<String, ScoredArticle>> keyed = new TupleTag<>() {};
      TupleTag<ScoredArticle> noValue = new TupleTag<>() {};
      String name = rule.name();
      PCollectionTuple split =
          articles.apply(
              "KeyBy_" + name,
              ParDo.of(new KeyFn(rule, keyed, noValue))
                  .withOutputTags(keyed, TupleTagList.of(noValue)));
      PCollectionTuple grouped =
          split
              .get(keyed)
              .setCoder(KvCoder.of(StringUtf8Coder.of(), ScoredArticleCoder.of()))
              .apply("Group_" + name, GroupIntoBuckets.<ScoredArticle>create())
              .apply(
                  "Earliest_" + name,
                  ParDo.of(new EarliestFn(name))
                      .withOutputTags(UNIQUE, TupleTagList.of(DUPLICATES)));
      PCollection<ScoredArticle> unique =
          PCollectionList.of(grouped.get(UNIQUE))
              .and(split.get(noValue).setCoder(ScoredArticleCoder.of()))
              .apply("Unique_" + name, Flatten.pCollections());
      return PCollectionTuple.of(UNIQUE, unique)
          .and(DUPLICATES, grouped.get(DUPLICATES).setCoder(ScoredArticleCoder.of()));
    }
  }

  static final class KeyFn extends DoFn<ScoredArticle, KV<String, ScoredArticle>> {
    private final Rule rule;
    private final TupleTag<KV<String, ScoredArticle>> keyed;
    private final TupleTag<ScoredArticle> noValue;

    KeyFn(Rule rule, TupleTag<KV<String, ScoredArticle>> keyed, TupleTag<ScoredArticle> noValue) {
      this.rule = rule;
      this.keyed = keyed;
      this.noValue = noValue;
    }

    @ProcessElement
    public void process(@Element ScoredArticle a, MultiOutputReceiver out) {
      String group = rule.groupOf(a);
      if (group == null) {
        out.get(noValue).output(a);
      } else {
        out.get(keyed).output(KV.of(group, a));
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
