package org.newsstance.aggregate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

/**
 * Decides which scored articles are duplicates and which cluster each belongs to ({@link
 * MarkDuplicates}, then {@link ClusterSimilarArticles}), without ever shuffling the articles'
 * sentence evidence, which is most of their size.
 *
 * <ol>
 *   <li>{@code DropEvidence}: a light copy of every article (metadata, scores, text hash and
 *       MinHash signature, no sentences) goes through the duplicate and syndication stages.
 *   <li>{@code Verdicts}: the outcome for every article whose outcome is not the default (unique,
 *       alone in its cluster) becomes a side input, keyed by the article's node.
 *   <li>{@code SpillArticles}: meanwhile the full articles are written, one file per bundle, into
 *       {@code <spillDir>}; only the files' names travel on.
 *   <li>{@code RejoinVerdicts}: each file is read back once the verdicts are known, and every
 *       article leaves with its verdict applied.
 * </ol>
 *
 * <p>Why: on the DirectRunner every grouping holds its whole input in memory until the input is
 * complete, so grouping full articles made memory grow with the corpus; on Flink each of those
 * groupings serialised, sorted and spilled every article again. Now the groupings hold about a
 * kilobyte per article, and the full articles are written and read once. The spill files are
 * deleted with the run's staging folder. Output: the same tuple as {@link ClusterSimilarArticles}
 * ({@link MarkDuplicates#UNIQUE}, {@link MarkDuplicates#DUPLICATES} including the {@link
 * ClusterSimilarArticles#NEAR_DUPLICATES}, and the latter on their own).
 */
public final class ResolveDuplicates extends PTransform<PCollection<ScoredArticle>, PCollectionTuple> {
  /** Name of the folder, inside the run's staging folder, that holds the spill files. */
  public static final String SPILL_FOLDER = "_spill";

  private static final char SEP = '\u0001';
  private static final String UNIQUE = "U";
  private static final String DUPLICATE = "D";
  private static final String NEAR_DUPLICATE = "N";

  private final String spillDir;

  private ResolveDuplicates(String spillDir) {
    this.spillDir = spillDir;
  }

  /** Spills full articles into {@code spillDir} (a local path or any Beam file system URL). */
  public static ResolveDuplicates spillingTo(String spillDir) {
    if (spillDir == null || spillDir.isEmpty()) {
      throw new IllegalArgumentException("spill folder must be set, was empty");
    }
    return new ResolveDuplicates(spillDir);
  }

  @Override
  public PCollectionTuple expand(PCollection<ScoredArticle> articles) {
    PCollectionTuple decided =
        articles
            .apply(
                "DropEvidence",
                MapElements.into(TypeDescriptor.of(ScoredArticle.class))
                    .via(ResolveDuplicates::withoutEvidence))
            .setCoder(ScoredArticleCoder.of())
            .apply("MarkDuplicates", MarkDuplicates.withinOutlets())
            .apply("ClusterSimilarArticles", ClusterSimilarArticles.acrossOutlets());

    KvCoder<String, String> pair = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollectionView<Map<String, Iterable<String>>> verdicts =
        PCollectionList.of(
                decided.get(MarkDuplicates.UNIQUE).apply("UniqueVerdicts", verdictsOf(UNIQUE)))
            .and(decided.get(MarkDuplicates.DUPLICATES).apply("DuplicateVerdicts", verdictsOf(DUPLICATE)))
            .and(
                decided
                    .get(ClusterSimilarArticles.NEAR_DUPLICATES)
                    .apply("NearDuplicateVerdicts", verdictsOf(NEAR_DUPLICATE)))
            .apply("AllVerdicts", Flatten.pCollections())
            .setCoder(pair)
            .apply("VerdictsByNode", View.asMultimap());

    PCollectionTuple rejoined =
        articles
            .apply("SpillArticles", ParDo.of(new SpillFn(spillDir)))
            .setCoder(StringUtf8Coder.of())
            .apply("SpreadSpillFiles", Reshuffle.viaRandomKey())
            .apply(
                "RejoinVerdicts",
                ParDo.of(new RejoinFn(verdicts))
                    .withSideInputs(verdicts)
                    .withOutputTags(
                        MarkDuplicates.UNIQUE,
                        TupleTagList.of(MarkDuplicates.DUPLICATES)
                            .and(ClusterSimilarArticles.NEAR_DUPLICATES)));
    return PCollectionTuple.of(
            MarkDuplicates.UNIQUE,
            rejoined.get(MarkDuplicates.UNIQUE).setCoder(ScoredArticleCoder.of()))
        .and(
            MarkDuplicates.DUPLICATES,
            rejoined.get(MarkDuplicates.DUPLICATES).setCoder(ScoredArticleCoder.of()))
        .and(
            ClusterSimilarArticles.NEAR_DUPLICATES,
            rejoined.get(ClusterSimilarArticles.NEAR_DUPLICATES).setCoder(ScoredArticleCoder.of()));
  }

  static ScoredArticle withoutEvidence(ScoredArticle a) {
    return a.withEvidence(List.of());
  }

  private static ParDo.SingleOutput<ScoredArticle, KV<String, String>> verdictsOf(String kind) {
    return ParDo.of(new VerdictFn(kind));
  }

  /** {@code kind SEP duplicateOf SEP clusterId SEP syndication}. */
  static String verdict(String kind, ScoredArticle decided) {
    return kind + SEP + decided.duplicateOf() + SEP + decided.clusterId() + SEP + decided.syndication();
  }

  /** The verdict of an article absent from the side input: unique and alone in its cluster. */
  static boolean isDefault(String kind, ScoredArticle decided, String node) {
    return kind.equals(UNIQUE)
        && decided.syndication().isEmpty()
        && decided.clusterId().equals(ClusterRules.clusterId(node));
  }

  /** Which outputs an article goes to, and with which fields, given its verdicts (maybe none). */
  record Outcome(boolean unique, boolean nearDuplicate, String duplicateOf, String clusterId, String syndication) {
    static Outcome of(String node, Iterable<String> verdicts) {
      String chosen = null;
      boolean near = false;
      if (verdicts != null) {
        for (String v : verdicts) {
          near |= v.startsWith(NEAR_DUPLICATE);
          chosen = v;
        }
      }
      if (chosen == null) {
        return new Outcome(true, false, "", ClusterRules.clusterId(node), ScoredArticle.NOT_SYNDICATED);
      }
      String[] f = chosen.split(String.valueOf(SEP), -1);
      return new Outcome(f[0].equals(UNIQUE), near, f[1], f[2], f[3]);
    }

    ScoredArticle applyTo(ScoredArticle full) {
      return full.inCluster(clusterId, syndication).asDuplicateOf(duplicateOf);
    }
  }

  static final class VerdictFn extends DoFn<ScoredArticle, KV<String, String>> {
    private final String kind;

    VerdictFn(String kind) {
      this.kind = kind;
    }

    @ProcessElement
    public void process(@Element ScoredArticle decided, OutputReceiver<KV<String, String>> out) {
      String node = ClusterRules.node(decided);
      if (!isDefault(kind, decided, node)) {
        out.output(KV.of(node, verdict(kind, decided)));
      }
    }
  }

  /** Writes each bundle's articles into one new file; outputs the file's name. */
  static final class SpillFn extends DoFn<ScoredArticle, String> {
    private final String spillDir;
    private transient ResourceId file;
    private transient DataOutputStream out;

    SpillFn(String spillDir) {
      this.spillDir = spillDir;
    }

    @StartBundle
    public void startBundle() {
      file = null;
      out = null;
    }

    @ProcessElement
    public void process(@Element ScoredArticle a) throws IOException {
      if (out == null) {
        file =
            FileSystems.matchNewResource(spillDir, true)
                .resolve(UUID.randomUUID() + ".articles", StandardResolveOptions.RESOLVE_FILE);
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
      if (out != null) {
        out.close();
        c.output(file.toString(), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        out = null;
      }
    }
  }

  /** Reads a spill file back and sends every article to its outputs with its verdict applied. */
  static final class RejoinFn extends DoFn<String, ScoredArticle> {
    private final PCollectionView<Map<String, Iterable<String>>> verdicts;
    private final Counter rejoined = Metrics.counter(ResolveDuplicates.class, "articles_rejoined");

    RejoinFn(PCollectionView<Map<String, Iterable<String>>> verdicts) {
      this.verdicts = verdicts;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Map<String, Iterable<String>> byNode = c.sideInput(verdicts);
      String name = c.element();
      try (InputStream raw =
              Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(name, false)));
          DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
        while (true) {
          int length;
          try {
            length = in.readInt();
          } catch (EOFException end) {
            break;
          }
          byte[] bytes = new byte[length];
          in.readFully(bytes);
          ScoredArticle full = CoderUtils.decodeFromByteArray(ScoredArticleCoder.of(), bytes);
          String node = ClusterRules.node(full);
          Outcome outcome = Outcome.of(node, byNode.get(node));
          ScoredArticle placed = outcome.applyTo(full);
          rejoined.inc();
          if (outcome.unique()) {
            c.output(placed);
          } else {
            c.output(MarkDuplicates.DUPLICATES, placed);
            if (outcome.nearDuplicate()) {
              c.output(ClusterSimilarArticles.NEAR_DUPLICATES, placed);
            }
          }
        }
      }
    }
  }
}
