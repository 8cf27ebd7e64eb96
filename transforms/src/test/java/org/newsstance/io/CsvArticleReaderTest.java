package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

class CsvArticleReaderTest {
  private static final ArticleFactory FACTORY = ArticleFactory.of(OutletTable.empty(), 1000);

  private static List<ReadOutcome> read(String csv, String columns) {
    CsvArticleReader r =
        new CsvArticleReader(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            "in.csv",
            CsvColumns.parse(columns),
            FACTORY,
            4096);
    List<ReadOutcome> out = new ArrayList<>();
    ReadOutcome o;
    while ((o = r.next()) != null) {
      out.add(o);
    }
    return out;
  }

  @Test
  void mapsColumnsAndKeepsQuotedLineBreaks() {
    String csv =
        "\uFEFFheadline,body,date,link,source\r\n"
            + "Allies meet,\"First paragraph, with a comma.\r\n\r\nSecond \"\"quoted\"\" one.\","
            + "2025-01-14T08:30:00+01:00,https://www.herald.co.uk/a,\r\n"
            + "Other,Text,2025-01-15,,Herald\r\n";
    List<ReadOutcome> out =
        read(csv, "text=body,published=date,outlet=source,title=headline,url=link");
    assertThat(out, hasSize(2));
    Article a = out.get(0).article();
    assertThat(a.title(), is("Allies meet"));
    assertThat(a.text(), is("First paragraph, with a comma.\n\nSecond \"quoted\" one."));
    assertThat(a.outlet(), is("herald.co.uk"));
    assertThat(a.published(), is("2025-01-14T07:30:00Z"));
    assertThat(a.dateSource(), is("field"));
    assertThat(a.position(), is(2L));
    Article b = out.get(1).article();
    assertThat(b.outlet(), is("Herald"));
    assertThat(b.position(), is(5L));
  }

  @Test
  void aMalformedRecordIsRejectedWithItsLineAndReadingGoesOn() {
    String csv =
        "text,outlet\n"
            + "good one,o\n"
            + "\"bad \"quote\" here\",o\n"
            + "too,many,fields\n"
            + "good two,o\n";
    List<ReadOutcome> out = read(csv, "");
    assertThat(out, hasSize(4));
    Reject bad = out.get(1).reject();
    assertThat(bad.reasonCode(), is(RejectCodes.MALFORMED_CSV));
    assertThat(bad.position(), is("3"));
    Reject fields = out.get(2).reject();
    assertThat(fields.detail(), containsString("has 3 fields, the header has 2"));
    assertThat(out.get(3).article().text(), is("good two"));
  }

  @Test
  void anUnclosedQuoteCostsOneRecordAndTheLinesAfterItAreReadAgain() {
    // It used to cost the rest of the file: "good,o" vanished inside the one reject.
    String csv = "text,outlet\n\"never closed,o\ngood,o\n";
    List<ReadOutcome> out = read(csv, "");
    assertThat(out, hasSize(2));
    assertThat(out.get(0).reject().reasonCode(), is(RejectCodes.MALFORMED_CSV));
    assertThat(out.get(0).reject().position(), is("2"));
    assertThat(out.get(0).reject().detail(), containsString("never closed"));
    assertThat(out.get(1).article().text(), is("good"));
    assertThat(out.get(1).article().position(), is(3L));
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() {
    // Hand-made exports write titles like 5" screen unquoted; RFC 4180 parsers (commons-csv)
    // read the quote as a character. The framing counted it as opening a field and swallowed
    // the valid records after it into one malformed_csv reject.
    String csv =
        "id,title,text,outlet\n"
            + "c6,The 5\" screen,\"Six.\",o\n"
            + "c7,x,\"Seven.\",o\n"
            + "c8,y,\"Eight.\",o\n"
            + "c9,The 7\" tablet,\"Nine.\",o\n";
    List<ReadOutcome> out = read(csv, "");
    assertThat(out, hasSize(4));
    assertThat(out.get(0).article().title(), is("The 5\" screen"));
    assertThat(out.get(1).article().id(), is("c7"));
    assertThat(out.get(2).article().id(), is("c8"));
    assertThat(out.get(3).article().title(), is("The 7\" tablet"));
  }

  @Test
  void aQuotedFieldThatDoesNotParseCostsItsFirstLineOnly() {
    // The open quote on line 2 is closed by the one that opens a field on line 3; the joined
    // record does not parse, and line 3 is a good record of its own.
    String csv = "id,text,outlet\nc4,\"cut short,o\nc5,\"Five.\",o\nc6,Six.,o\n";
    List<ReadOutcome> out = read(csv, "");
    assertThat(out, hasSize(3));
    assertThat(out.get(0).reject().reasonCode(), is(RejectCodes.MALFORMED_CSV));
    assertThat(out.get(0).reject().position(), is("2"));
    assertThat(out.get(1).article().id(), is("c5"));
    assertThat(out.get(1).article().position(), is(3L));
    assertThat(out.get(2).article().id(), is("c6"));
  }

  @Test
  void aFileWithoutHeaderRowIsNamedWithoutPuttingItsFirstRecordIntoTheMessage() {
    // No header row: the first record, a whole article, is taken as the header.
    String article = "NATO allies met. ".repeat(200);
    String csv = "c1,herald.example,\"" + article + "\"" + ",x".repeat(100) + "\nc2,o,text\n";
    List<ReadOutcome> out = read(csv, "");
    Reject r = out.get(0).reject();
    assertThat(r.reasonCode(), is(RejectCodes.MISSING_COLUMN));
    assertThat(
        r.detail(),
        containsString("header is: c1,herald.example,NATO allies met. NATO allies met. NATO a...,x,x"));
    assertThat(r.detail(), containsString(",... (103 columns)"));
    assertThat(r.detail(), containsString("a file without a header row needs one"));
    assertThat(r.detail().length() < 2000, is(true));
  }

  @Test
  void aFileWithCarriageReturnLineEndsSaysHowToConvertThem() {
    // Excel 2011 for Mac, "CSV (Macintosh)": lines end with CR only.
    List<ReadOutcome> out = read("id,outlet,text\rc1,o,NATO allies met.\rc2,o,More.\r", "");
    Reject r = out.get(0).reject();
    assertThat(r.reasonCode(), is(RejectCodes.MALFORMED_CSV));
    assertThat(r.detail(), containsString("lines end with a carriage return only"));
  }

  @Test
  void aMissingMappedColumnRejectsTheFileNamingTheRealHeader() {
    List<ReadOutcome> out = read("body,when\nx,2025-01-01\n", "text=body,published=date");
    assertThat(out, hasSize(1));
    Reject r = out.get(0).reject();
    assertThat(r.reasonCode(), is(RejectCodes.MISSING_COLUMN));
    assertThat(r.detail(), containsString("in.csv: CSV column date not found"));
    assertThat(r.detail(), containsString("header is: body,when"));
  }

  @Test
  void aHeaderThatDiffersOnlyInCaseIsRead() {
    // Exports from spreadsheets capitalise their headers; the run used to stop on "text not found".
    List<ReadOutcome> out =
        read(
            "Text,URL,Published,Title\n"
                + "Allies meet.,https://www.herald.co.uk/a,2025-01-14,Riga\n",
            "");
    assertThat(out, hasSize(1));
    Article a = out.get(0).article();
    assertThat(a.text(), is("Allies meet."));
    assertThat(a.url(), is("https://www.herald.co.uk/a"));
    assertThat(a.outlet(), is("herald.co.uk"));
    assertThat(a.published(), is("2025-01-14"));
    assertThat(a.title(), is("Riga"));
  }

  @Test
  void anUpperCaseOnlyHeaderIsRead() {
    List<ReadOutcome> out = read("ID,TEXT,OUTLET\nx1,Allies meet.,Herald\n", "");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().text(), is("Allies meet."));
    assertThat(out.get(0).article().id(), is("x1"));
  }

  @Test
  void aMappedColumnIsFoundIgnoringCase() {
    List<ReadOutcome> out =
        read("Headline,Body,Outlet\nRiga,Allies meet.,Herald\n", "text=body,title=headline");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().text(), is("Allies meet."));
    assertThat(out.get(0).article().title(), is("Riga"));
  }

  @Test
  void anExactNameWinsOverOneThatDiffersInCase() {
    List<ReadOutcome> out = read("Text,text,outlet\nsummary,full text,o\n", "");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().text(), is("full text"));
  }

  @Test
  void twoSpellingsThatDifferOnlyInCaseAreAmbiguous() {
    List<ReadOutcome> out = read("Text,TEXT\nsummary,full text\n", "");
    assertThat(out, hasSize(1));
    Reject r = out.get(0).reject();
    assertThat(r.reasonCode(), is(RejectCodes.MISSING_COLUMN));
    assertThat(r.detail(), containsString("in.csv: CSV column text not found"));
    assertThat(r.detail(), containsString("header is: Text,TEXT."));
    assertThat(r.detail(), containsString("--csvColumns=text=Text"));
    // Naming one of them exactly settles it.
    assertThat(read("Text,TEXT,outlet\nsummary,full text,o\n", "text=TEXT").get(0).article().text(),
        is("full text"));
  }

  @Test
  void columnsResolveExactlyThenIgnoringCase() {
    CsvColumns c = CsvColumns.parse("title=headline");
    assertThat(c.positions(List.of("HEADLINE", "Text", "url")),
        is(Map.of("title", 0, "text", 1, "url", 2)));
    assertThat(c.missing(List.of("Headline", "body")), is(List.of("text")));
    assertThat(c.missing(List.of("headline", "Text", "tExt")), is(List.of("text")));
    // The same spelling twice is a duplicated column, as with exact names: the first is read.
    assertThat(c.positions(List.of("Text", "Text")).get("text"), is(0));
  }

  @Test
  void aSemicolonFileIsReadWithItsFields() {
    // European Excel writes ';'; the header used to be one column "title;text;published;url".
    List<ReadOutcome> out =
        read(
            "title;text;published;url\r\n"
                + "Riga;Allies meet.;2025-01-14;https://www.herald.co.uk/a\r\n"
                + "Tallinn;Ministers agree.;2025-01-15;https://www.herald.co.uk/b\r\n",
            "");
    assertThat(out, hasSize(2));
    Article a = out.get(0).article();
    assertThat(a.title(), is("Riga"));
    assertThat(a.text(), is("Allies meet."));
    assertThat(a.published(), is("2025-01-14"));
    assertThat(a.url(), is("https://www.herald.co.uk/a"));
    assertThat(a.position(), is(2L));
    assertThat(out.get(1).article().title(), is("Tallinn"));
    assertThat(out.get(1).article().position(), is(3L));
  }

  @Test
  void aTabFileIsReadWithItsFields() {
    List<ReadOutcome> out =
        read("title\ttext\toutlet\nRiga\tAllies meet, at last.\tHerald\n", "");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().title(), is("Riga"));
    assertThat(out.get(0).article().text(), is("Allies meet, at last."));
    assertThat(out.get(0).article().outlet(), is("Herald"));
  }

  @Test
  void aSemicolonFileKeepsCommasSemicolonsAndLineBreaksInsideQuotes() {
    // The framing took only ',' as the start of a field, so the quote after ';' did not open a
    // field and the record was cut at its first line break.
    List<ReadOutcome> out =
        read(
            "id;text;outlet\n"
                + "s1;\"First, with a comma; and a semicolon.\n"
                + "\n"
                + "Second \"\"quoted\"\" one.\";Herald\n"
                + "s2;\"Plain; short\";Herald\n",
            "");
    assertThat(out, hasSize(2));
    assertThat(
        out.get(0).article().text(),
        is("First, with a comma; and a semicolon.\n\nSecond \"quoted\" one."));
    assertThat(out.get(1).article().id(), is("s2"));
    assertThat(out.get(1).article().text(), is("Plain; short"));
    assertThat(out.get(1).article().position(), is(5L));
  }

  @Test
  void aCommaFileWhoseTextHasSemicolonsStaysAComma() {
    List<ReadOutcome> out =
        read("\"title;subtitle\",text,outlet\nRiga;Baltic,one; two; three,Herald\n", "");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().title(), is(""));
    assertThat(out.get(0).article().text(), is("one; two; three"));
  }

  @Test
  void aSemicolonHeaderCanDifferInCaseToo() {
    List<ReadOutcome> out = read("Title;Body;Outlet\nRiga;Allies meet.;Herald\n", "text=body");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().text(), is("Allies meet."));
    assertThat(out.get(0).article().title(), is("Riga"));
  }

  @Test
  void aQuoteOpenOnlyUnderCommasDoesNotSwallowASemicolonHeader() {
    // Read with commas, the header's ," opens a quote that the line does not close (the header
    // would run into the next line); read with ';' it is the name Tags, quoted.
    List<ReadOutcome> out = read("id;\"Tags,\";text;outlet\ns1;n;Allies meet.;Herald\n", "");
    assertThat(out, hasSize(1));
    assertThat(out.get(0).article().text(), is("Allies meet."));
    assertThat(out.get(0).article().position(), is(2L));
  }

  @Test
  void aMalformedRecordInASemicolonFileCostsThatRecordOnly() {
    List<ReadOutcome> out =
        read(
            "text;outlet\n"
                + "good one;o\n"
                + "too;many;fields\n"
                + "\"bad \"quote\" here\";o\n"
                + "good two;o\n",
            "");
    assertThat(out, hasSize(4));
    assertThat(out.get(0).article().text(), is("good one"));
    Reject fields = out.get(1).reject();
    assertThat(fields.reasonCode(), is(RejectCodes.MALFORMED_CSV));
    assertThat(fields.position(), is("3"));
    assertThat(fields.detail(), containsString("has 3 fields, the header has 2"));
    assertThat(fields.detail(), containsString("quote fields that contain semicolons"));
    assertThat(out.get(2).reject().reasonCode(), is(RejectCodes.MALFORMED_CSV));
    assertThat(out.get(2).reject().position(), is("4"));
    assertThat(out.get(3).article().text(), is("good two"));
  }

  @Test
  void aHeaderThatFitsNoDelimiterIsReportedAsItIs() {
    List<ReadOutcome> out = read("title;body\nRiga;Allies meet.\n", "");
    assertThat(out, hasSize(1));
    Reject r = out.get(0).reject();
    assertThat(r.reasonCode(), is(RejectCodes.MISSING_COLUMN));
    assertThat(r.detail(), containsString("in.csv: CSV column text not found"));
    assertThat(r.detail(), containsString("header is: title;body."));
  }

  @Test
  void columnSpecErrorsNameTheEntry() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvColumns.parse("body=text"));
    assertThat(e.getMessage(), containsString("\"body=text\""));
    assertThat(CsvColumns.parse("").missing(List.of("url")), is(List.of("text")));
    assertThat(CsvColumns.parse("url=link").missing(List.of("text")), is(List.of("link")));
  }

  @Test
  void readsTheHeaderForTheLaunchersCheck() {
    assertThat(header("\uFEFFa, b ,\"c,d\"\n1,2,3\n", ""), is(List.of("a", "b", "c,d")));
    // With the delimiter the reader chooses for these columns.
    assertThat(header("title;text\nRiga;x\n", ""), is(List.of("title", "text")));
    assertThat(header("title;text\nRiga;x\n", "text=body"), is(List.of("title;text")));
    assertThat(header("title\tbody\nRiga\tx\n", "text=body"), is(List.of("title", "body")));
  }

  private static List<String> header(String csv, String columns) {
    return CsvArticleReader.readHeader(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        CsvColumns.parse(columns),
        4096);
  }
}
