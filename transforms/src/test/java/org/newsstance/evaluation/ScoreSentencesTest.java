package org.newsstance.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.newsstance.scoring.ScoringResources;

class ScoreSentencesTest {

  private static final String HEADER =
      "line,unity_relevant,unity_score,unity_label,burden_relevant,burden_score,burden_label,"
          + "unity_cues,burden_cues";

  private static String run(byte[] input) throws IOException {
    return run(input, ScoringResources.shared());
  }

  private static String run(byte[] input, ScoringResources resources) throws IOException {
    StringWriter w = new StringWriter();
    ScoreSentences.run(new ByteArrayInputStream(input), w, resources);
    return w.toString();
  }

  /** The mixed input of the row tests: context, an empty line, invalid UTF-8, no id, new id. */
  private static byte[] mixedInput() {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes("d1\tNATO foreign ministers met in Brussels.\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes("d1\tThe bloc met again on Tuesday.\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(new byte[] {'d', '1', '\t', (byte) 0xC3, (byte) 0x28, '\n'}); // invalid UTF-8
    in.writeBytes("The striker scored twice.\r\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes("d2\tThe bloc met again on Tuesday.".getBytes(StandardCharsets.UTF_8));
    return in.toByteArray();
  }

  private static List<CSVRecord> records(String csv) throws IOException {
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(csv)).getRecords();
  }

  /** The dictionary alone (setting model=0): exact rows, including the score of a bare line. */
  @Test
  void oneRowPerLineInOrderWithExactHeader() throws IOException {
    String csv = run(mixedInput(), ScoringResources.shared().withSetting("model", 0));
    assertEquals(HEADER, csv.substring(0, csv.indexOf('\n')));
    assertTrue(!csv.contains("\r"), "LF line endings");
    List<CSVRecord> rows = records(csv);
    assertEquals(6, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(String.valueOf(i + 1), rows.get(i).get("line"));
    }
    // the second line gets article context from the first: "the alliance" is NATO
    assertEquals("1", rows.get(1).get("unity_relevant"));
    assertEquals("0", rows.get(1).get("unity_label"));
    assertEquals("0.0000", rows.get(1).get("unity_score"));
    // empty line and invalid UTF-8: empty scores, run continues
    assertEquals("", rows.get(2).get("unity_score"));
    assertEquals("", rows.get(3).get("burden_label"));
    assertEquals("0", rows.get(4).get("unity_relevant"));
    // a new id is a new article: no context for d2
    assertEquals("0", rows.get(5).get("unity_relevant"));
  }

  /**
   * The shipped scorer (dictionary + model): same rows, same relevance from the dictionary, bad
   * lines still give empty rows, and every score is what StanceScorer gives for that article.
   */
  @Test
  void shippedScorerKeepsRowsAndEmptyRowsForBadLines() throws IOException {
    List<CSVRecord> rows = records(run(mixedInput()));
    assertEquals(6, rows.size());
    assertEquals("1", rows.get(1).get("unity_relevant"));
    assertEquals("0", rows.get(1).get("unity_label"));
    assertEquals("", rows.get(2).get("unity_score"));
    assertEquals("", rows.get(2).get("unity_label"));
    assertEquals("", rows.get(3).get("burden_label"));
    assertEquals("", rows.get(3).get("unity_cues"));
    assertEquals("0", rows.get(4).get("unity_relevant"));
    assertEquals("0", rows.get(5).get("unity_relevant"));
    List<List<org.newsstance.scoring.SentenceScore>> direct =
        new org.newsstance.scoring.StanceScorer(ScoringResources.shared()).scoreArticle(
            List.of("NATO foreign ministers met in Brussels.", "The bloc met again on Tuesday."));
    for (int i = 0; i < 2; i++) {
      assertEquals(String.format(java.util.Locale.ROOT, "%.4f", direct.get(i).get(0).score()),
          rows.get(i).get("unity_score"));
      assertEquals(String.valueOf(direct.get(i).get(0).label()), rows.get(i).get("unity_label"));
    }
    assertTrue(rows.get(1).get("unity_cues").contains("model:-1/0/+1="),
        rows.get(1).get("unity_cues"));
  }

  @Test
  void headerFollowsDimensions() {
    assertEquals(HEADER,
        String.join(",", ScoreSentences.header(ScoringResources.shared().dimensions())));
  }

  @Test
  void emptyInputGivesHeaderOnly() throws IOException {
    assertEquals(HEADER + "\n", run(new byte[0]));
  }
}
