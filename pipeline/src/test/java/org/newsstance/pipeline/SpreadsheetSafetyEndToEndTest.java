package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text goes through the whole pipeline and no cell of any CSV starts with a character a
 * spreadsheet reads as a formula, while the numbers the pipeline formats (negative scores) are
 * left exactly as they are.
 */
class SpreadsheetSafetyEndToEndTest {
  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Columns the pipeline formats itself as numbers; a leading '-' is a sign there. */
  static final Set<String> NUMERIC =
      Set.of(
          "iso_year", "iso_week", "articles", "relevant_articles", "relevant_sentences", "pro",
          "anti", "neutral", "mean_score", "ci_low", "ci_high", "share_relevant", "sentences",
          "unity_relevant_sentences", "unity_score", "burden_relevant_sentences", "burden_score",
          "position", "sentence_no", "score", "label", "machine_unity_score",
          "machine_unity_label", "machine_burden_score", "machine_burden_label");

  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  static String record(Map<String, Object> fields) throws Exception {
    return JSON.writeValueAsString(fields);
  }

  static Map<String, Object> article(
      String id, String outlet, String url, String title, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("outlet", outlet);
    m.put("url", url);
    m.put("published", "2024-12-03T10:00:00Z");
    m.put("title", title);
    m.put("text", text);
    return m;
  }

  @Test
  void noCellOfAnyCsvStartsWithAFormulaCharacter() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    String divided =
        "-The alliance is deeply divided and NATO could collapse. "
            + "Allies refuse to pay their fair share and call the spending target madness.";
    List<String> lines = new ArrayList<>();
    lines.add(
        record(
            article(
                "=1+1", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1",
                "@SUM(A1:A9)", divided)));
    lines.add(
        record(
            article(
                "\tid-tab", "\tTabbed outlet", "https://tab.example/a", "\rCR title",
                "@The allies warned that NATO is divided and the alliance is in crisis.")));
    lines.add(
        record(
            article(
                "-minus", "+plus.example", "-http://x", "=cmd|' /C calc'!A0",
                "+NATO allies reaffirmed Article 5 and pledged to stand together.")));
    lines.add("=HYPERLINK(\"http://evil.example\") this is not JSON");
    lines.add("-1");
    Files.writeString(in.resolve("hostile.jsonl"), String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);

    Path out = tmp.resolve("out");
    NewsstanceEndToEndTest.runOn(in.toString(), out, "--codingSample=10");

    List<String> csvs = new ArrayList<>(NewsstanceMain.PUBLISHED);
    if (Files.exists(out.resolve("coding_sample.csv"))) {
      csvs.add("coding_sample.csv");
    }
    List<String> unsafe = new ArrayList<>();
    List<String> negativeNumbers = new ArrayList<>();
    List<String> outlets = new ArrayList<>();
    for (String table : csvs) {
      String content = Files.readString(out.resolve(table), StandardCharsets.UTF_8);
      for (CSVRecord r :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
              .parse(new StringReader(content))) {
        for (Map.Entry<String, String> cell : r.toMap().entrySet()) {
          String v = cell.getValue();
          if (cell.getKey().equals("outlet")) {
            outlets.add(v);
          }
          if (v.isEmpty() || "=+-@\t\r".indexOf(v.charAt(0)) < 0) {
            continue;
          }
          if (NUMERIC.contains(cell.getKey()) && NUMBER.matcher(v).matches()) {
            negativeNumbers.add(table + ":" + cell.getKey() + "=" + v);
          } else {
            unsafe.add(table + ":" + cell.getKey() + "=" + v);
          }
        }
      }
    }
    assertThat("cells a spreadsheet would run: " + unsafe, unsafe, is(empty()));
    assertThat("negative scores are printed as numbers, unaltered", negativeNumbers, not(empty()));
    assertThat(outlets, hasItem("'=HYPERLINK(\"http://evil.example\",\"x\")"));
    assertThat(outlets, hasItem("'+plus.example"));
    assertThat("the sample was drawn and checked too", csvs, hasItem("coding_sample.csv"));
  }
}
