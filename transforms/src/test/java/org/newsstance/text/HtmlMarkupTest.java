package org.newsstance.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import org.junit.jupiter.api.Test;

/** HTML left in the text of JSON and CSV records becomes the prose it marks up. */
class HtmlMarkupTest {
  private static final TextCleaner CLEANER = TextCleaner.fromClasspath();

  @Test
  void aBodyOfParagraphsBecomesParagraphsOfText() {
    String html =
        "<p>NATO allies met in <a href=\"/riga\">Riga</a> on Tuesday.</p>\n"
            + "<p>They agreed to <em>share</em> the cost&nbsp;of air defence &amp; radar.<br>"
            + "Spain&#8217;s minister disagreed.</p>"
            + "<script>track('x')</script><style>p{color:red}</style>";
    assertThat(
        CLEANER.clean(html).text(),
        is("NATO allies met in Riga on Tuesday.\n\n"
            + "They agreed to share the cost of air defence & radar. Spain\u2019s minister"
            + " disagreed."));
  }

  @Test
  void proseThatOnlyMentionsAngleBracketsIsLeftAlone() {
    assertThat(HtmlMarkup.toText("Spending < 2% of GDP and 3 > 2."), sameInstance(
        HtmlMarkup.toText("Spending < 2% of GDP and 3 > 2.")));
    assertThat(CLEANER.clean("Spending < 2% of GDP, while 3 > 2.").text(),
        is("Spending < 2% of GDP, while 3 > 2."));
    assertThat(HtmlMarkup.toText("AT&T and R&D stay; so does &unknown stuff."),
        is("AT&T and R&D stay; so does &unknown stuff."));
    // a real tag anywhere makes the text markup, read as HTML (where a "<" is written &lt;)
    assertThat(CLEANER.clean("Spending &lt; 2% of GDP is a <b>bold</b> claim.").text(),
        is("Spending < 2% of GDP is a bold claim."));
  }

  @Test
  void referencesWithoutTagsAreDecoded() {
    assertThat(HtmlMarkup.toText("Allies &amp; partners &#8220;agree&#8221; &#x2014; again"),
        is("Allies & partners \u201cagree\u201d \u2014 again"));
  }

  @Test
  void plainTextIsReturnedAsIs() {
    String text = "NATO allies agreed to raise spending.\n\nThe alliance stands united.";
    assertThat(HtmlMarkup.toText(text), sameInstance(text));
  }
}
