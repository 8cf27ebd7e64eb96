package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
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
