package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;

/**
 * The same stories given as a WARC.gz crawl, a CSV export and a news-please JSON dump give the
 * same articles: the real pipeline runs on each and the rows of {@code articles.csv} are compared
 * (all columns but where the record came from and how its date was found).
 */
class ArchiveFormatsEndToEndTest {
  @TempDir Path tmp;

  record Story(String url, String title, String published, String publishedUtc, List<String> paragraphs) {
    String text() {
      return String.join("\n\n", paragraphs);
    }
  }

  static final List<Story> STORIES =
      List.of(
          new Story(
              "https://www.bbc.co.uk/news/world-europe-71000001",
              "Allies pledge to stand together on air defence",
              "2025-01-14T08:30:00+01:00",
              "2025-01-14 07:30:00",
              List.of(
                  "NATO allies on Tuesday pledged to stand together and strengthen the alliance's"
                      + " air defence, ministers said in Brussels.",
                  "The allies agreed that every member must pay its fair share of the cost, a step"
                      + " officials called a show of unity.")),
          new Story(
              "https://www.bbc.co.uk/news/world-europe-71000002",
              "Spending row splits the alliance",
              "2025-01-21T18:00:00Z",
              "2025-01-21 18:00:00",
              List.of(
                  "A bitter row over defence spending has split the alliance, diplomats said.",
                  "Several governments refused to raise their contributions and accused others"
                      + " of free-riding on American protection.")),
          new Story(
              "https://www.bbc.co.uk/news/uk-71000003",
              "Ferry services resume after storm",
              "2025-01-22",
              "2025-01-22",
              List.of(
                  "Ferry services across the Channel resumed on Wednesday after a storm closed"
                      + " ports for two days.")));

  static String html(Story s) {
    StringBuilder body = new StringBuilder();
    for (String p : s.paragraphs()) {
      body.append("<p>").append(p).append("</p>");
    }
    return "<!DOCTYPE html><html><head><title>" + s.title() + " - BBC News</title>"
        + "<meta property=\"og:title\" content=\"" + s.title() + "\">"
        + "<meta property=\"article:published_time\" content=\"" + s.published() + "\"></head>"
        + "<body><div id=\"cookie-banner\"><p>We use cookies. Let us know you agree to all"
        + " cookies.</p></div><nav><ul><li>Home</li><li>News</li></ul></nav>"
        + "<article><h1>" + s.title() + "</h1><div class=\"byline\">By A Correspondent</div>"
        + "<figure><figcaption>Ministers arrive in Brussels</figcaption></figure>"
        + "<div data-component=\"text-block\">" + body + "</div>"
        + "<section class=\"related-content\"><ul><li>Allies united, says chief</li></ul></section>"
        + "</article><footer><p>Copyright 2025 BBC.</p></footer></body></html>";
  }

  Path warc() throws IOException {
    Path file = tmp.resolve("in/crawl.warc.gz");
    Files.createDirectories(file.getParent());
    Instant crawled = Instant.parse("2025-02-01T00:00:00Z");
    try (WarcWriter w = new WarcWriter(Files.newByteChannel(file,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE), WarcCompression.GZIP)) {
      for (Story s : STORIES) {
        w.write(new WarcRequest.Builder(URI.create(s.url())).date(crawled)
            .body(new HttpRequest.Builder("GET", URI.create(s.url()).getRawPath()).build()).build());
        w.write(new WarcResponse.Builder(URI.create(s.url())).date(crawled)
            .body(new HttpResponse.Builder(200, "OK")
                .body(MediaType.HTML_UTF8, html(s).getBytes(StandardCharsets.UTF_8)).build())
            .build());
      }
      w.write(new WarcResponse.Builder(URI.create("https://ichef.bbci.co.uk/a.jpg")).date(crawled)
          .body(new HttpResponse.Builder(200, "OK").body(MediaType.parse("image/jpeg"), new byte[] {1, 2}).build())
          .build());
      w.write(new WarcResponse.Builder(URI.create("https://www.bbc.co.uk/gone")).date(crawled)
          .body(new HttpResponse.Builder(404, "Not Found").body(MediaType.HTML_UTF8, new byte[0]).build())
          .build());
      w.write(new WarcRevisit.Builder(URI.create(STORIES.get(0).url())).date(crawled)
          .body(new HttpResponse.Builder(200, "OK").build()).build());
    }
    return file;
  }

  Path csv() throws IOException {
    Path file = tmp.resolve("in/export.csv");
    Files.createDirectories(file.getParent());
    try (OutputStream o = Files.newOutputStream(file);
        CSVPrinter p = new CSVPrinter(new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8),
            CSVFormat.RFC4180)) {
      o.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      p.printRecord("headline", "body", "date", "link");
      for (Story s : STORIES) {
        p.printRecord(s.title(), s.text(), s.published(), s.url());
      }
    }
    return file;
  }

  Path newsPlease() throws IOException {
    Path file = tmp.resolve("in/dump.jsonl");
    Files.createDirectories(file.getParent());
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (Story s : STORIES) {
      sb.append(json.writeValueAsString(newsPleaseRecord(s))).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** The news-please record of a story, as its dump line and its own .json file hold it. */
  static Map<String, Object> newsPleaseRecord(Story s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("authors", List.of("A Correspondent"));
    m.put("date_download", "2025-02-01 00:00:00");
    m.put("date_publish", s.publishedUtc());
    m.put("language", "en");
    m.put("maintext", s.text());
    m.put("source_domain", "www.bbc.co.uk");
    m.put("title", s.title());
    m.put("url", s.url());
    return m;
  }

  @Test
  void newsPleasesOwnJsonFilesAndAnArrayExportGiveWhatItsDumpGives() throws Exception {
    // news-please writes one indented object per article file; APIs export arrays of objects.
    // Read as JSON lines, every line of them used to be a malformed_json reject.
    Path dir = tmp.resolve("np");
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 2; i++) {
      Files.writeString(
          dir.resolve("article-" + i + ".json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(newsPleaseRecord(STORIES.get(i))),
          StandardCharsets.UTF_8);
    }
    Files.writeString(
        dir.resolve("export.json"),
        json.writerWithDefaultPrettyPrinter()
            .writeValueAsString(List.of(newsPleaseRecord(STORIES.get(2)), List.of("not an object"))),
        StandardCharsets.UTF_8);

    NewsstanceMain.RunReport fromFiles = NewsstanceEndToEndTest.runOn(dir.toString(), tmp.resolve("out-np"));
    NewsstanceEndToEndTest.runOn(newsPlease().toString(), tmp.resolve("out-json"));

    assertThat(fromFiles.reconciles(), is(true));
    assertThat(fromFiles.counts().get("records_read"), is(4L));
    assertThat(fromFiles.counts().get("rejected.not_an_object"), is(1L));
    assertThat(articles(tmp.resolve("out-np")), is(articles(tmp.resolve("out-json"))));
  }

  @Test
  void jsonFieldsReadsAnExportWithOtherKeysAsTheDumpIsRead() throws Exception {
    Path file = tmp.resolve("api/articles.jsonl");
    Files.createDirectories(file.getParent());
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (Story s : STORIES) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", Map.of("id", "bbc-news", "name", "www.bbc.co.uk"));
      m.put("title", s.title());
      m.put("url", s.url());
      m.put("publishedAt", s.publishedUtc());
      m.put("content", s.text());
      m.put("language", "en");
      sb.append(json.writeValueAsString(m)).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);

    NewsstanceMain.RunReport r =
        NewsstanceEndToEndTest.runOn(file.toString(), tmp.resolve("out-api"),
            "--jsonFields=text=content,published=publishedAt,outlet=source.name");
    NewsstanceEndToEndTest.runOn(newsPlease().toString(), tmp.resolve("out-json"));

    assertThat(r.reconciles(), is(true));
    assertThat(r.counts().get("articles"), is(3L));
    assertThat(articles(tmp.resolve("out-api")), is(articles(tmp.resolve("out-json"))));
    UserError bad =
        assertThrows(
            UserError.class,
            () -> NewsstanceEndToEndTest.runOn(file.toString(), tmp.resolve("out-bad"),
                "--jsonFields=body"));
    assertThat(bad.getMessage(), containsString("--jsonFields entry \"body\""));
  }

  /** articles.csv rows without the columns that say where a record came from. */
  static List<Map<String, String>> articles(Path out) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(Files.readString(out.resolve("articles.csv"), StandardCharsets.UTF_8)))) {
      Map<String, String> row = new LinkedHashMap<>(r.toMap());
      row.remove("source");
      row.remove("position");
      row.remove("date_source");
      rows.add(row);
    }
    return rows;
  }

  @Test
  void aWarcACsvExportAndANewsPleaseDumpGiveTheSameArticles() throws Exception {
    NewsstanceMain.RunReport fromWarc =
        NewsstanceEndToEndTest.runOn(warc().toString(), tmp.resolve("out-warc"));
    NewsstanceMain.RunReport fromCsv =
        NewsstanceEndToEndTest.runOn(csv().toString(), tmp.resolve("out-csv"),
            "--csvColumns=text=body,published=date,title=headline,url=link");
    NewsstanceMain.RunReport fromJson =
        NewsstanceEndToEndTest.runOn(newsPlease().toString(), tmp.resolve("out-json"));

    List<Map<String, String>> warcRows = articles(tmp.resolve("out-warc"));
    assertThat(warcRows, hasSize(3));
    assertThat(warcRows.get(0).get("outlet"), is("BBC"));
    assertThat(warcRows.get(0).get("title"), is(STORIES.get(0).title()));
    assertThat(warcRows.get(0).get("published"), is("2025-01-14T07:30:00Z"));
    assertThat(warcRows.get(0).get("sentences"), is("2"));
    assertThat("the first story is scored on unity", warcRows.get(0).get("unity_score").isEmpty(), is(false));
    assertThat(warcRows, is(articles(tmp.resolve("out-csv"))));
    assertThat(warcRows, is(articles(tmp.resolve("out-json"))));

    for (NewsstanceMain.RunReport r : List.of(fromWarc, fromCsv, fromJson)) {
      assertThat(r.reconciles(), is(true));
      assertThat(r.counts().get("records_read"), is(3L));
    }
    Map<String, Long> c = fromWarc.counts();
    assertThat(c.get("warc_skipped.request"), is(3L));
    assertThat(c.get("warc_skipped.non_html"), is(1L));
    assertThat(c.get("warc_skipped.status_404"), is(1L));
    assertThat(c.get("warc_skipped.revisit"), is(1L));
    assertThat(fromWarc.summary(), containsString("WARC records skipped"));
    String dateSources = Files.readString(tmp.resolve("out-warc/articles.csv"));
    assertThat(dateSources, containsString(",meta,"));
  }

  @Test
  void aMissingCsvColumnStopsTheRunBeforeItStartsNamingTheRealHeader() throws Exception {
    Path file = csv();
    UserError e =
        assertThrows(
            UserError.class,
            () -> NewsstanceEndToEndTest.runOn(file.toString(), tmp.resolve("out"),
                "--csvColumns=text=body,published=pubdate"));
    assertThat(e.getMessage(), containsString("export.csv"));
    assertThat(e.getMessage(), containsString("pubdate"));
    assertThat(e.getMessage(), containsString("headline,body,date,link"));
  }

  @Test
  void aDirectoryOfMixedFormatsIsReadWithTheRightReaderEach() throws Exception {
    warc();
    newsPlease();
    Files.writeString(tmp.resolve("in/README.md"), "not data");
    NewsstanceMain.RunReport r = NewsstanceEndToEndTest.runOn(tmp.resolve("in").toString(), tmp.resolve("out"));
    assertThat(r.reconciles(), is(true));
    assertThat(r.counts().get("records_read"), is(6L));
    assertThat(r.counts().get("duplicates"), is(3L));
  }
}
