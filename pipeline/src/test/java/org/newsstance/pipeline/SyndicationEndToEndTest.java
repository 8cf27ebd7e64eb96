package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a wire story printed by two outlets, trimmed once inside one of them,
 * with and without {@code --countSyndicatedOnce}.
 */
class SyndicationEndToEndTest {
  static final String STORY =
      "Defence ministers from the alliance met in Brussels on Tuesday to discuss a new plan for"
          + " sharing the cost of air defence along the eastern flank.\n\n"
          + "The proposal, drafted by the German and Polish delegations, would create a common fund"
          + " to which every member contributes according to the size of its economy.\n\n"
          + "Several smaller states said they welcomed the idea but warned that the formula must"
          + " take into account what they already spend on their own armed forces.\n\n"
          + "The secretary general said the talks had been constructive and that a decision was"
          + " expected before the summit in July, when leaders will meet in The Hague.\n\n"
          + "Officials cautioned that the fund would need approval from national parliaments,"
          + " several of which face elections next year and are wary of new spending commitments.";

  static final String OTHER =
      "Poland, which spends more than four percent of its output on the military, has pushed"
          + " hardest for a common plan, diplomats said on Wednesday.\n\n"
          + "No agreement is expected before the July summit, and several capitals have asked for"
          + " a detailed costing first, according to officials familiar with the talks.";

  @TempDir Path tmp;

  @Test
  void syndicatedCopiesAreKeptPerOutletAndCanBeCountedOnce() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    lines.add(record(json, "h1", "herald.example", "2024-12-03T10:00:00Z", STORY));
    lines.add(
        record(json, "h2", "herald.example", "2024-12-03T12:00:00Z",
            STORY.substring(0, STORY.lastIndexOf("\n\n"))));
    lines.add(
        record(json, "c1", "courier.example", "2024-12-02T18:00:00Z",
            STORY.replace("Tuesday", "Monday").replace("constructive", "useful")));
    lines.add(record(json, "c2", "courier.example", "2024-12-04T08:00:00Z", OTHER));
    Path input = tmp.resolve("wire.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);

    Path plain = tmp.resolve("plain");
    NewsstanceMain.RunReport r1 = NewsstanceEndToEndTest.runOn(input.toString(), plain);
    Map<String, CSVRecord> articles = byId(plain.resolve("articles.csv"));
    assertThat(articles.get("h2").get("duplicate_of"), is("h1"));
    String cluster = articles.get("h1").get("cluster_id");
    assertThat(articles.get("h2").get("cluster_id"), is(cluster));
    assertThat(articles.get("c1").get("cluster_id"), is(cluster));
    assertThat(articles.get("c1").get("duplicate_of"), is(""));
    assertThat(articles.get("c2").get("cluster_id").equals(cluster), is(false));
    assertThat(r1.counts().get("duplicates"), is(1L));
    assertThat(r1.counts().get("near_duplicates"), is(1L));
    assertThat(r1.counts().get("syndicated"), is(2L));
    assertThat(r1.counts().get("syndicated_clusters"), is(1L));
    assertThat(r1.reconciles(), is(true));
    Map<String, long[]> cells = volume(plain.resolve("outlet_week.csv"));
    assertThat(cells.get("herald.example")[0], is(1L)); // h1 (h2 is its near-duplicate)
    assertThat(cells.get("herald.example")[1], is(1L));
    assertThat(cells.get("courier.example")[0], is(2L)); // c1 and c2
    assertThat(cells.get("courier.example")[1], is(1L));

    Path once = tmp.resolve("once");
    NewsstanceEndToEndTest.runOn(input.toString(), once, "--countSyndicatedOnce=true");
    Map<String, long[]> onceCells = volume(once.resolve("outlet_week.csv"));
    assertThat("h1 is represented by c1, published earlier", onceCells.containsKey("herald.example"), is(false));
    assertThat(onceCells.get("courier.example")[0], is(2L));
    assertThat(onceCells.get("courier.example")[1], is(1L));
    assertThat(
        "articles.csv does not depend on the option",
        Files.readString(once.resolve("articles.csv")),
        is(Files.readString(plain.resolve("articles.csv"))));
  }

  private static String record(ObjectMapper json, String id, String outlet, String published, String text)
      throws Exception {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("id", id);
    m.put("url", "https://" + outlet + "/" + id);
    m.put("outlet", outlet);
    m.put("published", published);
    m.put("title", "Title " + id);
    m.put("text", text);
    return json.writeValueAsString(m);
  }

  private static Map<String, CSVRecord> byId(Path csv) throws Exception {
    Map<String, CSVRecord> m = new HashMap<>();
    for (CSVRecord r : parse(csv)) {
      m.put(r.get("article_id"), r);
    }
    return m;
  }

  /** Per outlet (one week, first dimension only): articles and syndicated. */
  private static Map<String, long[]> volume(Path csv) throws Exception {
    Map<String, long[]> m = new HashMap<>();
    for (CSVRecord r : parse(csv)) {
      if (r.get("dimension").equals("unity")) {
        m.put(r.get("outlet"), new long[] {Long.parseLong(r.get("articles")), Long.parseLong(r.get("syndicated"))});
      }
    }
    return m;
  }

  private static Iterable<CSVRecord> parse(Path csv) throws Exception {
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(Files.readString(csv, StandardCharsets.UTF_8)));
  }
}
