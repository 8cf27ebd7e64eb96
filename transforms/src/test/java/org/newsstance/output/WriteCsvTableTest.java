package org.newsstance.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
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
}
