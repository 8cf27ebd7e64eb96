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
    StringWriter w = new StringWriter();
    ScoreSentences.run(new ByteArrayInputStream(input), w, ScoringResources.shared());
    return w.toString();
  }

  private static List<CSVRecord> records(String csv) throws IOException {
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(csv)).getRecords();
  }

  @Test
  void oneRowPerLineInOrderWithExactHeader() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes("d1\tNATO foreign ministers met in Brussels.\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes("d1\tThe bloc met again on Tuesday.\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(new byte[] {'d', '1', '\t', (byte) 0xC3, (byte) 0x28, '\n'}); // invalid UTF-8
    in.writeBytes("The striker scored twice.\r\n".getBytes(StandardCharsets.UTF_8));
    in.writeBytes("d2\tThe bloc met again on Tuesday.".getBytes(StandardCharsets.UTF_8));
    String csv = run(in.toByteArray());
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
