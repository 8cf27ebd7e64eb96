package org.newsstance.aggregate;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.newsstance.model.ScoredArticle;

/**
 * Decides which scored articles are duplicates and which cluster each belongs to ({@link
 * MarkDuplicates}, then {@link ClusterSimilarArticles}). The output is the tuple of {@link
 * ClusterSimilarArticles} ({@link MarkDuplicates#UNIQUE}, {@link MarkDuplicates#DUPLICATES}
 * including the {@link ClusterSimilarArticles#NEAR_DUPLICATES}, and the latter on their own).
 *
 * <p>Give it light copies of the articles (metadata, scores, text hash and MinHash signature,
 * without the sentence evidence that is most of their size): on the DirectRunner every grouping
 * holds its whole input in memory until the input is complete, and on Flink each grouping
 * serialises, sorts and spills its input; with light copies the groupings hold about a kilobyte
 * per article. What needs the sentences (the {@code sentences.csv} table, the coding sample)
 * takes them from the full articles as they are scored, and leaves out the duplicates' rows once
 * the verdicts are known, through {@link #droppedArticles()}.
 */
public final class ResolveDuplicates extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
  private ResolveDuplicates() {}

  /** The duplicate decision; the input should be light copies (see the class comment). */
  public static ResolveDuplicates onLightCopies() {
    return new ResolveDuplicates();
  }

  /**
   * The same decision made in one step, in memory ({@link DuplicateDecision}), with the light
   * copies passed through files under {@code stagingDir}: for the DirectRunner, whose groupings
   * cost more than the rules (see {@link DecideDuplicatesInOneStep}). Holds every light copy in
   * memory at once; the same output tuple as {@link #onLightCopies()}.
   */
  public static PTransform<PCollection<ScoredArticle>, PCollectionTuple> inOneStep(
      String stagingDir) {
    return new DecideDuplicatesInOneStep(stagingDir);
  }

  /**
   * The nodes ({@link ClusterRules#node}) of the given articles as a side input, for leaving out
   * rows that belong to them: apply it to {@link MarkDuplicates#DUPLICATES}. Only the keys matter.
   */
  public static PTransform<PCollection<ScoredArticle>, PCollectionView<Map<String, Iterable<String>>>>
      droppedArticles() {
    return new PTransform<>() {
      @Override
      public PCollectionView<Map<String, Iterable<String>>> expand(PCollection<ScoredArticle> in) {
        return in.apply(
                "Nodes",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((ScoredArticle a) -> KV.of(ClusterRules.node(a), "")))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("AsSideInput", View.asMultimap());
      }
    };
  }

  @Override
  public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
    return articles
        .apply("MarkDuplicates", MarkDuplicates.withinOutlets())
        .apply("ClusterSimilarArticles", ClusterSimilarArticles.acrossOutlets());
  }
}
