package org.newsstance.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteCsvTableTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void writesOneSortedFileWithHeader() throws Exception {
    Path dir = tmp.newFolder("out").toPath();
    p.apply(
            Create.of(KV.of("b", "2,b"), KV.of("a", "1,a"), KV.of("c", "3,\"c, d\""))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(WriteCsvTable.to(dir.toString(), "t.csv", List.of("n", "name")));
    p.run().waitUntilFinish();
    assertThat(
        Files.readString(dir.resolve("t.csv"), StandardCharsets.UTF_8),
        is("n,name\n1,a\n2,b\n3,\"c, d\"\n"));
  }

  @Test
  public void emptyTableStillGetsItsHeaderAndExcelModeAddsBomAndCrlf() throws Exception {
    Path dir = tmp.newFolder("excel").toPath();
    p.apply(
            Create.empty(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(WriteCsvTable.to(dir.toString(), "e.csv", List.of("source", "reason")).withExcel(true));
    p.run().waitUntilFinish();
    byte[] bytes = Files.readAllBytes(dir.resolve("e.csv"));
    assertThat(new String(bytes, StandardCharsets.UTF_8), is("\uFEFFsource,reason\r\n"));
  }

  @Test
  public void manySmallRunsMergeIntoOneSortedFileAndLeaveNoRunsBehind() throws Exception {
    Path dir = tmp.newFolder("runs").toPath();
    List<KV<String, String>> rows = new java.util.ArrayList<>();
    StringBuilder expected = new StringBuilder("k,v\n");
    for (int i = 0; i < 300; i++) {
      String key = String.format(java.util.Locale.ROOT, "%04d", i);
      rows.add(KV.of(key, key + ",row" + i));
    }
    for (int i = 0; i < 300; i++) {
      String key = String.format(java.util.Locale.ROOT, "%04d", i);
      expected.append(key).append(",row").append(i).append('\n');
    }
    java.util.Collections.shuffle(rows, new java.util.Random(7));
    // One row per run: 300 runs, more than SortedRuns.MAX_OPEN_RUNS, so runs are merged in stages.
    p.apply(Create.of(rows).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(WriteCsvTable.to(dir.toString(), "big.csv", List.of("k", "v")).withRowsPerRun(1));
    p.run().waitUntilFinish();
    assertThat(Files.readString(dir.resolve("big.csv"), StandardCharsets.UTF_8), is(expected.toString()));
    try (var files = Files.walk(dir.resolve("_runs"))) {
      assertThat(files.filter(Files::isRegularFile).count(), is(0L));
    }
  }

  @Test
  public void rowsOfDroppedOwnersAreLeftOutAtTheMerge() throws Exception {
    Path dir = tmp.newFolder("owned").toPath();
    PCollectionView<Map<String, Iterable<String>>> dropped =
        p.apply(
                "Dropped",
                Create.of(KV.of("article-b", ""))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(View.asMultimap());
    p.apply(
            "Rows",
            Create.of(
                    KV.of("article-a", KV.of("1", "1,a")),
                    KV.of("article-b", KV.of("2", "2,b")),
                    KV.of("article-a", KV.of("3", "3,a")),
                    KV.of("article-b", KV.of("0", "0,b")))
                .withCoder(WriteCsvTable.OwnedRows.CODER))
        .apply(
            WriteCsvTable.to(dir.toString(), "s.csv", List.of("n", "owner"))
                .withRowsPerRun(1)
                .droppingRowsOf(dropped));
    p.run().waitUntilFinish();
    assertThat(Files.readString(dir.resolve("s.csv"), StandardCharsets.UTF_8), is("n,owner\n1,a\n3,a\n"));
  }
}
