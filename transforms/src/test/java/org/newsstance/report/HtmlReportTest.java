package org.newsstance.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  static final String OUTLET_WEEK =
      "outlet,iso_year,iso_week,week_start,dimension,articles,relevant_articles,relevant_sentences,"
          + "pro,anti,neutral,mean_score,ci_low,ci_high,low_n,lexicon_version,share_relevant\n"
          + "'=HYPERLINK(\"x\"),2024,49,2024-12-02,unity,3,3,5,2,1,0,0.2000,-0.3000,0.7000,true,abc,1.0000\n"
          + "'=HYPERLINK(\"x\"),2024,50,2024-12-09,unity,6,6,9,2,1,0,-0.5000,-0.8000,-0.2000,false,abc,1.0000\n"
          + "<b>o</b>,2024,49,2024-12-02,unity,1,1,1,1,0,0,0.4000,,,true,abc,1.0000\n";
  static final String HEADER = "article_id,outlet,week_start,sentence_no,dimension,score,label,cues,sentence\n";
  static final String ARTICLES =
      "article_id,outlet,url,published,week_start,language,title,sentences,unity_relevant_sentences,"
          + "unity_score,burden_relevant_sentences,burden_score,duplicate_of,date_source,status,source,position\n"
          + "a1,'=HYPERLINK(\"x\"),javascript:alert(1),2024-12-03,2024-12-02,en,<script>t</script>,3,1,0.2,,,,field,scored,f,1\n"
          + "a2,<b>o</b>,https://ok.example/a?x=1&y=2,2024-12-03,2024-12-02,en,Fine,3,1,0.4,,,,field,scored,f,2\n"
          + "a3,<b>o</b>,https://ok.example/a,2024-12-03,2024-12-02,en,Dup,3,1,0.4,,,a2,field,scored,f,3\n";

  private static String sentences(String... rows) {
    return HEADER + String.join("\n", rows) + "\n";
  }

  @Test
  void hostileTextIsEscapedAndOnlyHttpLinksAreLinks() {
    String html = HtmlReport.create().toHtml(
        new StringReader(OUTLET_WEEK),
        new StringReader(sentences(
            "a1,'=HYPERLINK(\"x\"),2024-12-02,1,unity,0.9000,1,+united(1.00); target:nato,"
                + "<img src=x onerror=alert(1)> NATO is united",
            "a2,<b>o</b>,2024-12-02,2,unity,-0.6000,-1,-divided(0.80),\"Allies are divided, \"\"badly\"\"\"")),
        new StringReader(ARTICLES),
        "{\"dimensions\":[\"unity\"],\"lexicon_version\":\"<v>\",\"counts\":{\"rejected\":2}}");
    assertThat(html, not(containsString("<img")));
    assertThat(html, not(containsString("<script")));
    assertThat(html, not(containsString("<b>o</b>")));
    assertThat(html, containsString("&lt;img src=x onerror=alert(1)&gt; <mark class=\"target\">NATO</mark> is <mark class=\"pro\">united</mark>"));
    assertThat(html, not(containsString("href=\"javascript")));
    assertThat(html, containsString("href=\"https://ok.example/a?x=1&amp;y=2\""));
    assertThat("the apostrophe guard of the CSV is undone for display", html,
        containsString("=HYPERLINK(&quot;x&quot;)"));
    assertThat(html, containsString("&lt;v&gt;"));
    assertThat(html, containsString("Content-Security-Policy"));
    assertThat(html, not(containsString("<script")));
    assertThat(html, not(containsString("http://")));
  }

  @Test
  void chartsHaveABandPerIntervalRunAndHollowLowNPoints() {
    String html = HtmlReport.create().toHtml(new StringReader(OUTLET_WEEK),
        new StringReader(HEADER), new StringReader(ARTICLES), "{\"dimensions\":[\"unity\"]}");
    assertThat(count(html, "<svg class=\"stance\""), is(1));
    assertThat(count(html, "<svg class=\"volume\""), is(1));
    assertThat(count(html, "<polygon class=\"band\""), is(1));
    assertThat(count(html, "class=\"point low-n\""), is(2));
    assertThat(count(html, "class=\"point\""), is(1));
  }

  @Test
  void onlyTheStrongestSentencesPerOutletWeekAreKept() throws Exception {
    StringBuilder rows = new StringBuilder(HEADER);
    for (int i = 1; i <= 50; i++) {
      rows.append(String.format("a1,o,2024-12-02,%d,unity,%.4f,1,,s%d%n", i, i / 100.0, i));
    }
    Map<String, List<HtmlReport.Evidence>> top =
        HtmlReport.create().readEvidence(new StringReader(rows.toString()));
    List<HtmlReport.Evidence> l = top.get("o\u00012024-12-02");
    assertThat(l.size(), is(3));
    assertThat(l.get(0).sentenceNo(), is(50));
    assertThat(l.get(2).sentenceNo(), is(48));
  }

  @Test
  void safeLinkAcceptsOnlyHttpAndHttps() {
    assertThat(HtmlReport.safeLink("https://a.example/x"), is("https://a.example/x"));
    assertThat(HtmlReport.safeLink("HTTP://a.example"), is("HTTP://a.example"));
    assertThat(HtmlReport.safeLink("javascript:alert(1)"), nullValue());
    assertThat(HtmlReport.safeLink("data:text/html,x"), nullValue());
    assertThat(HtmlReport.safeLink("https://a.example/\"onmouseover=x"), nullValue());
    assertThat(HtmlReport.safeLink("+1"), nullValue());
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
