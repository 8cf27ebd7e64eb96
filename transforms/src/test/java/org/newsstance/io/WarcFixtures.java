package org.newsstance.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Builds WARC files in code with jwarc's writer, so tests need no binary fixtures. {@link
 * #story} is the page the tests expect to read: a news article wrapped in the boilerplate real
 * pages have.
 */
public final class WarcFixtures {
  public static final Instant CRAWLED = Instant.parse("2025-01-20T10:00:00Z");

  public static final String TITLE = "Allies agree to share the cost of air defence";
  public static final String PARAGRAPH_1 =
      "NATO allies on Tuesday agreed to share the cost of a new air-defence shield, ministers said"
          + " after a meeting in Brussels.";
  public static final String PARAGRAPH_2 =
      "The agreement commits every member to contribute in proportion to its economy, a step"
          + " officials called a sign of unity.";
  public static final String TEXT = PARAGRAPH_1 + "\n\n" + PARAGRAPH_2;

  private WarcFixtures() {}

  /** A news page with the story inside navigation, cookie banner, share bar, related list … */
  public static String story(String title, String published, String... paragraphs) {
    StringBuilder body = new StringBuilder();
    for (String p : paragraphs) {
      body.append("<p>").append(p).append("</p>\n");
    }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + "<title>" + title + " | Herald</title>"
        + "<meta property=\"og:title\" content=\"" + title + "\">"
        + (published.isEmpty()
            ? ""
            : "<meta property=\"article:published_time\" content=\"" + published + "\">")
        + "<script>var tracking = 'NATO allies cheer';</script></head><body>"
        + "<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all"
        + " cookies to continue reading this website.</div>"
        + "<header><nav><a href=\"/\">Home</a><a href=\"/world\">World</a></nav></header>"
        + "<main><article>"
        + "<h1>" + title + "</h1>"
        + "<div class=\"byline\">By Jane Reporter, Defence Correspondent</div>"
        + "<figure><img src=\"/a.jpg\"><figcaption>Ministers arrive for talks in Brussels."
        + " Photo: Agency</figcaption></figure>"
        + "<div itemprop=\"articleBody\">" + body + "</div>"
        + "<div class=\"share-tools\"><p>Share this article on social media with your"
        + " friends and colleagues.</p></div>"
        + "<aside class=\"related-stories\"><ul><li>Read more: Allies quarrel over tanks in"
        + " a long related headline</li></ul></aside>"
        + "</article></main>"
        + "<footer><p>Copyright 2025 Herald Media. All rights reserved. Terms and privacy"
        + " policy apply.</p></footer></body></html>";
  }

  public static WarcResponse response(String url, int status, MediaType type, String body)
      throws IOException {
    HttpResponse http =
        new HttpResponse.Builder(status, status == 200 ? "OK" : "Not Found")
            .body(type, body.getBytes(StandardCharsets.UTF_8))
            .build();
    return new WarcResponse.Builder(URI.create(url)).date(CRAWLED).body(http).build();
  }

  public static WarcRequest request(String url) throws IOException {
    HttpRequest http = new HttpRequest.Builder("GET", URI.create(url).getRawPath()).build();
    return new WarcRequest.Builder(URI.create(url)).date(CRAWLED).body(http).build();
  }

  public static WarcRevisit revisit(String url) throws IOException {
    return new WarcRevisit.Builder(URI.create(url))
        .date(CRAWLED)
        .body(new HttpResponse.Builder(200, "OK").build())
        .build();
  }

  /** Serialises records, each as its own gzip member when {@code gzip}. */
  public static byte[] write(boolean gzip, WarcRecord... records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WarcWriter w = new WarcWriter(java.nio.channels.Channels.newChannel(out),
        gzip ? WarcCompression.GZIP : WarcCompression.NONE);
    for (WarcRecord r : records) {
      w.write(r);
    }
    w.close();
    return out.toByteArray();
  }

  /** The complete test archive: every kind of record, a corrupt one and a good one after it. */
  public static byte[] archive(boolean gzip) throws IOException {
    String url = "https://www.herald.co.uk/world/2025/01/14/allies-share-air-defence-cost";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        write(
            gzip,
            new Warcinfo.Builder().filename("test.warc").build(),
            request(url),
            response(url, 200, MediaType.HTML_UTF8, story(TITLE, "2025-01-14T08:30:00+01:00", PARAGRAPH_1, PARAGRAPH_2)),
            response(url + "?utm_source=twitter&utm_medium=social", 200, MediaType.HTML_UTF8,
                story(TITLE, "2025-01-14T08:30:00+01:00", PARAGRAPH_1, PARAGRAPH_2)),
            response("https://www.herald.co.uk/media/photo.jpg", 200, MediaType.parse("image/jpeg"), "JPEGDATA"),
            response("https://www.herald.co.uk/missing", 404, MediaType.HTML_UTF8, "<html><body><p>Not found</p></body></html>"),
            revisit(url)));
    out.write(corrupt(gzip));
    out.write(
        write(
            gzip,
            response("https://news.herald.co.uk/europe/2025-01-15/ministers-meet", 200,
                MediaType.HTML_UTF8, story("Ministers meet", "", "Defence ministers met in Riga to discuss shared spending on the eastern flank."))));
    return out.toByteArray();
  }

  /** A record whose Content-Length promises more than it has; gzip-compressed alone if asked. */
  public static byte[] corrupt(boolean gzip) throws IOException {
    String block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>cut</p>";
    String record =
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.herald.co.uk/broken\r\n"
            + "WARC-Date: 2025-01-20T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            + "Content-Type: application/http; msgtype=response\r\n"
            + "Content-Length: " + (block.length() + 500) + "\r\n\r\n" + block + "\r\n\r\n";
    byte[] bytes = record.getBytes(StandardCharsets.ISO_8859_1);
    if (!gzip) {
      return bytes;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
