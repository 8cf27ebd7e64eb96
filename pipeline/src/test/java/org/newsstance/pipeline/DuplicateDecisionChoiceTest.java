package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsstance.io.InputFormat;

/** The launcher's choice of duplicate decision and the input scan behind it. */
class DuplicateDecisionChoiceTest {
  @TempDir Path tmp;

  @BeforeAll
  static void fileSystems() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private static long lines(String content, long limit) throws IOException {
    return RecordCountBound.count(
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), false, limit);
  }

  private static long warcRecords(String content) throws IOException {
    return RecordCountBound.count(
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), true, 100);
  }

  @Test
  void everyLineBoundsOneRecordAndALastLineWithoutNewlineCounts() throws IOException {
    assertThat(lines("", 100), is(0L));
    assertThat(lines("{}\n{}\n", 100), is(2L));
    assertThat(lines("{}\n{}", 100), is(2L));
    assertThat(lines("\n\n\n", 100), is(3L));
  }

  @Test
  void theScanStopsOnceTheLimitIsPassed() throws IOException {
    String many = "{\"id\":1}\n".repeat(300_000);
    long counted = lines(many, 10);
    assertThat(counted, greaterThan(10L));
    // it stopped within the first 64 KiB buffer, long before the 300,000th line
    assertThat(counted < 300_000, is(true));
  }

  @Test
  void warcRecordsAreTheLinesThatStartWithTheVersion() throws IOException {
    String record =
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n"
            + "HTTP/1.1 200 OK\r\n\r\n<p>not WARC/1.0 here</p>\r\n\r\n";
    assertThat(warcRecords(record.repeat(3)), is(3L));
    assertThat(warcRecords("WAR\nWARC/1.1\r\n"), is(1L));
  }

  @Test
  void filesAreCountedDecompressedAndTogether() throws IOException {
    Path plain = tmp.resolve("a.jsonl");
    Files.writeString(plain, "{}\n".repeat(5));
    Path gz = tmp.resolve("b.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("{}\n".repeat(7).getBytes(StandardCharsets.UTF_8));
    }
    List<InputFiles.InputFile> files =
        List.of(
            new InputFiles.InputFile(plain.toString(), "a.jsonl", Files.size(plain)),
            new InputFiles.InputFile(gz.toString(), "b.jsonl.gz", Files.size(gz)));
    assertThat(RecordCountBound.count(files, InputFormat.AUTO, 100), is(12L));
    assertThat(RecordCountBound.count(files, InputFormat.AUTO, 3), greaterThan(3L));
  }

  @Test
  void aDamagedFileCountsWhatCouldBeReadAndOneMoreWithoutFailing() throws IOException {
    java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(whole)) {
      for (int i = 0; i < 5_000; i++) {
        out.write(("{\"id\":" + i + ",\"text\":\"" + Integer.toHexString(i * 7919) + "\"}\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = whole.toByteArray();
    Path cut = tmp.resolve("cut.jsonl.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path gone = tmp.resolve("gone.jsonl");
    List<InputFiles.InputFile> files =
        List.of(
            new InputFiles.InputFile(cut.toString(), "cut.jsonl.gz", bytes.length / 2),
            new InputFiles.InputFile(gone.toString(), "gone.jsonl", 0));
    long counted = RecordCountBound.count(files, InputFormat.AUTO, 1_000_000);
    // some of the lines before the cut, one for the damage, one for the missing file
    assertThat(counted, greaterThan(2L));
    assertThat(counted < 5_000, is(true));
  }

  private DuplicateDecisionChoice choose(int records, long maxHeap, String... args) throws IOException {
    Path corpus = tmp.resolve("corpus-" + records + ".jsonl");
    Files.writeString(corpus, "{}\n".repeat(records));
    NewsstanceOptions options = PipelineOptionsFactory.fromArgs(args).as(NewsstanceOptions.class);
    return DuplicateDecisionChoice.choose(
        options,
        List.of(new InputFiles.InputFile(corpus.toString(), "corpus.jsonl", Files.size(corpus))),
        maxHeap);
  }

  @Test
  void embeddedFlinkDecidesInMemoryOnlyWhenTheInputFitsHalfTheHeap() throws IOException {
    long heap = 1L << 30;
    long budget = DuplicateDecisionChoice.budget(heap);
    assertThat(budget, is((long) ((1L << 30) * 0.5 / 2500)));

    DuplicateDecisionChoice small =
        choose((int) budget, heap, "--runner=FlinkRunner", "--flinkMaster=[local]");
    assertThat(small.inMemory(), is(true));
    assertThat(small.value(), is("inMemory"));
    assertThat(small.reason(), containsString("at most 214,748 records"));

    DuplicateDecisionChoice large =
        choose((int) budget + 1, heap, "--runner=FlinkRunner", "--flinkMaster=[local]");
    assertThat(large.inMemory(), is(false));
    assertThat(large.value(), is("grouped"));
    assertThat(large.reason(), containsString("more than 214,748 records"));
    assertThat(large.warning(), is(nullValue()));

    // the same input with a bigger heap fits
    assertThat(choose((int) budget + 1, 2 * heap, "--runner=FlinkRunner").inMemory(), is(true));
  }

  @Test
  void aFlinkClusterGroupsUnlessAskedAndTheDirectRunnerAlwaysDecidesInMemory() throws IOException {
    long heap = 1L << 20; // a budget of 209 articles
    DuplicateDecisionChoice cluster =
        choose(10, heap, "--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");
    assertThat(cluster.inMemory(), is(false));
    assertThat(
        choose(10, heap, "--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081", "--duplicateDecision=inMemory")
            .inMemory(),
        is(true));
    assertThat(choose(10, heap, "--runner=FlinkRunner", "--duplicateDecision=grouped").inMemory(), is(false));

    DuplicateDecisionChoice direct = choose(10, heap, "--runner=DirectRunner");
    assertThat(direct.inMemory(), is(true));
    assertThat(direct.warning(), is(nullValue()));
    DuplicateDecisionChoice tooBig = choose(1000, heap, "--runner=DirectRunner");
    assertThat(tooBig.inMemory(), is(true));
    assertThat(tooBig.warning(), containsString("--flinkMaster=[local]"));
    assertThat(tooBig.warning(), containsString("more than 209 records"));
  }
}
