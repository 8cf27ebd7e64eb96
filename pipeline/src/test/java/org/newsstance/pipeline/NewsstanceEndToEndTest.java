package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsstance.report.HtmlReport;

/**
 * Runs the whole pipeline on the bundled sample ({@code datasets/sample/}) on the DirectRunner,
 * with its immutability and encodability checks on, and compares every CSV byte for byte with
 * the checked-in expected files. After a deliberate change of scores or formats, regenerate them
 * with {@code mvn -pl pipeline test -Dtest=NewsstanceEndToEndTest -Dnewsstance.updateExpected=true}
 * and review the diff.
 */
class NewsstanceEndToEndTest {
  static final Path SAMPLE = Paths.get("../datasets/sample");
  static final Path EXPECTED = Paths.get("src/test/resources/NewsstanceEndToEndTest");

  @TempDir Path tmp;

  static NewsstanceMain.RunReport runOn(String input, Path out, String... extra) throws Exception {
    String[] args =
        concat(
            new String[] {
              "--runner=DirectRunner",
              "--input=" + input,
              "--output=" + out,
              // tests keep the DirectRunner's element checks, which real runs turn off
              "--enforceImmutability=true",
              "--enforceEncodability=true"
            },
            extra);
    NewsstanceOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(NewsstanceOptions.class);
    return NewsstanceMain.run(options, args);
  }

  @Test
  void sampleRunMatchesExpectedFilesAndReconciles() throws Exception {
    Path out = tmp.resolve("out");
    NewsstanceMain.RunReport report = runOn(SAMPLE.toString(), out);

    boolean update = Boolean.getBoolean("newsstance.updateExpected");
    for (String table : NewsstanceMain.PUBLISHED) {
      byte[] actual = Files.readAllBytes(out.resolve(table));
      Path expected = EXPECTED.resolve(table);
      if (update) {
        Files.createDirectories(EXPECTED);
        Files.write(expected, actual);
      }
      assertArrayEquals(
          Files.readAllBytes(expected), actual, table + " differs from " + expected);
    }
    Map<String, Long> c = report.counts();
    assertThat(report.reconciles(), is(true));
    assertThat(c.get("records_read"), is(c.get("articles") + c.get("duplicates") + c.get("rejected")));
    assertThat(Files.exists(out.resolve(OutputFolder.SUCCESS)), is(true));
    String manifest = Files.readString(out.resolve(NewsstanceMain.MANIFEST), StandardCharsets.UTF_8);
    assertThat(manifest, containsString("\"lexicon_version\""));
    assertThat(manifest, containsString("\"records_read\""));
    try (var files = Files.list(out)) {
      assertThat("no staging folder is left behind",
          files.noneMatch(p -> p.getFileName().toString().startsWith("_tmp-")), is(true));
    }
    // The report reads only each article's strongest sentence rows; it must show what it would
    // from the whole sentence table.
    StringWriter fromWholeTable = new StringWriter();
    try (Reader outletWeek = Files.newBufferedReader(out.resolve("outlet_week.csv"));
        Reader sentences = Files.newBufferedReader(out.resolve("sentences.csv"));
        Reader articles = Files.newBufferedReader(out.resolve("articles.csv"))) {
      HtmlReport.create().write(outletWeek, sentences, articles, manifest, fromWholeTable);
    }
    assertThat(
        Files.readString(out.resolve(NewsstanceMain.REPORT), StandardCharsets.UTF_8),
        is(fromWholeTable.toString()));
    assertThat("evidence sentences are shown (beyond the legend's three marks)",
        fromWholeTable.toString().split("<mark", -1).length - 1 > 3, is(true));
  }

  @Test
  void twoRunsGiveByteIdenticalTables() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    runOn(SAMPLE.toString(), a);
    runOn(SAMPLE.toString(), b);
    for (String table : NewsstanceMain.PUBLISHED) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(table)), Files.readAllBytes(b.resolve(table)), table);
    }
  }

  @Test
  void groupedAndInMemoryDuplicateDecisionsGiveTheSameTables() throws Exception {
    Path grouped = tmp.resolve("grouped");
    Path inMemory = tmp.resolve("inMemory");
    NewsstanceMain.RunReport groupedRun =
        runOn(SAMPLE.toString(), grouped, "--duplicateDecision=grouped");
    NewsstanceMain.RunReport inMemoryRun =
        runOn(SAMPLE.toString(), inMemory, "--duplicateDecision=inMemory");
    assertThat(groupedRun.manifest().get("duplicate_decision"), is("grouped"));
    assertThat(inMemoryRun.manifest().get("duplicate_decision"), is("inMemory"));
    assertThat(
        (String) inMemoryRun.manifest().get("duplicate_decision_reason"),
        containsString("--duplicateDecision=inMemory"));
    for (String table : NewsstanceMain.PUBLISHED) {
      assertArrayEquals(
          Files.readAllBytes(grouped.resolve(table)),
          Files.readAllBytes(inMemory.resolve(table)),
          table);
    }
    UserError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            UserError.class,
            () -> runOn(SAMPLE.toString(), tmp.resolve("bad"), "--duplicateDecision=fast"));
    assertThat(e.getMessage(), containsString("--duplicateDecision must be one of auto, grouped, inMemory"));
  }

  @Test
  void excelModeWritesBomAndCrlfAndTheSameRows() throws Exception {
    Path plain = tmp.resolve("plain");
    Path excel = tmp.resolve("excel");
    runOn(SAMPLE.toString(), plain);
    runOn(SAMPLE.toString(), excel, "--excel");
    List<String> tables = new ArrayList<>(NewsstanceMain.PUBLISHED);
    for (String table : tables) {
      byte[] bytes = Files.readAllBytes(excel.resolve(table));
      assertThat(table + " starts with a UTF-8 BOM",
          bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
              && (bytes[2] & 0xFF) == 0xBF, is(true));
      String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
      List<CSVRecord> excelRows = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
      String plainText = Files.readString(plain.resolve(table), StandardCharsets.UTF_8);
      List<CSVRecord> plainRows = CSVFormat.DEFAULT.parse(new StringReader(plainText)).getRecords();
      assertThat(table + " has the same rows", values(excelRows), is(values(plainRows)));
      // Every record ends with CRLF, and no bare LF ends a line.
      assertThat(table + " ends with CRLF", text.endsWith("\r\n"), is(true));
      assertThat(table + " has one CRLF per record (no cell here spans lines)",
          text.split("\r\n", -1).length - 1, is(excelRows.size()));
      assertThat(table + " has no bare LF", text.replace("\r\n", "").contains("\n"), is(false));
    }
  }

  @Test
  void codingSampleIsStratifiedAndTheSameForTheSameSeed() throws Exception {
    Path a = tmp.resolve("sa");
    Path b = tmp.resolve("sb");
    Path c = tmp.resolve("sc");
    runOn(SAMPLE.toString(), a, "--codingSample=12");
    runOn(SAMPLE.toString(), b, "--codingSample=12");
    runOn(SAMPLE.toString(), c, "--codingSample=12", "--codingSampleSeed=99");
    byte[] first = Files.readAllBytes(a.resolve("coding_sample.csv"));
    assertArrayEquals(first, Files.readAllBytes(b.resolve("coding_sample.csv")));
    assertThat("another seed draws another sample",
        java.util.Arrays.equals(first, Files.readAllBytes(c.resolve("coding_sample.csv"))),
        is(false));
    List<CSVRecord> rows =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(new StringReader(new String(first, StandardCharsets.UTF_8))).getRecords();
    assertThat(rows.size(), is(12));
    java.util.Set<String> outlets = new java.util.TreeSet<>();
    java.util.Set<String> strata = new java.util.TreeSet<>();
    java.util.Set<String> ids = new java.util.TreeSet<>();
    for (CSVRecord r : rows) {
      outlets.add(r.get("outlet"));
      strata.add(r.get("stratum"));
      ids.add(r.get("article_id") + "#" + r.get("sentence_no"));
      assertThat(r.get("coder_unity_label"), is(""));
      assertThat(r.get("coder_notes"), is(""));
    }
    assertThat("no sentence twice", ids.size(), is(12));
    assertThat("several outlets", outlets.size() > 1, is(true));
    assertThat(strata.toString(), strata.stream().anyMatch(s -> s.endsWith("+1")), is(true));
    assertThat(strata.toString(), strata.stream().anyMatch(s -> s.endsWith("-1")), is(true));
    String manifest = Files.readString(a.resolve(NewsstanceMain.MANIFEST), StandardCharsets.UTF_8);
    assertThat(manifest, containsString("coding_sample.csv"));
  }

  private static List<List<String>> values(List<CSVRecord> records) {
    List<List<String>> v = new ArrayList<>();
    for (CSVRecord r : records) {
      v.add(r.toList());
    }
    return v;
  }

  static String[] concat(String[] a, String[] b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static List<String> lines(Path p) throws Exception {
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }
}
