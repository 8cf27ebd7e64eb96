package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCanonicalizerTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.example.com/news/story|https://example.com/news/story",
        "HTTP://WWW.Example.COM/News/Story/|https://example.com/News/Story",
        "https://example.com/|https://example.com",
        "https://example.com|https://example.com",
        "https://example.com///|https://example.com",
        "https://example.com/a#section-2|https://example.com/a",
        "https://example.com:443/a|https://example.com/a",
        "http://example.com:80/a|https://example.com/a",
        "https://example.com:8080/a|https://example.com:8080/a",
        "https://user:pw@example.com/a|https://example.com/a",
        "https://example.com./a|https://example.com/a",
        "'  https://example.com/a  '|https://example.com/a",
        "//www.example.com/a|https://example.com/a",
        // tracking parameters
        "https://ex.com/a?utm_source=tw&id=3&UTM_Medium=x&fbclid=abc&gclid=1&p=2|https://ex.com/a?id=3&p=2",
        "https://ex.com/a?utm_campaign=x|https://ex.com/a",
        "https://ex.com/a?b=2&a=1|https://ex.com/a?b=2&a=1",
        "https://ex.com/a?&&x=1&&|https://ex.com/a?x=1",
        "https://ex.com/a?|https://ex.com/a",
        "https://ex.com/a?msclkid=1&mc_cid=2&_ga=3&igshid=4|https://ex.com/a",
        "https://ex.com/a?flag|https://ex.com/a?flag",
        "https://ex.com/search?q=Utm_Source|https://ex.com/search?q=Utm_Source",
        // AMP variants
        "https://www.example.com/news/story/amp|https://example.com/news/story",
        "https://www.example.com/news/story/amp/|https://example.com/news/story",
        "https://www.example.com/amp/news/story|https://example.com/news/story",
        "https://amp.example.com/news/story|https://example.com/news/story",
        "https://www.example.com/news/story?amp=1|https://example.com/news/story",
        "https://www.example.com/news/story?amp|https://example.com/news/story",
        "https://www.example.com/news/story?outputType=amp&x=1|https://example.com/news/story?x=1",
        "https://www.example.com/news/ampersand|https://example.com/news/ampersand",
        "https://www.example.com/news/story?amp=0|https://example.com/news/story?amp=0",
        "https://amp.com/a|https://amp.com/a",
        "https://www.com/a|https://www.com/a",
        // other schemes and unusual hosts
        "ftp://Files.Example.com/x|ftp://files.example.com/x",
        "https://[2001:DB8::1]:8443/a|https://[2001:db8::1]:8443/a",
        "https://bücher.de/Straße|https://bücher.de/Straße",
        "https://ex.com/a%2Fb/C|https://ex.com/a%2Fb/C",
      })
  void canonicalises(String url, String expected) {
    assertThat(UrlCanonicalizer.canonical(url), is(expected));
  }

  @Test
  void httpAndHttpsAndTrackingVariantsOfOneArticleAreEqual() {
    String a = UrlCanonicalizer.canonical("http://www.ex.com/world/story/?utm_source=rss#x");
    String b = UrlCanonicalizer.canonical("https://amp.ex.com/world/story/amp?amp=1&fbclid=z");
    assertThat(a, is(b));
  }

  @ParameterizedTest(name = "malformed {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'  Not A URL  '|not a url",
        "example.com/path|example.com/path",
        "https://|https://",
        "https://ex ample.com/a|https://ex ample.com/a",
        "https://ex.com:http/a|https://ex.com:http/a",
        "mailto:Someone@Example.com|mailto:someone@example.com",
        "https://ex.com/a b|https://ex.com/a b",
      })
  void malformedUrlsBecomeTheTrimmedInputLowerCased(String url, String expected) {
    assertThat(UrlCanonicalizer.canonical(url), is(expected));
  }

  @Test
  void nullAndEmptyAreEmpty() {
    assertThat(UrlCanonicalizer.canonical(null), is(""));
    assertThat(UrlCanonicalizer.canonical(""), is(""));
    assertThat(UrlCanonicalizer.canonical(" \u0000 "), is(""));
    assertThat(UrlCanonicalizer.host(null), is(""));
    assertThat(UrlCanonicalizer.host(""), is(""));
  }

  @ParameterizedTest(name = "host of {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.Example.com/a|example.com",
        "http://news.example.co.uk:8080/a|news.example.co.uk",
        "https://amp.theguardian.com/x|theguardian.com",
        "https://www.www.example.com|example.com",
        "not a url|''",
        "example.com|''",
        "https://|''",
      })
  void hostIsTheCanonicalHost(String url, String expected) {
    assertThat(UrlCanonicalizer.host(url), is(expected));
  }

  @Test
  void neverThrowsOnHostileInput() {
    String[] hostile = {
      "https://" + "a".repeat(100_000) + ".com/" + "b/".repeat(50_000),
      "https://ex.com/?" + "utm_x=1&".repeat(10_000),
      "\uD800https://ex.com",
      "https://ex.com/\uDC00",
      "::::",
      "//",
      "https://@/",
      "https://[::1",
    };
    for (String url : hostile) {
      UrlCanonicalizer.canonical(url);
      UrlCanonicalizer.host(url);
    }
    assertThat(
        UrlCanonicalizer.canonical("https://ex.com/?" + "utm_x=1&".repeat(10_000)),
        is("https://ex.com"));
  }
}
