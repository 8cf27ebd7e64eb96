package org.newsstance.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link ReadArticles} picks the reader per file and keeps the counts exact: {@code .bz2} and
 * {@code .gz} are decompressed by extension, a {@code .warc.gz} is read member by member, and a
 * file without a telling extension is sniffed.
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
}
