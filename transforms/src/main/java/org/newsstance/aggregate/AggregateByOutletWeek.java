package org.newsstance.aggregate;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.newsstance.model.DimensionResult;
import org.newsstance.model.ScoredArticle;

/**
 * Totals per outlet × ISO week × dimension over unique, dated articles. Each article contributes
 * one {@link CellStats} per dimension (relevant or not, so volume is counted); the totals are
 * combined with a lifted combiner, so no cell's articles are ever held in memory together.
 *
 * <p>Output keys are {@link #cellKey}: outlet, week start and dimension joined by {@code \u0001}.
 */
public final class AggregateByOutletWeek
    extends PTransform<PCollection<ScoredArticle>, PCollection<KV<String, CellStats>>> {
  private final List<String> dimensions;
  private final double deadZone;
  private final boolean countSyndicatedOnce;

  private AggregateByOutletWeek(List<String> dimensions, double deadZone, boolean once) {
    this.dimensions = dimensions;
    this.deadZone = deadZone;
    this.countSyndicatedOnce = once;
  }

  /** Aggregates the given dimensions; article labels use the scorer's dead zone. */
  public static AggregateByOutletWeek of(List<String> dimensions, double deadZone) {
    if (dimensions == null || dimensions.isEmpty()) {
      throw new IllegalArgumentException("at least one dimension is needed, got " + dimensions);
    }
    if (!(deadZone >= 0 && deadZone < 1)) {
      throw new IllegalArgumentException("deadZone must be in [0, 1), was " + deadZone);
    }
    return new AggregateByOutletWeek(List.copyOf(dimensions), deadZone, false);
  }

  /**
   * With {@code true}, a cluster of syndicated copies counts once: only its representative
   * ({@link ScoredArticle#SYNDICATED_FIRST}, the earliest published copy) is aggregated, in its own
   * outlet and week; the other copies are listed in {@code articles.csv} only.
   */
  public AggregateByOutletWeek withCountSyndicatedOnce(boolean once) {
    return new AggregateByOutletWeek(dimensions, deadZone, once);
  }

  public static String cellKey(String outlet, String weekStart, String dimension) {
    return outlet + '\u0001' + weekStart + '\u0001' + dimension;
  }

  /** Splits a cell key into outlet, week start and dimension. */
  public static String[] splitCellKey(String key) {
    return key.split("\u0001", 3);
  }

  @Override
  public PCollection<KV<String, CellStats>> expand(PCollection<ScoredArticle> articles) {
    return articles
        .apply("StatsPerDimension", ParDo.of(new ToCellStatsFn(dimensions, deadZone, countSyndicatedOnce)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CellStatsCoder.of()))
        .apply("SumPerCell", Combine.perKey(new SumCellsFn()));
  }

  static final class ToCellStatsFn extends DoFn<ScoredArticle, KV<String, CellStats>> {
    private final List<String> dimensions;
    private final double deadZone;
    private final boolean countSyndicatedOnce;

    ToCellStatsFn(List<String> dimensions, double deadZone, boolean countSyndicatedOnce) {
      this.dimensions = dimensions;
      this.deadZone = deadZone;
      this.countSyndicatedOnce = countSyndicatedOnce;
    }

    @ProcessElement
    public void process(@Element ScoredArticle a, OutputReceiver<KV<String, CellStats>> out) {
      IsoWeek week = IsoWeek.ofIsoDate(a.article().publishedDate());
      if (week == null || a.isDuplicate()) {
        return; // undated articles and duplicates are listed in articles.csv, not aggregated
      }
      if (countSyndicatedOnce && ScoredArticle.SYNDICATED_COPY.equals(a.syndication())) {
        return; // the cluster is counted through its representative
      }
      for (String dim : dimensions) {
        DimensionResult r = a.dimension(dim);
        CellStats stats =
            r != null && r.relevant()
                ? CellStats.relevantArticle(r.relevantSentences(), r.score(), deadZone)
                : CellStats.irrelevantArticle();
        if (a.isSyndicated()) {
          stats = stats.asSyndicated();
        }
        out.output(KV.of(cellKey(a.article().outlet(), week.weekStartText(), dim), stats));
      }
    }
  }

  static final class SumCellsFn extends Combine.BinaryCombineFn<CellStats> {
    @Override
    public CellStats apply(CellStats left, CellStats right) {
      return left.plus(right);
    }

    @Override
    public CellStats identity() {
      return CellStats.EMPTY;
    }
  }
}
