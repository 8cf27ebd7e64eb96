package org.newsstance.aggregate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

/**
 * {@link ResolveDuplicates#inOneStep}: the light copies are written to files in the staging
 * folder as they come (one file per bundle), only the file names are grouped, and one step reads
 * them all and makes the whole decision in memory ({@link DuplicateDecision}).
 *
 * <p>Why: on the DirectRunner a grouping copies a key's values through their coder each time a
 * bundle adds to that key, and keeps a watermark hold and a pending bundle per key and input
 * bundle; the dozen groupings of the distributed decision made its time grow with the square of
 * the corpus (docs/BENCHMARKS.md). Here the only grouping holds one file name per bundle, and the
 * verdicts leave the decision as one bundle. The price is memory: the decision holds every light
 * copy (about 2.5 kB each at the decision's peak, measured), which is why Flink uses it by default
 * only when the input is small enough for the heap (the launcher's {@code
 * DuplicateDecisionChoice}).
 */
final class DecideDuplicatesInOneStep extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
  private final String folder;

  /** @param stagingDir the run's staging folder; the files go to a sub-folder and are deleted */
  DecideDuplicatesInOneStep(String stagingDir) {
    this.folder =
        FileSystems.matchNewResource(stagingDir, true)
            .resolve("light-copies", StandardResolveOptions.RESOLVE_DIRECTORY)
            .toString();
  }

  @Override
  public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
    PCollectionTuple out =
        articles
            .apply("WriteLightCopies", ParDo.of(new WriteLightCopiesFn(folder)))
            .setCoder(StringUtf8Coder.of())
            .apply("OneGroup", WithKeys.of(0))
            .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
            .apply("AllFiles", GroupByKey.create())
            .apply(
                "Decide",
                ParDo.of(new DecideFn())
                    .withOutputTags(
                        MarkDuplicates.UNIQUE,
                        TupleTagList.of(MarkDuplicates.DUPLICATES)
                            .and(ClusterSimilarArticles.NEAR_DUPLICATES)));
    out.get(MarkDuplicates.UNIQUE).setCoder(ScoredArticleCoder.of());
    out.get(MarkDuplicates.DUPLICATES).setCoder(ScoredArticleCoder.of());
    out.get(ClusterSimilarArticles.NEAR_DUPLICATES).setCoder(ScoredArticleCoder.of());
    return out;
  }

  /** Appends each article to this bundle's file; emits the file's name when the bundle ends. */
  static final class WriteLightCopiesFn extends DoFn<ScoredArticle, String> {
    private final String folder;
    private transient ResourceId file;
    private transient DataOutputStream out;

    WriteLightCopiesFn(String folder) {
      this.folder = folder;
    }

    @ProcessElement
    public void process(@Element ScoredArticle a) throws IOException {
      if (out == null) {
        file =
            FileSystems.matchNewResource(folder, true)
                .resolve(UUID.randomUUID() + ".light", StandardResolveOptions.RESOLVE_FILE);
        out =
            new DataOutputStream(
                new BufferedOutputStream(
                    Channels.newOutputStream(FileSystems.create(file, "application/octet-stream")),
                    1 << 16));
      }
      byte[] bytes = CoderUtils.encodeToByteArray(ScoredArticleCoder.of(), a);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      if (out == null) {
        return;
      }
      out.close();
      out = null;
      c.output(file.toString(), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }

  static final class DecideFn extends DoFn<KV<Integer, Iterable<String>>, ScoredArticle> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> files, MultiOutputReceiver out)
        throws IOException {
      List<ScoredArticle> articles = new ArrayList<>();
      List<ResourceId> read = new ArrayList<>();
      for (String name : files.getValue()) {
        ResourceId file = FileSystems.matchNewResource(name, false);
        readInto(file, articles);
        read.add(file);
      }
      DuplicateDecision.Verdicts v = DuplicateDecision.decide(articles);
      articles.clear();
      v.unique().forEach(out.get(MarkDuplicates.UNIQUE)::output);
      v.duplicates().forEach(out.get(MarkDuplicates.DUPLICATES)::output);
      v.nearDuplicates().forEach(out.get(ClusterSimilarArticles.NEAR_DUPLICATES)::output);
      for (Map.Entry<String, Long> c : v.counters().entrySet()) {
        Class<?> namespace =
            c.getKey().startsWith("duplicates_by_") ? MarkDuplicates.class : ClusterSimilarArticles.class;
        Metrics.counter(namespace, c.getKey()).inc(c.getValue());
      }
      // Deleted here because the staging folder is only removed on local disks. A runner that
      // retried this step after the delete would fail it (the files are gone) rather than decide
      // on less: the DirectRunner never retries, embedded Flink has no restart strategy unless one
      // is configured, and on a Flink cluster this path is opt-in.
      FileSystems.delete(read);
    }

    private static void readInto(ResourceId file, List<ScoredArticle> articles) throws IOException {
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(Channels.newInputStream(FileSystems.open(file)), 1 << 16))) {
        while (true) {
          int length;
          try {
            length = in.readInt();
          } catch (EOFException end) {
            return;
          }
          byte[] bytes = new byte[length];
          in.readFully(bytes);
          articles.add(CoderUtils.decodeFromByteArray(ScoredArticleCoder.of(), bytes));
        }
      }
    }
  }
}
