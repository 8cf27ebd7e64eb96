package org.newsstance.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsstance.aggregate.CellStats;
import org.newsstance.aggregate.IsoWeek;
import org.newsstance.model.Article;
import org.newsstance.model.DimensionResult;
import org.newsstance.model.Reject;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.SentenceEvidence;

class TablesTest {
  @ParameterizedTest
  @CsvSource({"0.12345, 0.1235", "-0.00001, 0.0000", "1, 1.0000", "-0.5, -0.5000", "0.00005, 0.0001"})
  void scoresHaveFourDecimalsInRootLocale(double value, String expected) {
    assertThat(Numbers.score(value), is(expected));
  }

  @Test
  void nanIsAnEmptyCell() {
    assertThat(Numbers.score(Double.NaN), is(""));
  }

  @ParameterizedTest
  @CsvSource(
      value = {"=SUM(A1)|'=SUM(A1)", "+1 555|'+1 555", "-rift|'-rift", "@cmd|'@cmd", "NATO|NATO"},
      delimiter = '|',
      quoteCharacter = '"')
  void formulaLikeTextIsNeutralised(String in, String out) {
    assertThat(SpreadsheetSafe.text(in), is(out));
  }

  @Test
  void tabAndCarriageReturnStartsAreNeutralised() {
    assertThat(SpreadsheetSafe.text("\tx"), is("'\tx"));
    assertThat(SpreadsheetSafe.text("\rx"), is("'\rx"));
  }

  @Test
  void aFormulaBehindSpacesOrInvisibleCharactersIsNeutralisedToo() {
    // An importer that trims spaces or drops invisible characters would run these.
    for (String lead : new String[] {" ", "  ", "\u00a0", "\u2003", "\ufeff", "\u200b", "\u0000",
        "\u202e", "\u2066", "\n", " \t"}) {
      for (String formula : new String[] {"=1+1", "+1", "-1", "@SUM(A1)"}) {
        assertThat(SpreadsheetSafe.text(lead + formula), is("'" + lead + formula));
      }
    }
    assertThat(SpreadsheetSafe.text(" NATO - allies"), is(" NATO - allies"));
    assertThat(SpreadsheetSafe.text("\u00a0"), is("\u00a0"));
  }

  @Test
  void articlesHeaderHasTheDocumentedColumnsFirst() {
    List<String> cols = Tables.articlesColumns(List.of("unity", "burden"));
    assertThat(
        cols.subList(0, 13),
        contains(
            "article_id", "outlet", "url", "published", "week_start", "language", "title",
            "sentences", "unity_relevant_sentences", "unity_score", "burden_relevant_sentences",
            "burden_score", "duplicate_of"));
  }

  @Test
  void outletWeekRowFormatsEveryColumn() {
    CellStats s =
        CellStats.relevantArticle(2, 0.5, 0.1)
            .plus(CellStats.relevantArticle(1, 0.3, 0.1))
            .plus(CellStats.irrelevantArticle());
    String row =
        Tables.outletWeekRow(
            "=evil.example", IsoWeek.of(LocalDate.parse("2024-12-31")), "unity", s, 5, "abc123");
    assertThat(
        row,
        is("'=evil.example,2025,1,2024-12-30,unity,3,2,3,2,0,0,0.4000,-0.8706,1.0000,true,abc123,0.6667,0"));
    assertThat(
        Tables.outletWeekRow(
            "o", IsoWeek.of(LocalDate.parse("2024-12-31")), "unity",
            s.plus(CellStats.irrelevantArticle().asSyndicated()), 5, "abc123"),
        is("o,2025,1,2024-12-30,unity,4,2,3,2,0,0,0.4000,-0.8706,1.0000,true,abc123,0.5000,1"));
  }

  @Test
  void newColumnsComeLastAndKeepEveryExistingColumnInPlace() {
    List<String> ow = Tables.OUTLET_WEEK_COLUMNS;
    assertThat(ow.get(ow.size() - 3), is("lexicon_version"));
    assertThat(ow.get(ow.size() - 2), is("share_relevant"));
    assertThat(ow.get(ow.size() - 1), is("syndicated"));
    List<String> ac = Tables.articlesColumns(List.of("unity", "burden"));
    assertThat(
        ac.subList(ac.size() - 5, ac.size()),
        contains("date_source", "status", "source", "position", "cluster_id"));
  }

  @Test
  void textWithCommasAndQuotesIsQuoted() {
    Article a =
        new Article("a1", "o", "https://o/x", "o/x", "2024-12-03", "2024-12-03", "field",
            "Allies \"united\", again", "", "en", "f.jsonl", 7, 0);
    ScoredArticle s =
        new ScoredArticle(
            a, 4, "h", ScoredArticle.SCORED,
            List.of(new DimensionResult("unity", 1, 0.25), new DimensionResult("burden", 0, Double.NaN)),
            List.of(new SentenceEvidence(2, "unity", 0.25, 1, "pro:united(1.0)", "They are, \"united\".")),
            "")
            .inCluster("cl-0123456789ab", ScoredArticle.NOT_SYNDICATED);
    assertThat(
        Tables.articleRow(s, List.of("unity", "burden")),
        is("a1,o,https://o/x,2024-12-03,2024-12-02,en,\"Allies \"\"united\"\", again\",4,1,0.2500,0,,,field,scored,f.jsonl,7,cl-0123456789ab"));
    assertThat(
        Tables.sentenceRow(s, s.evidence().get(0)),
        is("a1,o,2024-12-02,2,unity,0.2500,1,pro:united(1.0),\"They are, \"\"united\"\".\""));
    assertThat(
        Tables.sentenceRows(s),
        contains(
            KV.of(
                Tables.key("o", "2024-12-03", "a1", "f.jsonl", "000000000007", "000000000002", "unity"),
                Tables.sentenceRow(s, s.evidence().get(0)))));
  }

  @Test
  void padIsPercent012d() {
    for (long n : new long[] {0, 7, 123_456_789_012L, 999_999_999_999L, 1_000_000_000_000L, -5, Long.MIN_VALUE}) {
      assertThat(Tables.pad(n), is(String.format(java.util.Locale.ROOT, "%012d", n)));
    }
  }

  @Test
  void rejectsSortByNumericPosition() {
    Reject line9 = new Reject("f", "9", "malformed_json", "x", "{");
    Reject line10 = new Reject("f", "10", "malformed_json", "x", "{");
    Reject wholeFile = new Reject("f", "", "empty_file", "x", "");
    assertThat(Tables.rejectKey(line9).compareTo(Tables.rejectKey(line10)), lessThan(0));
    assertThat(Tables.rejectKey(wholeFile).compareTo(Tables.rejectKey(line9)), lessThan(0));
    assertThat(Tables.rejectRow(line9), is("f,9,malformed_json: x,{"));
  }

  @Test
  void strongestSentenceRowsAreTheReportsOrderWithoutZerosAndNoneWhenUndated() {
    ScoredArticle a =
        org.newsstance.model.Fixtures.scored(
                org.newsstance.model.Fixtures.article("k", "herald", "https://h/k", "2024-12-03", "f", 1),
                "t",
                1,
                0.5)
            .withEvidence(
                List.of(
                    new SentenceEvidence(1, "unity", 0.2, 0, "c", "Weak."),
                    new SentenceEvidence(2, "unity", -0.9, -1, "c", "Strongest."),
                    new SentenceEvidence(3, "unity", 0.0, 0, "c", "No score."),
                    new SentenceEvidence(4, "burden", 0.5, 1, "c", "Tied later number."),
                    // rounds to the same 0.5 as it is written, so the sentence number decides
                    new SentenceEvidence(3, "burden", 0.50001, 1, "c", "Tied earlier number."),
                    new SentenceEvidence(5, "unity", 0.00001, 0, "c", "Written as 0.")));
    List<KV<String, String>> rows = Tables.strongestSentenceRows(a, 3);
    assertThat(
        rows.stream().map(r -> r.getValue().substring(r.getValue().lastIndexOf(',') + 1)).toList(),
        contains("Strongest.", "Tied earlier number.", "Tied later number."));
    assertThat(Tables.strongestSentenceRows(a, 10).size(), is(4));
    // the rows are the sentence table's own rows
    assertThat(Tables.sentenceRows(a).containsAll(rows), is(true));

    ScoredArticle undated =
        org.newsstance.model.Fixtures.scored(
                org.newsstance.model.Fixtures.article("u", "herald", "https://h/u", "", "f", 2), "t", 1, 0.5)
            .withEvidence(List.of(new SentenceEvidence(1, "unity", 0.9, 1, "c", "Undated.")));
    assertThat(Tables.strongestSentenceRows(undated, 3).size(), is(0));
  }
}
