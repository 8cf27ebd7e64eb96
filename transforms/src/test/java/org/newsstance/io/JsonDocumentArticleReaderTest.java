package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

/** JSON files that are one document: a pretty-printed object, an array of objects, or several. */
class JsonDocumentArticleReaderTest {
  private static final ArticleJsonParser PARSER =
      ArticleJsonParser.create().withOutlets(OutletTable.bundled());

  record Read(List<Article> articles, List<Reject> rejects) {}

  private static Read read(String json, int maxRecordBytes) throws IOException {
    return read(json, maxRecordBytes, "");
  }

  private static Read read(String json, int maxRecordBytes, String recordsKey) throws IOException {
    JsonDocumentArticleReader reader =
        new JsonDocumentArticleReader(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            "doc.json",
            PARSER,
            maxRecordBytes,
            recordsKey);
    List<Article> articles = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    ReadOutcome o;
    while ((o = reader.next()) != null) {
      if (o.article() != null) {
        articles.add(o.article());
      } else {
        rejects.add(o.reject());
      }
    }
    return new Read(articles, rejects);
  }

  private static Read read(String json) throws IOException {
    return read(json, 1_000_000);
  }

  /** A record as news-please writes it, pretty-printed with four spaces (12 lines). */
  private static String newsPlease(String path, String text) {
    return "{\n"
        + "    \"authors\": [\n        \"A. Writer\"\n    ],\n"
        + "    \"date_download\": \"2025-01-15 10:00:00\",\n"
        + "    \"date_publish\": \"2025-01-14 08:30:00\",\n"
        + "    \"language\": \"en\",\n"
        + "    \"maintext\": \"" + text + "\",\n"
        + "    \"source_domain\": \"www.herald.co.uk\",\n"
        + "    \"title\": \"Allies agree\",\n"
        + "    \"url\": \"https://www.herald.co.uk/2025/01/14/" + path + "\"\n"
        + "}";
  }

  @Test
  void readsAPrettyPrintedNewsPleaseFile() throws IOException {
    Read r = read("\uFEFF" + newsPlease("a", "NATO allies agreed to raise spending.") + "\n");
    assertThat(r.rejects(), hasSize(0));
    assertThat(r.articles(), hasSize(1));
    Article a = r.articles().get(0);
    assertThat(a.text(), is("NATO allies agreed to raise spending."));
    assertThat(a.outlet(), is("herald.co.uk"));
    assertThat(a.publishedDate(), is("2025-01-14"));
    assertThat(a.title(), is("Allies agree"));
    assertThat(a.position(), is(1L));
  }

  @Test
  void readsEveryObjectOfAnArrayAtTheLineWhereItStarts() throws IOException {
    String json =
        "[\n"
            + newsPlease("a", "First.").replace("\n", "\n  ") + ",\n"
            + newsPlease("b", "Second.").replace("\n", "\n  ") + "\n"
            + "]\n";
    Read r = read(json);
    assertThat(r.rejects(), hasSize(0));
    assertThat(r.articles(), hasSize(2));
    assertThat(r.articles().get(0).position(), is(2L));
    assertThat(r.articles().get(1).position(), is(14L));
    assertThat(r.articles().get(1).text(), is("Second."));
  }

  @Test
  void readsAOneLineArrayAndObjectsOneAfterAnother() throws IOException {
    Read r =
        read(
            "[{\"text\":\"One.\",\"outlet\":\"o\"},{\"text\":\"Two.\",\"outlet\":\"o\"}]\n"
                + newsPlease("c", "Three.") + "\n" + newsPlease("d", "Four."));
    assertThat(r.rejects(), hasSize(0));
    assertThat(
        r.articles().stream().map(Article::text).toList(),
        is(List.of("One.", "Two.", "Three.", "Four.")));
  }

  @Test
  void anElementThatIsNotAnObjectCostsOnlyItself() throws IOException {
    Read r =
        read("[\n  42,\n  \"a string\",\n  [1, [2]],\n  null,\n  {\"text\":\"Kept.\",\"outlet\":\"o\"}\n]");
    assertThat(r.articles(), hasSize(1));
    assertThat(r.rejects(), hasSize(4));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.NOT_AN_OBJECT));
    assertThat(r.rejects().get(0).position(), is("2"));
    assertThat(r.rejects().get(2).detail(), containsString("an array"));
  }

  @Test
  void theRejectsOfAOneLineArrayAreToldApartByValueNumberAndExcerpt() throws IOException {
    Read r = read("[{\"text\":\"Kept.\",\"outlet\":\"o\"}, 1, \"x\", null, [2], 1e999]");
    assertThat(r.rejects(), hasSize(5));
    assertThat(
        r.rejects().stream().map(Reject::excerpt).toList(),
        is(List.of("1", "x", "null", "[...]", "1e999")));
    assertThat(r.rejects().get(0).detail(), containsString("at line 1 (value 2 of the document)"));
    assertThat(r.rejects().get(4).detail(), containsString("(value 6 of the document)"));
  }

  @Test
  void aRecordWithoutTextIsRejectedAsAJsonLineWouldBe() throws IOException {
    Read r = read("[{\"title\":\"No text\"}, {\"text\":\"Kept.\",\"outlet\":\"o\"}]");
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.MISSING_TEXT));
    assertThat(r.articles(), hasSize(1));
  }

  @Test
  void anOversizedObjectIsSkippedWithoutEndingTheFile() throws IOException {
    String big = "{\"text\":\"" + "Allies met. ".repeat(2000) + "\",\"outlet\":\"o\",\"x\":[[[1]]]}";
    Read r = read("[" + big + ",\n{\"text\":\"After.\",\"outlet\":\"o\"}]", 10_000);
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.RECORD_TOO_LARGE));
    assertThat(r.articles(), hasSize(1));
    assertThat(r.articles().get(0).text(), is("After."));
  }

  @Test
  void aTooDeepRecordCostsOnlyItself() throws IOException {
    String deep = "[".repeat(150) + "]".repeat(150);
    Read r =
        read("[{\"text\":\"Deep.\",\"outlet\":\"o\",\"x\":" + deep + "},{\"text\":\"After.\",\"outlet\":\"o\"}]");
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.TOO_DEEPLY_NESTED));
    assertThat(r.articles(), hasSize(1));
  }

  @Test
  void invalidJsonEndsTheFileWithOneRejectAtItsLineAfterTheRecordsBefore() throws IOException {
    String json =
        "[\n"
            + "  {\"text\":\"One.\",\"outlet\":\"o\"},\n"
            + "  {\"text\":\"Two.\",\"outlet\":\"o\"},\n"
            + "  {\"text\": Three, \"outlet\":\"o\"},\n"
            + "  {\"text\":\"Four.\",\"outlet\":\"o\"}\n"
            + "]";
    Read r = read(json);
    assertThat(r.articles(), hasSize(2));
    assertThat(r.rejects(), hasSize(1));
    Reject bad = r.rejects().get(0);
    assertThat(bad.reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(bad.position(), is("4"));
    assertThat(bad.detail(), containsString("the rest of the file was not"));
  }

  @Test
  void aDocumentCutShortKeepsTheRecordsBeforeTheCut() throws IOException {
    String json = "[\n  {\"text\":\"One.\",\"outlet\":\"o\"},\n  {\"text\":\"Tw";
    Read r = read(json);
    assertThat(r.articles(), hasSize(1));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.MALFORMED_JSON));
  }

  @Test
  void aWrapperObjectsRecordsAreItsArraysElements() throws IOException {
    // NewsAPI: {"status": "ok", "totalResults": 2, "articles": [...]}, pages one after another.
    String page =
        "{\n  \"status\": \"ok\",\n  \"totalResults\": 2,\n  \"meta\": {\"articles\": [1]},\n"
            + "  \"articles\": [\n    {\"text\": \"%s one.\", \"outlet\": \"o\"},\n"
            + "    {\"text\": \"%s two.\", \"outlet\": \"o\"}\n  ],\n  \"next\": {\"page\": 2}\n}\n";
    String json =
        String.format(page, "Page1", "Page1") + String.format(page, "Page2", "Page2")
            + "{\"text\": \"A plain record.\", \"outlet\": \"o\", \"articles\": \"not an array\"}";
    Read r = read(json, 1_000_000, "articles");
    assertThat(r.rejects(), hasSize(0));
    assertThat(
        r.articles().stream().map(Article::text).toList(),
        is(List.of("Page1 one.", "Page1 two.", "Page2 one.", "Page2 two.", "A plain record.")));
    assertThat(r.articles().get(0).position(), is(6L));

    // without the key the wrapper is one record without text
    Read plain = read(String.format(page, "P", "P"), 1_000_000, "");
    assertThat(plain.articles(), hasSize(0));
    assertThat(plain.rejects().get(0).reasonCode(), is(RejectCodes.MISSING_TEXT));
  }
  @Test
  void aDottedRecordsPathReachesAnArrayInsideNestedObjects() throws IOException {
    // The Guardian: {"response": {"status": "ok", ..., "results": [...]}}; the NYT:
    // {"status": "OK", "response": {"meta": {...}, "docs": [...]}}. Minified, one page per line.
    String page =
        "{\"response\":{\"status\":\"ok\",\"meta\":{\"results\":[0]},\"results\":["
            + "{\"text\":\"%s one.\",\"outlet\":\"o\"},{\"text\":\"%s two.\",\"outlet\":\"o\"}"
            + "],\"pages\":3},\"after\":{\"results\":[]}}\n";
    String json =
        String.format(page, "Page1", "Page1")
            + String.format(page, "Page2", "Page2")
            // a response object without the array is a record like any other
            + "{\"response\":{\"status\":\"error\"},\"text\":\"Not a page.\",\"outlet\":\"o\"}\n";
    Read r = read(json, 1_000_000, "response.results");
    assertThat(r.rejects(), hasSize(0));
    assertThat(
        r.articles().stream().map(Article::text).toList(),
        is(List.of("Page1 one.", "Page1 two.", "Page2 one.", "Page2 two.", "Not a page.")));
    assertThat(r.articles().get(2).position(), is(2L));

    // the first key alone names an object, not an array: each page is one record without text
    Read wrongPath = read(json, 1_000_000, "response");
    assertThat(wrongPath.articles(), hasSize(1));
    assertThat(wrongPath.rejects(), hasSize(2));
    assertThat(wrongPath.rejects().get(0).reasonCode(), is(RejectCodes.MISSING_TEXT));
  }
}
