package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlArticleExtractorTest {
  private static final Instant CRAWL = Instant.parse("2025-02-01T12:00:00.5Z");

  private static HtmlArticleExtractor.Extracted extract(String html, String url) {
    return HtmlArticleExtractor.extract(html.getBytes(StandardCharsets.UTF_8), null, url, CRAWL);
  }

  @Test
  void keepsTheArticleBodyAndDropsTheBoilerplateAroundIt() {
    HtmlArticleExtractor.Extracted e =
        extract(
            WarcFixtures.story(WarcFixtures.TITLE, "2025-01-14", WarcFixtures.PARAGRAPH_1, WarcFixtures.PARAGRAPH_2),
            "https://h.example/x");
    assertThat(e.text(), is(WarcFixtures.TEXT));
    assertThat(e.title(), is(WarcFixtures.TITLE));
    assertThat(e.published(), is("2025-01-14"));
    assertThat(e.dateSource(), is("meta"));
  }

  @Test
  void withoutMarkupHintsTheDensestParagraphBlockWins() {
    String html =
        "<html><head><title>T</title></head><body>"
            + "<div class=\"top\"><p>Short teaser.</p></div>"
            + "<div id=\"content-x\"><p>" + "The first real paragraph of the story is here. ".repeat(3) + "</p>"
            + "<p>" + "The second real paragraph follows it closely. ".repeat(3) + "</p></div>"
            + "<div class=\"cookie-consent\"><p>" + "Accept cookies to continue reading. ".repeat(5) + "</p></div>"
            + "</body></html>";
    HtmlArticleExtractor.Extracted e = extract(html, "https://h.example/x");
    assertThat(e.text(), containsString("first real paragraph"));
    assertThat(e.text(), containsString("\n\nThe second"));
    assertThat(e.text(), not(containsString("Short teaser")));
    assertThat(e.text(), not(containsString("cookies")));
    assertThat(e.title(), is("T"));
  }

  @Test
  void aPageOfTensOfThousandsOfParagraphsInOneBlockIsReadInLinearTime() {
    // Real archives hold such pages (forum threads, live blogs, long lists); the paragraph-density
    // search measured the block once per paragraph, so this 3 MB page took hours.
    StringBuilder html = new StringBuilder("<html><body><div>");
    for (int i = 0; i < 60_000; i++) {
      html.append("<p>Paragraph ").append(i).append(" says the allies are united on defence.</p>");
    }
    html.append("</div></body></html>");
    HtmlArticleExtractor.Extracted e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> extract(html.toString(), "https://h.example/live"));
    assertThat(e.text(), containsString("Paragraph 59999 says"));
  }

  @Test
  void takesTheDateFromJsonLdGraphsWhenNoMetaTagHasOne() {
    String html =
        "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
            + "\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\","
            + "\"datePublished\":\"2025-01-13T22:15:00-05:00\"}]}</script>"
            + "<script type=\"application/ld+json\">{broken</script></head>"
            + "<body><article><p>Body text of the article.</p></article></body></html>";
    HtmlArticleExtractor.Extracted e = extract(html, "https://h.example/2024/01/01/x");
    assertThat(e.published(), is("2025-01-13T22:15:00-05:00"));
    assertThat(e.dateSource(), is("jsonld"));
  }

  @Test
  void fallsBackToTimeThenUrlThenCrawl() {
    String time =
        "<html><body><article><time datetime=\"2025-01-10T09:00:00Z\">10 Jan</time>"
            + "<p>Body.</p></article></body></html>";
    assertThat(extract(time, "https://h.example/a").dateSource(), is("time"));

    String none = "<html><body><article><p>Body.</p></article></body></html>";
    HtmlArticleExtractor.Extracted byUrl = extract(none, "https://h.example/news/2025/1/9/story");
    assertThat(byUrl.published(), is("2025-01-09"));
    assertThat(byUrl.dateSource(), is("url"));
    assertThat(extract(none, "https://h.example/2025-01-08-story").published(), is("2025-01-08"));

    HtmlArticleExtractor.Extracted crawl = extract(none, "https://h.example/story");
    assertThat(crawl.published(), is("2025-02-01T12:00:00Z"));
    assertThat(crawl.dateSource(), is("crawl"));
  }

  @Test
  void anUnparseableMetaDateFallsThroughToTheNextRule() {
    String html =
        "<html><head><meta property=\"article:published_time\" content=\"Tuesday\">"
            + "<meta name=\"parsely-pub-date\" content=\"2025-01-07T08:00:00Z\"></head>"
            + "<body><p>Body.</p></body></html>";
    HtmlArticleExtractor.Extracted e = extract(html, "https://h.example/a");
    assertThat(e.published(), is("2025-01-07T08:00:00Z"));
    assertThat(e.dateSource(), is("meta"));
  }

  @Test
  void titleFallsBackToH1AndTheCharsetIsDetected() {
    byte[] latin1 =
        "<html><head><meta charset=\"iso-8859-1\"></head><body><h1>Caf\u00e9 talks</h1><p>Ca f\u00e9.</p></body></html>"
            .getBytes(StandardCharsets.ISO_8859_1);
    HtmlArticleExtractor.Extracted e = HtmlArticleExtractor.extract(latin1, null, "https://h.example/a", null);
    assertThat(e.title(), is("Caf\u00e9 talks"));
    assertThat(e.text(), is("Ca f\u00e9."));
    assertThat(e.dateSource(), is(""));
  }
}
