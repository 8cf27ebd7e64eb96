package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

/**
 * {@link ReadArticles} picks the reader per file and keeps the counts exact: {@code .bz2} and
 * {@code .gz} are decompressed by extension, a {@code .warc.gz} is read member by member, and a
 * file without a telling extension is sniffed. On the DirectRunner a big file is handed on in
 * small bundles, and its counts still come once per file.
 */
public class ReadArticlesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream o = new BZip2CompressorOutputStream(out)) {
      o.write(data);
    }
    return out.toByteArray();
  }

  private String write(String name, byte[] data) throws IOException {
    Path f = tmp.getRoot().toPath().resolve(name);
    Files.write(f, data);
    return f.toString();
  }

  @Test
  public void aUtf16ExportIsReadLikeItsUtf8Twin() throws IOException {
    // Excel's "Unicode Text": UTF-16LE with a byte-order mark, tab-separated; bigger than a chunk,
    // so it must also not be cut at UTF-8 line ends.
    StringBuilder tsv = new StringBuilder("title\ttext\toutlet\n");
    for (int i = 0; i < 40; i++) {
      tsv.append("Riga\tAllies met in Riga, meeting ").append(i).append(".\to\n");
    }
    byte[] body = tsv.toString().getBytes(StandardCharsets.UTF_16LE);
    byte[] utf16 = new byte[body.length + 2];
    utf16[0] = (byte) 0xFF;
    utf16[1] = (byte) 0xFE;
    System.arraycopy(body, 0, utf16, 2, body.length);
    PCollectionTuple read =
        p.apply(
            ReadArticles.fromFiles(List.of(KV.of(write("export.txt", utf16), "export.txt")))
                .withChunkBytes(1024));
    PAssert.thatSingleton(read.get(ReadArticles.ARTICLES).apply("CountUtf16", Count.globally()))
        .isEqualTo(40L);
    PAssert.that(read.get(ReadArticles.ARTICLES).apply("Texts",
            MapElements.into(TypeDescriptors.strings()).via(Article::text))
            .apply("KeepFirst", org.apache.beam.sdk.transforms.Filter.by(t -> t.endsWith(" 0."))))
        .containsInAnyOrder("Allies met in Riga, meeting 0.");
    PAssert.that(read.get(ReadArticles.REJECTS)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void readsEveryFormatAndCompressionWithExactCounts() throws IOException {
    byte[] jsonl =
        "{\"text\":\"One.\",\"outlet\":\"o\"}\n{\"text\":\"Two.\",\"outlet\":\"o\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] csv = "text,outlet\nThree,o\n\"bad\"quote,o\n".getBytes(StandardCharsets.UTF_8);
    List<KV<String, String>> files =
        List.of(
            KV.of(write("a.jsonl.bz2", bzip2(jsonl)), "a.jsonl.bz2"),
            KV.of(write("b.csv.bz2", bzip2(csv)), "b.csv.bz2"),
            KV.of(write("c.warc.gz", WarcFixtures.archive(true)), "c.warc.gz"),
            KV.of(write("d.warc.bz2", bzip2(WarcFixtures.archive(false))), "d.warc.bz2"),
            KV.of(write("e.data", jsonl), "e.data"));
    PCollectionTuple read =
        p.apply(ReadArticles.fromFiles(files).withOutlets(OutletTable.bundled()));

    // 2 + 1 + 3 + 3 + 2 articles; 1 CSV reject and 1 corrupt record in each WARC
    PAssert.thatSingleton(read.get(ReadArticles.ARTICLES).apply("CountArticles", Count.globally()))
        .isEqualTo(11L);
    PAssert.thatSingleton(read.get(ReadArticles.REJECTS).apply("CountRejects", Count.globally()))
        .isEqualTo(3L);
    PAssert.thatSingleton(
            read.get(ReadArticles.RECORDS_READ)
                .apply("Values", MapElements.into(TypeDescriptors.longs()).via(KV::getValue))
                .apply("SumRecords", Sum.longsGlobally()))
        .isEqualTo(14L);
    PAssert.that(read.get(ReadArticles.SKIPPED).apply("SumSkipped", Sum.longsPerKey()))
        .containsInAnyOrder(
            KV.of("warc_skipped.warcinfo", 2L),
            KV.of("warc_skipped.request", 2L),
            KV.of("warc_skipped.non_html", 2L),
            KV.of("warc_skipped.status_404", 2L),
            KV.of("warc_skipped.revisit", 2L));
    p.run().waitUntilFinish();
  }

  /** A JSON Lines file of {@code n} short articles, every 100th line not JSON. */
  private static byte[] manyRecords(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      if (i % 100 == 0) {
        b.append("not json ").append(i).append('\n');
      } else {
        b.append("{\"id\":\"a").append(i).append("\",\"text\":\"Story number ").append(i)
            .append(".\",\"outlet\":\"o\"}\n");
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Largest bundle of articles seen downstream of the read, and how many articles in all. */
  static final AtomicInteger MAX_BUNDLE = new AtomicInteger();

  static final AtomicLong SEEN = new AtomicLong();

  static final class BundleSizeFn extends DoFn<Article, Article> {
    private int inBundle;

    @StartBundle
    public void start() {
      inBundle = 0;
    }

    @ProcessElement
    public void process(@Element Article a, OutputReceiver<Article> out) {
      inBundle++;
      SEEN.incrementAndGet();
      out.output(a);
    }

    @FinishBundle
    public void finish() {
      MAX_BUNDLE.accumulateAndGet(inBundle, Math::max);
    }
  }

  @Test
  public void handsABigFileOnInSmallBundlesWithoutSpread() throws IOException {
    MAX_BUNDLE.set(0);
    SEEN.set(0);
    String big = write("big.jsonl", manyRecords(3000));
    PCollectionTuple read =
        p.apply(ReadArticles.fromFiles(List.of(KV.of(big, "big.jsonl"))).withSpread(false));
    read.get(ReadArticles.ARTICLES).apply("MeasureBundles", ParDo.of(new BundleSizeFn()));
    p.run().waitUntilFinish();

    assertEquals(2970, SEEN.get());
    // The DirectRunner checkpoints the read every 100 outputs: far below the 2,970 articles that
    // one call of a plain DoFn would have handed on as a single bundle.
    assertThat(MAX_BUNDLE.get(), lessThanOrEqualTo(1000));
    assertThat(MAX_BUNDLE.get(), greaterThan(0));
  }

  /**
   * A file cut into chunks, a compressed one and a WARC read whole, an empty and a missing file:
   * 1,200 + 600 + 4 + 1 + 1 records, of which 1,188 + 594 + 3 articles.
   */
  private List<KV<String, String>> filesOfEveryKind() throws IOException {
    return List.of(
        KV.of(write("big.jsonl", manyRecords(1200)), "big.jsonl"),
        KV.of(write("big.jsonl.bz2", bzip2(manyRecords(600))), "big.jsonl.bz2"),
        KV.of(write("c.warc.gz", WarcFixtures.archive(true)), "c.warc.gz"),
        KV.of(write("empty.jsonl", new byte[0]), "empty.jsonl"),
        KV.of(tmp.getRoot().toPath().resolve("missing.jsonl").toString(), "missing.jsonl"));
  }

  @Test
  public void countsReconcileWhenFilesAreReadInManyChunks() throws IOException {
    PCollectionTuple read = p.apply(ReadArticles.fromFiles(filesOfEveryKind()));

    // One total per file, as from an uninterrupted read, though the DirectRunner reads the big
    // files in chunks of about 100: 1,200 + 600 + 4 WARC + 1 + 1 records.
    PAssert.that(read.get(ReadArticles.RECORDS_READ))
        .containsInAnyOrder(
            KV.of("big.jsonl", 1200L),
            KV.of("big.jsonl.bz2", 600L),
            KV.of("c.warc.gz", 4L),
            KV.of("empty.jsonl", 1L),
            KV.of("missing.jsonl", 1L));
    // articles + rejects = records_read: 1,188 + 594 + 3 articles; 12 + 6 + 1 + 1 + 1 rejects.
    PAssert.thatSingleton(read.get(ReadArticles.ARTICLES).apply("CountArticles", Count.globally()))
        .isEqualTo(1785L);
    PAssert.that(
            read.get(ReadArticles.REJECTS)
                .apply(
                    "Reasons",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.source() + ":" + r.reasonCode()))
                .apply("CountReasons", Count.perElement()))
        .containsInAnyOrder(
            KV.of("big.jsonl:malformed_json", 12L),
            KV.of("big.jsonl.bz2:malformed_json", 6L),
            KV.of("c.warc.gz:malformed_warc", 1L),
            KV.of("empty.jsonl:empty_file", 1L),
            KV.of("missing.jsonl:unreadable_file", 1L));
    p.run().waitUntilFinish();
  }

  @Test
  public void withoutTheSpreadEveryArticleStillArrivesOnce() throws IOException {
    PCollectionTuple read =
        p.apply(ReadArticles.fromFiles(filesOfEveryKind()).withSpread(false).withChunkBytes(16 * 1024));
    // the chunked file and the files read whole, all on the one output: 1,188 + 594 + 3
    PAssert.thatSingleton(read.get(ReadArticles.ARTICLES).apply("CountArticles", Count.globally()))
        .isEqualTo(1785L);
    PAssert.thatSingleton(
            read.get(ReadArticles.ARTICLES)
                .apply("Ids", MapElements.into(TypeDescriptors.strings()).via(a -> a.source() + "#" + a.position()))
                .apply("Distinct", org.apache.beam.sdk.transforms.Distinct.create())
                .apply("CountDistinct", Count.globally()))
        .isEqualTo(1785L);
    // no branch joins the parsed articles again (Flink would make the join a blocking exchange)
    List<String> names = new ArrayList<>();
    p.traverseTopologically(
        new org.apache.beam.sdk.Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(
              org.apache.beam.sdk.runners.TransformHierarchy.Node node) {
            names.add(node.getFullName());
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(
              org.apache.beam.sdk.runners.TransformHierarchy.Node node) {
            names.add(node.getFullName());
          }
        });
    assertEquals(false, names.stream().anyMatch(n -> n.contains("SpreadArticles") || n.contains("AllArticles")));
    assertEquals(true, names.stream().anyMatch(n -> n.contains("ParseChunks")));
    p.run().waitUntilFinish();
  }

  @Test
  public void onlyBigFilesThatOneWorkerReadsWholeNeedTheSpread() {
    long chunk = ReadArticles.DEFAULT_CHUNK_BYTES;
    byte[] json = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] csv = "id,outlet,text".getBytes(StandardCharsets.UTF_8);
    InputFormat auto = InputFormat.AUTO;
    // small files are read whole but are not worth spreading
    assertEquals(false, ReadArticles.readWholeAndBig(auto, "a.csv", chunk, chunk, null, 0, ""));
    // big uncompressed JSON lines are cut into chunks
    assertEquals(false, ReadArticles.readWholeAndBig(auto, "a.jsonl", 10 * chunk, chunk, null, 0, ""));
    assertEquals(false, ReadArticles.readWholeAndBig(auto, "a.txt", 10 * chunk, chunk, json, json.length, ""));
    assertEquals(false, ReadArticles.readWholeAndBig(auto, "a.jsonl", -1, chunk, null, 0, ""));
    // big files of the formats read whole
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.csv", chunk + 1, chunk, null, 0, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.warc", 10 * chunk, chunk, null, 0, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.warc.gz", 10 * chunk, chunk, null, 0, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.jsonl.gz", 10 * chunk, chunk, null, 0, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.txt", 10 * chunk, chunk, csv, csv.length, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(InputFormat.CSV, "a.jsonl", 10 * chunk, chunk, null, 0, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.csv", -1, chunk, null, 0, ""));
    // a JSON document (pretty-printed object, array) is read whole
    byte[] pretty = "{\n  \"text\": \"x\"".getBytes(StandardCharsets.UTF_8);
    byte[] array = "[{\"text\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.json", 10 * chunk, chunk, pretty, pretty.length, ""));
    assertEquals(true, ReadArticles.readWholeAndBig(auto, "a.data", 10 * chunk, chunk, array, array.length, ""));
    assertEquals(false, ReadArticles.readWholeAndBig(auto, "a.json", 10 * chunk, chunk, json, json.length, ""));
  }

  /**
   * A JSON Lines file with a byte-order mark, CRLF, blank lines, rejects of every line-level kind
   * and no newline at the end, big enough to be cut into many chunks.
   */
  private static byte[] damagedRecords(int n) {
    StringBuilder b = new StringBuilder("\uFEFF");
    for (int i = 1; i <= n; i++) {
      String eol = i % 3 == 0 ? "\r\n" : "\n";
      if (i % 97 == 0) {
        b.append("not json ").append(i).append(eol);
      } else if (i % 89 == 0) {
        b.append("{\"text\":\"").append("x".repeat(1500)).append("\",\"outlet\":\"o\"}")
            .append(eol);
      } else if (i % 83 == 0) {
        b.append("\n   ").append(eol);
      } else {
        b.append("{\"id\":\"a").append(i).append("\",\"text\":\"Story number ").append(i)
            .append(".\",\"outlet\":\"o\"}").append(eol);
      }
    }
    b.append("{\"id\":\"last\",\"text\":\"The end.\",\"outlet\":\"o\"}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void aFileReadInManyChunksGivesWhatReadingItWholeGives() throws IOException {
    byte[] data = damagedRecords(2000);
    String path = write("chunked.jsonl", data);
    int maxRecordBytes = 1024;
    long chunkBytes = 4096;
    assertThat(
        LineChunks.plan(new ByteArrayInputStream(data), path, "chunked.jsonl", chunkBytes).size(),
        greaterThan(10));

    // What one reader of the whole file gives, in plain Java.
    List<Article> articles = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    JsonLinesArticleReader whole =
        new JsonLinesArticleReader(
            new ByteArrayInputStream(data),
            "chunked.jsonl",
            ArticleJsonParser.create().withOutlets(OutletTable.bundled()),
            maxRecordBytes);
    for (ReadOutcome o = whole.next(); o != null; o = whole.next()) {
      if (o.article() != null) {
        articles.add(o.article());
      } else {
        rejects.add(o.reject());
      }
    }
    assertThat(rejects.size(), greaterThan(40));

    PCollectionTuple read =
        p.apply(
            ReadArticles.fromFiles(List.of(KV.of(path, "chunked.jsonl")))
                .withOutlets(OutletTable.bundled())
                .withMaxRecordBytes(maxRecordBytes)
                .withChunkBytes(chunkBytes));
    PAssert.that(read.get(ReadArticles.ARTICLES)).containsInAnyOrder(articles);
    PAssert.that(read.get(ReadArticles.REJECTS)).containsInAnyOrder(rejects);
    PAssert.that(read.get(ReadArticles.RECORDS_READ))
        .containsInAnyOrder(KV.of("chunked.jsonl", (long) (articles.size() + rejects.size())));
    PAssert.that(read.get(ReadArticles.SKIPPED)).empty();
    p.run().waitUntilFinish();
  }
}
