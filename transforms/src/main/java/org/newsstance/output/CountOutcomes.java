package org.newsstance.output;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.newsstance.aggregate.ClusterSimilarArticles;
import org.newsstance.aggregate.MarkDuplicates;
import org.apache.beam.sdk.transforms.Create;
import org.newsstance.model.ScoredArticleCoder;
import org.newsstance.io.ReadArticles;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.newsstance.model.DimensionResult;
import org.newsstance.model.Reject;
import org.newsstance.model.ScoredArticle;

/**
 * The run's counts, computed from the data itself (not from Metrics, which a runner may report
 * as "attempted" after retries), so the manifest's totals are exact on every runner.
 *
 * <p>Keys: {@code records_read} (from the reader, independently of what became of each record),
 * {@code articles}, {@code duplicates}, {@code rejected}, {@code rejected.<reason_code>}, {@code
 * undated}, {@code unsupported_language}, {@code warc_skipped.<kind>} (archive records that are
 * not article candidates, outside {@code records_read}; only when the tuple has {@link
 * ReadArticles#SKIPPED}), {@code sentences}, {@code lines_removed} and {@code
 * relevant_sentences_<dimension>}, summed over unique articles; {@code near_duplicates} (of the
 * duplicates), {@code syndicated} (unique articles in a multi-outlet cluster) and {@code
 * syndicated_clusters} (multi-outlet clusters, counted at their representative).
 */
public final class CountOutcomes
    extends PTransform<PCollectionTuple, PCollection<KV<String, Long>>> {

  private CountOutcomes() {}

  /**
   * Counts from a tuple holding {@link MarkDuplicates#UNIQUE}, {@link MarkDuplicates#DUPLICATES},
   * {@link ReadArticles#REJECTS} and {@link ReadArticles#RECORDS_READ}, optionally {@link
   * ReadArticles#SKIPPED} and {@link ClusterSimilarArticles#NEAR_DUPLICATES} (a subset of the
   * duplicates, counted as {@code near_duplicates}).
   */
  public static CountOutcomes fromTuple() {
    return new CountOutcomes();
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollectionTuple in) {
    PCollection<ScoredArticle> unique = in.get(MarkDuplicates.UNIQUE);
    PCollection<ScoredArticle> duplicates = in.get(MarkDuplicates.DUPLICATES);
    PCollection<Reject> rejects = in.get(ReadArticles.REJECTS);
    PCollection<KV<String, Long>> recordsPerFile = in.get(ReadArticles.RECORDS_READ);
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollection<KV<String, Long>> fromArticles =
        unique.apply("ArticleCounts", ParDo.of(new ArticleCountsFn())).setCoder(coder);
    PCollection<KV<String, Long>> fromDuplicates =
        duplicates
            .apply(
                "DuplicateCounts",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via((ScoredArticle d) -> KV.of("duplicates", 1L)))
            .setCoder(coder);
    PCollection<KV<String, Long>> fromNearDuplicates =
        (in.has(ClusterSimilarArticles.NEAR_DUPLICATES)
                ? in.get(ClusterSimilarArticles.NEAR_DUPLICATES)
                : in.getPipeline().apply("NoNearDuplicates", Create.empty(ScoredArticleCoder.of())))
            .apply("NearDuplicateCounts", ParDo.of(new NearDuplicateCountsFn()))
            .setCoder(coder);
    PCollection<KV<String, Long>> fromRejects =
        rejects.apply("RejectCounts", ParDo.of(new RejectCountsFn())).setCoder(coder);
    PCollection<KV<String, Long>> read =
        recordsPerFile
            .apply(
                "RecordsRead",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via((KV<String, Long> kv) -> KV.of("records_read", kv.getValue())))
            .setCoder(coder);
    PCollectionList<KV<String, Long>> all =
        PCollectionList.of(fromArticles)
            .and(fromDuplicates)
            .and(fromNearDuplicates)
            .and(fromRejects)
            .and(read);
    if (in.has(ReadArticles.SKIPPED)) {
      // Non-article archive records, already keyed "warc_skipped.<kind>"; not in records_read.
      all = all.and(in.get(ReadArticles.SKIPPED));
    }
    return all
        .apply("AllCounts", Flatten.pCollections())
        .apply("SumPerKey", Sum.longsPerKey());
  }

  static final class ArticleCountsFn extends DoFn<ScoredArticle, KV<String, Long>> {
    @ProcessElement
    public void process(@Element ScoredArticle a, OutputReceiver<KV<String, Long>> out) {
      out.output(KV.of("articles", 1L));
      if (!a.article().isDated()) {
        out.output(KV.of("undated", 1L));
      }
      if (!a.scored()) {
        out.output(KV.of(a.status(), 1L));
      }
      out.output(KV.of("sentences", (long) a.sentences()));
      out.output(KV.of("lines_removed", (long) a.article().linesRemoved()));
      out.output(KV.of("syndicated", a.isSyndicated() ? 1L : 0L));
      out.output(
          KV.of(
              "syndicated_clusters",
              ScoredArticle.SYNDICATED_FIRST.equals(a.syndication()) ? 1L : 0L));
      for (DimensionResult d : a.dimensions()) {
        out.output(KV.of("relevant_sentences_" + d.dimension(), (long) d.relevantSentences()));
        if (d.relevant()) {
          out.output(KV.of("relevant_articles_" + d.dimension(), 1L));
        }
      }
    }
  }

  /** Near-duplicates: the duplicates whose original was found by similarity, not equality. */
  static final class NearDuplicateCountsFn extends DoFn<ScoredArticle, KV<String, Long>> {
    @ProcessElement
    public void process(@Element ScoredArticle d, OutputReceiver<KV<String, Long>> out) {
      out.output(KV.of("near_duplicates", 1L));
    }
  }

  static final class RejectCountsFn extends DoFn<Reject, KV<String, Long>> {
    @ProcessElement
    public void process(@Element Reject r, OutputReceiver<KV<String, Long>> out) {
      out.output(KV.of("rejected", 1L));
      out.output(KV.of("rejected." + r.reasonCode(), 1L));
    }
  }
}
