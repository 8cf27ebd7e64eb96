package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input never crashes a run and never disappears: each bad record is a row in {@code
 * rejects.csv} with a reason, valid records around it are kept, and the manifest reconciles.
 */
class BadInputTest {
  @TempDir Path tmp;

  private static String article(String id, String text) {
    return "{\"id\":\"" + id + "\",\"url\":\"https://www.herald.example/a/" + id
        + "\",\"published\":\"2024-12-03\",\"text\":\"" + text + "\"}";
  }

  @Test
  void everyBadRecordIsRejectedWithAReasonAndTheRunGoesOn() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    String good = "NATO allies pledged to stand together.";
    Files.writeString(
        in.resolve("mixed.jsonl"),
        String.join(
            "\n",
            article("g1", good),
            "{\"url\": \"https://x.example/1\", \"text\": \"unterminated",
            "[1, 2, 3]",
            "\"just a string\"",
            "{\"url\": \"https://x.example/2\"}",
            "{\"url\": \"https://x.example/3\", \"text\": \"\"}",
            "{\"url\": \"https://x.example/4\", \"text\": 42}",
            "",
            article("g2", good + " Again.")),
        StandardCharsets.UTF_8);
    Files.write(in.resolve("empty.jsonl"), new byte[0]);
    // a 10 MB article
    Files.writeString(in.resolve("huge.jsonl"),
        article("big", "a".repeat(10 * 1024 * 1024)) + "\n" + article("g3", good), StandardCharsets.UTF_8);
    // deeply nested JSON
    Files.writeString(in.resolve("nested.jsonl"),
        "{\"text\":\"x\",\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n" + article("g4", good),
        StandardCharsets.UTF_8);
    // invalid UTF-8 in the middle of a record
    byte[] bad = (article("u1", "caf\u00e9") + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] invalid = article("u2", "XX").getBytes(StandardCharsets.UTF_8);
    int at = new String(invalid, StandardCharsets.UTF_8).indexOf("XX");
    invalid[at] = (byte) 0xC3;
    invalid[at + 1] = (byte) 0x28;
    try (OutputStream o = Files.newOutputStream(in.resolve("utf8.jsonl"))) {
      o.write(bad);
      o.write(invalid);
      o.write('\n');
    }
    // a truncated .gz: the records before the cut are kept
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        sb.append(article("z" + i, good + " Number " + i + ".")).append('\n');
      }
      o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Files.write(in.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

    Path out = tmp.resolve("out");
    NewsstanceMain.RunReport report = NewsstanceEndToEndTest.runOn(in.toString(), out);

    Map<String, Long> c = report.counts();
    assertThat(report.reconciles(), is(true));
    List<CSVRecord> rejects = csv(out.resolve("rejects.csv"));
    List<String> reasons = new ArrayList<>();
    for (CSVRecord r : rejects) {
      reasons.add(r.get("source").replaceAll(".*/", "") + ":" + r.get("position") + ":" + r.get("reason"));
    }
    assertThat(reasons, hasItem(startsWith("mixed.jsonl:2:malformed_json")));
    assertThat(reasons, hasItem(startsWith("mixed.jsonl:3:not_an_object")));
    assertThat(reasons, hasItem(startsWith("mixed.jsonl:4:not_an_object")));
    assertThat(reasons, hasItem(startsWith("mixed.jsonl:5:missing_text")));
    assertThat(reasons, hasItem(startsWith("mixed.jsonl:6:empty_text")));
    assertThat(reasons, hasItem(startsWith("mixed.jsonl:7:text_not_a_string")));
    assertThat(reasons, hasItem(startsWith("empty.jsonl::empty_file")));
    assertThat(reasons, hasItem(startsWith("huge.jsonl:1:record_too_large")));
    assertThat(reasons, hasItem(startsWith("nested.jsonl:1:too_deeply_nested")));
    assertThat(reasons, hasItem(startsWith("utf8.jsonl:2:invalid_utf8")));
    assertThat(reasons, hasItem(containsString("truncated_input")));
    for (CSVRecord r : rejects) {
      assertThat("excerpt is at most 200 characters", r.get("excerpt").length() <= 200, is(true));
    }

    List<CSVRecord> articles = csv(out.resolve("articles.csv"));
    List<String> ids = new ArrayList<>();
    for (CSVRecord r : articles) {
      ids.add(r.get("article_id"));
    }
    assertThat(ids, hasItem("g1"));
    assertThat(ids, hasItem("g2"));
    assertThat(ids, hasItem("g3"));
    assertThat(ids, hasItem("g4"));
    assertThat(ids, hasItem("u1"));
    assertThat(ids, hasItem("z0"));
    assertThat("records before the truncation are kept", c.get("articles"), greaterThanOrEqualTo(50L));
    assertThat(c.get("rejected"), is((long) rejects.size()));
  }

  @Test
  void missingInputFailsBeforeAnyWorkNamingThePath() {
    Path missing = tmp.resolve("no-such-folder/articles.jsonl");
    UserError e =
        assertThrows(
            UserError.class,
            () -> NewsstanceEndToEndTest.runOn(missing.toString(), tmp.resolve("out")));
    assertThat(e.getMessage(), containsString(missing.toString()));
  }

  @Test
  void unwritableOutputFailsWithOneLineAndExitCode2() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("a.jsonl"), article("g1", "Allies agreed."));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        NewsstanceMain.launch(
            new String[] {"--input=" + in, "--output=" + file.resolve("sub")},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(code, is(2));
    assertThat(message, startsWith("newsstance: error: cannot write to output folder " + file.resolve("sub")));
    assertThat(message.strip().lines().count(), is(1L));
  }

  static List<CSVRecord> csv(Path p) throws Exception {
    try (var reader = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(reader).getRecords();
    }
  }
}
