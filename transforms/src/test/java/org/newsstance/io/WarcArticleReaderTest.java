package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.MediaType;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

class WarcArticleReaderTest {
  private static final ArticleFactory FACTORY = ArticleFactory.of(OutletTable.bundled(), 2_000_000);

  record Read(List<Article> articles, List<Reject> rejects, Map<String, Integer> skipped) {}

  static Read read(byte[] warc, boolean gzip) throws IOException {
    return read(new ByteArrayInputStream(warc), gzip, 5 * 1024 * 1024);
  }

  static Read read(InputStream in, boolean gzip, int maxBody) throws IOException {
    WarcArticleReader reader = new WarcArticleReader(in, gzip, "test.warc", FACTORY, maxBody);
    List<Article> articles = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    ReadOutcome o;
    while ((o = reader.next()) != null) {
      if (o.article() != null) {
        articles.add(o.article());
      } else if (o.reject() != null) {
        rejects.add(o.reject());
      } else {
        skipped.merge(o.skippedKind(), 1, Integer::sum);
      }
    }
    return new Read(articles, rejects, skipped);
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void readsArticlesSkipsTheRestByKindAndResumesAfterACorruptRecord(boolean gzip) throws IOException {
    Read r = read(WarcFixtures.archive(gzip), gzip);

    assertThat(r.articles(), hasSize(3));
    Article a = r.articles().get(0);
    assertThat(a.title(), is(WarcFixtures.TITLE));
    assertThat(a.text(), is(WarcFixtures.TEXT));
    assertThat(a.outlet(), is("herald.co.uk"));
    assertThat(a.published(), is("2025-01-14T07:30:00Z"));
    assertThat(a.dateSource(), is("meta"));
    assertThat(a.source(), is("test.warc"));
    // the tracking-URL copy is read as an article with the same canonical URL: MarkDuplicates
    // finds it later
    assertThat(r.articles().get(1).canonicalUrl(), is(a.canonicalUrl()));
    assertThat(r.articles().get(1).id(), is(a.id()));

    Article after = r.articles().get(2);
    assertThat(after.title(), is("Ministers meet"));
    assertThat(after.outlet(), is("herald.co.uk"));
    assertThat(after.publishedDate(), is("2025-01-15"));
    assertThat(after.dateSource(), is("url"));

    assertThat(r.rejects(), hasSize(1));
    Reject bad = r.rejects().get(0);
    assertThat(bad.reasonCode(), is(RejectCodes.MALFORMED_WARC));
    assertThat(bad.position(), startsWith("offset "));
    assertThat(bad.detail(), containsString("Content-Length"));

    assertThat(
        r.skipped(),
        is(Map.of("warcinfo", 1, "request", 1, "non_html", 1, "status_404", 1, "revisit", 1)));
  }

  @Test
  void theRejectOffsetOfAGzipMemberIsWhereTheMemberStarts() throws IOException {
    byte[] good = WarcFixtures.write(true, WarcFixtures.request("https://a.example/x"));
    byte[] bad = WarcFixtures.corrupt(true);
    byte[] file = concat(good, bad, good);
    Read r = read(file, true);
    assertThat(r.rejects().get(0).position(), is("offset " + good.length));
    assertThat(r.skipped(), is(Map.of("request", 2)));
  }

  @Test
  void aGarbledGzipMemberIsRejectedAndTheNextMemberIsRead() throws IOException {
    byte[] first = WarcFixtures.write(true, WarcFixtures.response("https://www.herald.co.uk/2025/01/02/a", 200, MediaType.HTML_UTF8,
        WarcFixtures.story("A", "", "First story paragraph that is long enough to be kept by the extractor.")));
    byte[] second = first.clone();
    // flip bytes in the middle of the deflate data of the second member
    for (int i = 30; i < 60; i++) {
      second[i] ^= 0x5A;
    }
    byte[] third = WarcFixtures.write(true, WarcFixtures.request("https://a.example/x"));
    Read r = read(concat(first, second, third), true);
    assertThat(r.articles(), hasSize(1));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).position(), is("offset " + first.length));
    assertThat(r.skipped(), is(Map.of("request", 1)));
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void aTruncatedFileEndsWithOneRejectAndKeepsEveryRecordBefore(boolean gzip) throws IOException {
    byte[] all = WarcFixtures.archive(gzip);
    byte[] cut = Arrays.copyOf(all, all.length - 40);
    Read r = read(cut, gzip);
    assertThat(r.articles(), hasSize(2));
    assertThat(r.rejects(), hasSize(2));
    assertThat(r.rejects().get(1).reasonCode(), is(RejectCodes.TRUNCATED_INPUT));
  }

  @Test
  void aBodyOverTheLimitIsRejectedWithoutBeingHeld() throws IOException {
    String big = WarcFixtures.story("Big", "", "x".repeat(200_000));
    byte[] file = WarcFixtures.write(true,
        WarcFixtures.response("https://www.herald.co.uk/big", 200, MediaType.HTML_UTF8, big),
        WarcFixtures.request("https://www.herald.co.uk/big"));
    Read r = read(new ByteArrayInputStream(file), true, 64 * 1024);
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.RECORD_TOO_LARGE));
    assertThat(r.skipped(), is(Map.of("request", 1)));
  }

  @Test
  void streamsAManyRecordArchiveWithoutHoldingIt() throws IOException {
    byte[] one = WarcFixtures.write(true, WarcFixtures.response("https://www.herald.co.uk/2025/01/02/a", 200,
        MediaType.HTML_UTF8, WarcFixtures.story("A", "", "A paragraph of a story that repeats in every record here.")));
    int copies = 300;
    InputStream repeated = new InputStream() {
      long pos;
      final long total = (long) one.length * copies;

      @Override
      public int read() {
        return pos < total ? one[(int) (pos++ % one.length)] & 0xFF : -1;
      }
    };
    Read r = read(repeated, true, 1024 * 1024);
    assertThat(r.articles(), hasSize(copies));
    assertThat(r.articles().get(copies - 1).position(), is((long) one.length * (copies - 1)));
  }

  @Test
  void aPageWithoutTextIsARejectNamingTheUrl() throws IOException {
    byte[] file = WarcFixtures.write(false,
        WarcFixtures.response("https://www.herald.co.uk/empty", 200, MediaType.HTML_UTF8,
            "<html><body><nav><a href=\"/\">Home</a></nav><script>render()</script></body></html>"));
    Read r = read(file, false);
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.EMPTY_TEXT));
    assertThat(r.rejects().get(0).detail(), containsString("https://www.herald.co.uk/empty"));
    assertThat(r.rejects().get(0).position(), is("offset 0"));
  }

  @Test
  void recordTypesOutsideTheStandardAreCountedUnderOneKey() throws IOException {
    StringBuilder warc = new StringBuilder();
    for (String type : new String[] {"bogus", "=HYPERLINK(1)", "x".repeat(5000), "Metadata"}) {
      warc.append("WARC/1.0\r\nWARC-Type: ").append(type)
          .append("\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2025-01-20T10:00:00Z\r\n")
          .append("Content-Length: 0\r\n\r\n\r\n\r\n");
    }
    Read r = read(warc.toString().getBytes(StandardCharsets.UTF_8), false);
    assertThat(r.rejects(), hasSize(0));
    assertThat(r.skipped(), is(Map.of("other_type", 3, "metadata", 1)));
  }

  /** A raw WARC response record, so tests can write what jwarc's builders refuse to. */
  private static byte[] rawResponse(String url, String warcDate, String httpHead, String html) {
    return rawResponse(url, warcDate, httpHead, html, 0);
  }

  /** A raw response record whose Content-Length is off by {@code lengthError} bytes. */
  private static byte[] rawResponse(
      String url, String warcDate, String httpHead, String html, long lengthError) {
    String block = httpHead + "\r\n" + html;
    byte[] blockBytes = block.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String head =
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url + "\r\n"
            + "WARC-Date: " + warcDate + "\r\n"
            + "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000009>\r\n"
            + "Content-Type: application/http; msgtype=response\r\n"
            + "Content-Length: " + (blockBytes.length + lengthError) + "\r\n\r\n";
    return concat(
        head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        blockBytes,
        "\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  private static final String OK_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";

  private static String page(String sentence) {
    return WarcFixtures.story("T", "", sentence + " The allies met in Brussels to talk about it.");
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  /** Plain, one gzip member per record, and the whole file as one gzip member. */
  private static Read readAllWays(String way, byte[]... records) throws IOException {
    switch (way) {
      case "plain":
        return read(concat(records), false);
      case "members":
        byte[][] members = new byte[records.length][];
        for (int i = 0; i < records.length; i++) {
          members[i] = gzip(records[i]);
        }
        return read(concat(members), true);
      default:
        return read(gzip(concat(records)), true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "members", "whole-file gzip"})
  void anUnparseableWarcDateIsNoCrawlDateAndTheRecordsAfterItAreRead(String way)
      throws IOException {
    // Seen in the wild: WARC-Date written without a zone, or in HTTP-date form. It used to throw
    // DateTimeParseException out of the reader, and the rest of the file became one
    // unreadable_file reject: every later article vanished.
    Read r =
        readAllWays(
            way,
            rawResponse("https://www.herald.co.uk/a", "Tue, 14 Jan 2025 10:00:00 GMT", OK_HEAD,
                page("First page with a bad crawl date.")),
            rawResponse("https://www.herald.co.uk/b", "2025-01-14T10:00:00Z", OK_HEAD,
                page("Second page after it.")));
    assertThat(r.rejects(), hasSize(0));
    assertThat(r.articles(), hasSize(2));
    assertThat(r.articles().get(0).dateSource(), is(""));
    assertThat(r.articles().get(1).url(), is("https://www.herald.co.uk/b"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "members", "whole-file gzip"})
  void aRecordThatCannotBeInterpretedCostsOnlyItselfEvenInsideOneGzipMember(String way)
      throws IOException {
    // A whole-file gzip (gzip crawl.warc) is one member: a broken HTTP header in its first
    // record used to skip to the next member, which is the end of the file.
    Read r =
        readAllWays(
            way,
            rawResponse("https://www.herald.co.uk/x", "2025-01-14T10:00:00Z",
                "HTTP/1.1 abc\r\nfoo\r\n", "body"),
            rawResponse("https://www.herald.co.uk/b", "2025-01-14T10:00:00Z", OK_HEAD,
                page("The page after the broken one.")));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.MALFORMED_WARC));
    assertThat(r.rejects().get(0).position(), is("offset 0"));
    assertThat(r.rejects().get(0).detail(), containsString("https://www.herald.co.uk/x"));
    assertThat(r.articles(), hasSize(1));
    assertThat(r.articles().get(0).url(), is("https://www.herald.co.uk/b"));
  }

  @Test
  void aBrotliBodyIsRejectedSayingWhatToDo() throws IOException {
    // Browser-based crawlers archive Brotli bodies; jwarc's error asked to install a library.
    Read r =
        readAllWays(
            "members",
            rawResponse("https://www.herald.co.uk/br", "2025-01-14T10:00:00Z",
                OK_HEAD + "Content-Encoding: br\r\n", "\u001b\u0003\u0000"),
            rawResponse("https://www.herald.co.uk/b", "2025-01-14T10:00:00Z", OK_HEAD,
                page("The page after it.")));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.UNSUPPORTED_ENCODING));
    assertThat(r.rejects().get(0).detail(), containsString("https://www.herald.co.uk/br"));
    assertThat(r.rejects().get(0).detail(), containsString("Brotli"));
    assertThat(r.articles(), hasSize(1));
  }

  @Test
  void anImageOrPdfServedAsHtmlIsRejectedNotScored() throws IOException {
    // Servers label downloads and error images text/html; their "text" was scored as sentences.
    Read r =
        readAllWays(
            "plain",
            rawResponse("https://www.herald.co.uk/logo", "2025-01-14T10:00:00Z", OK_HEAD,
                "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001NATO allies"),
            rawResponse("https://www.herald.co.uk/report", "2025-01-14T10:00:00Z", OK_HEAD,
                "%PDF-1.7\n1 0 obj << /Title (NATO allies pledge unity) >> endobj\n"),
            rawResponse("https://www.herald.co.uk/b", "2025-01-14T10:00:00Z", OK_HEAD,
                page("The page after them.")));
    assertThat(r.rejects(), hasSize(2));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.BINARY_BODY));
    assertThat(r.rejects().get(0).detail(), containsString("https://www.herald.co.uk/logo"));
    assertThat(r.rejects().get(1).reasonCode(), is(RejectCodes.BINARY_BODY));
    assertThat(r.articles(), hasSize(1));
    assertThat(r.articles().get(0).url(), is("https://www.herald.co.uk/b"));
  }

  private static org.netpreserve.jwarc.WarcConversion conversion(
      String url, String contentType, String text) {
    return new org.netpreserve.jwarc.WarcConversion.Builder()
        .setHeader("WARC-Target-URI", url)
        .date(WarcFixtures.CRAWLED)
        .body(MediaType.parse(contentType), text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .build();
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void commonCrawlWetTextIsReadAsArticles(boolean gzip) throws IOException {
    // WET files: conversion records of text/plain, the text Common Crawl extracted from pages.
    byte[] wet =
        WarcFixtures.write(
            gzip,
            conversion(
                "https://www.herald.co.uk/world/2025/01/14/nato-summit",
                "text/plain",
                "NATO allies meet in Brussels\nNATO allies pledged to stand together on Tuesday.\n"),
            conversion("https://www.herald.co.uk/about", "text/plain", "Caf\u00e9 society, again.\n"),
            conversion("https://www.herald.co.uk/empty", "text/plain", "  \n"),
            conversion("https://www.herald.co.uk/x", "application/octet-stream", "x"),
            conversion("dns:www.herald.co.uk", "text/plain", "127.0.0.1"));
    Read r = read(wet, gzip);
    assertThat(r.articles(), hasSize(2));
    Article a = r.articles().get(0);
    assertThat(a.url(), is("https://www.herald.co.uk/world/2025/01/14/nato-summit"));
    assertThat(a.text(), containsString("pledged to stand together"));
    assertThat(a.outlet(), is("herald.co.uk"));
    assertThat(a.dateSource(), is("url"));
    assertThat(r.articles().get(1).text(), containsString("Caf\u00e9"));
    assertThat(r.articles().get(1).dateSource(), is("crawl"));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.EMPTY_TEXT));
    assertThat(r.skipped(), is(Map.of("conversion", 2)));
  }

  private static final String DATE = "2025-01-14T10:00:00Z";

  private static byte[] good(String path, String sentence) {
    return rawResponse("https://www.herald.co.uk/" + path, DATE, OK_HEAD, page(sentence));
  }

  @ParameterizedTest(name = "{0}, length error {1}")
  @CsvSource({
    "plain, 500", "whole-file gzip, 500", "members, 500",
    "plain, 99999999", "whole-file gzip, 99999999", "members, 99999999",
    "plain, 300000", "whole-file gzip, 300000",
    "plain, -40", "whole-file gzip, -40", "members, -40"})
  void aWrongContentLengthCostsOnlyItsOwnRecord(String way, long lengthError) throws IOException {
    // A Content-Length larger than the record used to swallow every record after it in an
    // uncompressed file or a whole-file gzip (one truncated_input); the record after the bad
    // one is long (over the 64 KB look-ahead) so that the error is found only after reading it.
    String longPage = page("A long page after the bad one. " + "Allies met again in Riga. ".repeat(12000));
    Read r =
        readAllWays(
            way,
            good("a", "The first page."),
            rawResponse("https://www.herald.co.uk/bad", DATE, OK_HEAD, page("The bad page."), lengthError),
            good("long", longPage),
            good("c", "The page after the long one."),
            good("d", "The last page."));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.MALFORMED_WARC));
    assertThat(r.rejects().get(0).detail(), containsString("Content-Length"));
    List<String> urls = new ArrayList<>();
    for (Article a : r.articles()) {
      urls.add(a.url());
    }
    assertThat(
        urls,
        is(List.of("https://www.herald.co.uk/a", "https://www.herald.co.uk/long",
            "https://www.herald.co.uk/c", "https://www.herald.co.uk/d")));
  }

  @Test
  void offsetsAfterARecordThatRanOverAreTheRealOnes() throws IOException {
    byte[] first = rawResponse("https://www.herald.co.uk/bad", DATE, OK_HEAD, page("Bad."), 99999999);
    byte[] second = good("b", "After the bad one.");
    byte[] third = good("c", "The last one.");
    Read r = read(concat(first, second, third), false);
    assertThat(r.rejects().get(0).position(), is("offset 0"));
    assertThat(r.articles().get(0).position(), is((long) first.length));
    assertThat(r.articles().get(1).position(), is((long) first.length + second.length));
  }

  @Test
  void everyRecordOfAFileOfWrongLengthsIsAccountedFor() throws IOException {
    // Each record runs over the next: each is one reject, the last one (nothing after it) is the
    // file's end; no record vanishes and the work stays bounded by the evidence limit.
    int n = 200;
    byte[][] records = new byte[n][];
    for (int i = 0; i < n; i++) {
      records[i] = rawResponse("https://www.herald.co.uk/p" + i, DATE, OK_HEAD, page("Page " + i + "."), 99999999);
    }
    Read r = read(concat(records), false);
    assertThat(r.articles(), hasSize(0));
    assertThat(r.rejects(), hasSize(n));
    assertThat(r.rejects().get(n - 1).reasonCode(), is(RejectCodes.TRUNCATED_INPUT));
    assertThat(r.rejects().get(n - 2).reasonCode(), is(RejectCodes.MALFORMED_WARC));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "members", "whole-file gzip"})
  void aRecordWhoseBodyHoldsAWarcRecordIsReadWhole(String way) throws IOException {
    // An archived .warc file: its body holds CRLF CRLF WARC/1.0, which is not a record start.
    byte[] inner = good("inner", "An archived record inside a body.");
    byte[] warcInWarc =
        rawResponse(
            "https://www.herald.co.uk/crawl.warc",
            DATE,
            "HTTP/1.1 200 OK\r\nContent-Type: application/warc\r\n",
            new String(inner, java.nio.charset.StandardCharsets.ISO_8859_1) + "x".repeat(100_000));
    Read r = readAllWays(way, warcInWarc, good("after", "The page after the archive."));
    assertThat(r.rejects(), hasSize(0));
    assertThat(r.skipped(), is(Map.of("non_html", 1)));
    assertThat(r.articles(), hasSize(1));
    assertThat(r.articles().get(0).url(), is("https://www.herald.co.uk/after"));
  }

  @ParameterizedTest(name = "Content-Encoding: {0}")
  @ValueSource(strings = {"br", "BR", "gzip, br", "br, gzip", "br,gzip"})
  void brotliAnywhereInTheEncodingListIsUnsupported(String encoding) throws IOException {
    Read r =
        readAllWays(
            "plain",
            rawResponse("https://www.herald.co.uk/br", DATE, OK_HEAD + "Content-Encoding: " + encoding + "\r\n", "\u001b\u0003\u0000"),
            good("b", "The page after it."));
    assertThat(r.rejects(), hasSize(1));
    assertThat(r.rejects().get(0).reasonCode(), is(RejectCodes.UNSUPPORTED_ENCODING));
    assertThat(r.articles(), hasSize(1));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
