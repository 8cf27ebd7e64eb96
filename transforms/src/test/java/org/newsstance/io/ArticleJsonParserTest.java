package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

class ArticleJsonParserTest {

  private static final ArticleJsonParser PARSER = ArticleJsonParser.create();
  private static final String SOURCE = "gs://bucket/news-2025-01.jsonl.gz";

  private static Article article(String json) {
    ArticleJsonParser.Result result = PARSER.parse(json, SOURCE, 7);
    assertThat("expected an article, got " + result.reject(), result.isArticle(), is(true));
    assertThat(result.reject(), is(nullValue()));
    return result.article();
  }

  private static Reject reject(ArticleJsonParser parser, String json) {
    ArticleJsonParser.Result result = parser.parse(json, SOURCE, 7);
    assertThat("expected a reject, got " + result.article(), result.isArticle(), is(false));
    assertThat(result.article(), is(nullValue()));
    assertThat(result.reject().source(), is(SOURCE));
    assertThat(result.reject().position(), is("7"));
    return result.reject();
  }

  private static Reject reject(String json) {
    return reject(PARSER, json);
  }

  @Test
  void parsesAProjectRecord() {
    Article a =
        article(
            "{\"id\":\"a-1\",\"url\":\"https://www.example.com/news/story?utm_source=x\","
                + "\"outlet\":\"Example News\",\"published\":\"2024-12-03T18:45:00+01:00\","
                + "\"title\":\"Allies agree\",\"text\":\"  NATO allies agreed. \","
                + "\"language\":\"EN-gb\",\"extra\":[1,2]}");
    assertThat(a.id(), is("a-1"));
    assertThat(a.outlet(), is("Example News"));
    assertThat(a.url(), is("https://www.example.com/news/story?utm_source=x"));
    assertThat(a.canonicalUrl(), is("https://example.com/news/story"));
    assertThat(a.published(), is("2024-12-03T17:45:00Z"));
    assertThat(a.publishedDate(), is("2024-12-03"));
    assertThat(a.dateSource(), is("field"));
    assertThat(a.title(), is("Allies agree"));
    assertThat(a.text(), is("  NATO allies agreed. "));
    assertThat(a.language(), is("en"));
    assertThat(a.source(), is(SOURCE));
    assertThat(a.position(), is(7L));
    assertThat(a.linesRemoved(), is(0));
  }

  @Test
  void understandsNewsPleaseFieldNames() {
    Article a =
        article(
            "{\"maintext\":\"Body.\",\"date_publish\":\"2025-01-14 08:30:00\","
                + "\"source_domain\":\"www.theguardian.com\",\"title\":\"T\","
                + "\"url\":\"https://www.theguardian.com/world/2025/jan/14/x\",\"language\":\"en\","
                + "\"date_download\":\"2025-01-15 00:00:00\",\"authors\":[\"A B\"]}");
    assertThat(a.text(), is("Body."));
    assertThat(a.published(), is("2025-01-14T08:30:00Z"));
    assertThat(a.publishedDate(), is("2025-01-14"));
    assertThat(a.outlet(), is("theguardian.com"));
    assertThat(a.language(), is("en"));
    assertThat(a.id(), matchesPattern("u-[0-9a-f]{16}"));
  }

  @Test
  void jsonFieldsMapsKeysAndNestedPaths() {
    // A NewsAPI-style article: text in "content", outlet in the nested "source.name".
    ArticleJsonParser mapped =
        PARSER.withFields(
            CsvColumns.parse(
                "text=content,published=publishedAt,outlet=source.name,id=uid", "--jsonFields"));
    ArticleJsonParser.Result r =
        mapped.parse(
            "{\"content\":\"Allies agreed.\",\"publishedAt\":\"2025-01-14T08:30:00Z\","
                + "\"source\":{\"id\":null,\"name\":\"The Herald\"},\"uid\":\"h-1\","
                + "\"title\":\"T\",\"url\":\"https://www.herald.co.uk/a\"}",
            SOURCE,
            7);
    assertThat(r.reject(), is(nullValue()));
    Article a = r.article();
    assertThat(a.text(), is("Allies agreed."));
    assertThat(a.publishedDate(), is("2025-01-14"));
    assertThat(a.outlet(), is("The Herald"));
    assertThat(a.id(), is("h-1"));
    assertThat(a.title(), is("T"));

    // a dotted key that exists as a key wins over the path
    ArticleJsonParser dotted = PARSER.withFields(CsvColumns.parse("outlet=source.name", "--jsonFields"));
    Article b = dotted.parse(
        "{\"text\":\"X.\",\"source.name\":\"Flat\",\"source\":{\"name\":\"Nested\"}}",
        SOURCE, 7).article();
    assertThat(b.outlet(), is("Flat"));

    Reject missing = reject(mapped, "{\"text\":\"Not the mapped key.\",\"outlet\":\"o\"}");
    assertThat(missing.reasonCode(), is(RejectCodes.MISSING_TEXT));
    assertThat(missing.detail(), containsString("\"content\""));
  }

  @Test
  void aRecordWithoutTextSaysHowToNameAnotherKey() {
    Reject r = reject("{\"content\":\"Body.\",\"outlet\":\"o\"}");
    assertThat(r.reasonCode(), is(RejectCodes.MISSING_TEXT));
    assertThat(r.detail(), containsString("--jsonFields=text=KEY"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvColumns.parse("body", "--jsonFields"));
    assertThat(e.getMessage(), startsWith("--jsonFields entry \"body\""));
  }

  @Test
  void theProjectsFieldNamesWinOverNewsPleaseAliases() {
    Article a =
        article(
            "{\"text\":\"mine\",\"maintext\":\"theirs\",\"published\":\"2024-01-01\","
                + "\"date_publish\":\"2023-05-05 10:00:00\",\"outlet\":\"Mine\","
                + "\"source_domain\":\"theirs.com\"}");
    assertThat(a.text(), is("mine"));
    assertThat(a.published(), is("2024-01-01"));
    assertThat(a.outlet(), is("Mine"));
  }

  @Test
  void aNullProjectFieldFallsBackToTheAlias() {
    Article a =
        article(
            "{\"text\":null,\"maintext\":\"theirs\",\"outlet\":null,"
                + "\"source_domain\":\"Theirs.com\"}");
    assertThat(a.text(), is("theirs"));
    assertThat(a.outlet(), is("theirs.com"));
  }

  @ParameterizedTest(name = "outlet {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "The Guardian|The Guardian",
        "'  The   Times  '|The Times",
        "WWW.Guardian.CO.UK|guardian.co.uk",
        "bbc.co.uk.|bbc.co.uk",
        "https://www.BBC.co.uk/news|bbc.co.uk",
        "Le Monde.fr|Le Monde.fr",
        "spiegel|spiegel",
      })
  void normalisesOutletNamesDeterministically(String given, String expected) {
    assertThat(article("{\"text\":\"x\",\"outlet\":\"" + given + "\"}").outlet(), is(expected));
  }

  @Test
  void derivesTheOutletFromTheUrlHost() {
    assertThat(
        article("{\"text\":\"x\",\"url\":\"https://WWW.Example.org:443/a\"}").outlet(),
        is("example.org"));
    assertThat(
        article("{\"text\":\"x\",\"outlet\":\"  \",\"url\":\"https://amp.example.org/a\"}")
            .outlet(),
        is("example.org"));
  }

  @Test
  void rejectsARecordWithoutOutletOrUsableHost() {
    Reject r = reject("{\"text\":\"x\"}");
    assertThat(r.reasonCode(), is(RejectCodes.MISSING_OUTLET));
    assertThat(r.detail(), containsString("there is no \"url\""));
    assertThat(r.detail(), containsString("add an outlet name or an absolute http(s) URL"));

    Reject bad = reject("{\"text\":\"x\",\"url\":\"not a url\"}");
    assertThat(bad.reasonCode(), is(RejectCodes.MISSING_OUTLET));
    assertThat(bad.detail(), containsString("\"url\" has no usable host (not a url)"));
  }

  @Test
  void keepsAGivenIdAsTextWhetherStringOrNumber() {
    assertThat(article("{\"text\":\"x\",\"outlet\":\"o\",\"id\":\" a-7 \"}").id(), is("a-7"));
    assertThat(article("{\"text\":\"x\",\"outlet\":\"o\",\"id\":42}").id(), is("42"));
    assertThat(
        article("{\"text\":\"x\",\"outlet\":\"o\",\"id\":123456789012345678901234567890}").id(),
        is("123456789012345678901234567890"));
  }

  @Test
  void derivesAStableIdFromTheCanonicalUrl() {
    String a = article("{\"text\":\"x\",\"url\":\"https://www.ex.com/a/?utm_medium=m#top\"}").id();
    String b = article("{\"text\":\"other\",\"url\":\"http://ex.com/a\"}").id();
    String c = article("{\"text\":\"x\",\"url\":\"https://ex.com/b\"}").id();
    assertThat(a, matchesPattern("u-[0-9a-f]{16}"));
    assertThat(a, is(b));
    assertThat(a, not(c));
    // First 16 hex digits of SHA-256("https://ex.com/a"): pinned so ids stay stable.
    assertThat(a, is("u-93f1f24c9eb2f35f"));
  }

  @Test
  void derivesAContentIdWithoutUrl() {
    String a = article("{\"text\":\"Same text.\",\"outlet\":\"o\",\"title\":\"t\"}").id();
    String again = article("{\"text\":\" Same text. \",\"outlet\":\"o\",\"title\":\"t\"}").id();
    String otherOutlet = article("{\"text\":\"Same text.\",\"outlet\":\"p\",\"title\":\"t\"}").id();
    assertThat(a, matchesPattern("c-[0-9a-f]{16}"));
    assertThat(again, is(a));
    assertThat(otherOutlet, not(a));
  }

  @Test
  void keepsAnUnparseablePublicationDateRawAndLeavesTheArticleUndated() {
    Article a = article("{\"text\":\"x\",\"outlet\":\"o\",\"published\":\" 3 Dec 2024 \"}");
    assertThat(a.published(), is("3 Dec 2024"));
    assertThat(a.publishedDate(), is(""));
    assertThat(a.dateSource(), is(""));
    assertThat(a.isDated(), is(false));

    Article impossible = article("{\"text\":\"x\",\"outlet\":\"o\",\"published\":\"2024-02-30\"}");
    assertThat(impossible.published(), is("2024-02-30"));
    assertThat(impossible.isDated(), is(false));

    Article absent = article("{\"text\":\"x\",\"outlet\":\"o\"}");
    assertThat(absent.published(), is(""));
    assertThat(absent.dateSource(), is(""));
  }

  @Test
  void treatsScalarOptionalFieldsAsTextAndIgnoresContainers() {
    Article a =
        article(
            "{\"text\":\"x\",\"outlet\":\"o\",\"title\":2025,\"language\":[\"en\"],\"url\":{}}");
    assertThat(a.title(), is("2025"));
    assertThat(a.language(), is(""));
    assertThat(a.url(), is(""));
  }

  @Test
  void repairsLoneSurrogatesAndKeepsPairsNulAndEmoji() {
    Article a =
        article(
            "{\"text\":\"a\\uD800b \\uDC00 \\uD83D\\uDE00 \\u0000 \uD83D\uDCF0\","
                + "\"outlet\":\"o\",\"title\":\"\\uDBFF\"}");
    assertThat(a.text(), is("a\uFFFDb \uFFFD \uD83D\uDE00 \u0000 \uD83D\uDCF0"));
    assertThat(a.title(), is("\uFFFD"));
  }

  @Test
  void malformedJsonNamesJacksonsProblemAndPosition() {
    Reject r = reject("{\"text\": \"x\", oops}");
    assertThat(r.reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(r.detail(), startsWith("not valid JSON at line 1, column 16: Unexpected character"));
    assertThat(r.detail(), containsString("each line must be one complete JSON object"));
    assertThat(r.excerpt(), is("{\"text\": \"x\", oops}"));
  }

  @Test
  void malformedJsonCoversTruncationTrailingContentDuplicatesAndControlCharacters() {
    assertThat(reject("{\"text\":\"x\"").reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(
        reject("{\"text\":\"x\"} {}").detail(),
        is(
            "not valid JSON at line 1, column 14: more content follows the JSON object; each line"
                + " must be one complete JSON object"));
    Reject dup = reject("{\"text\":\"a\",\"text\":\"b\",\"outlet\":\"o\"}");
    assertThat(dup.reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(dup.detail(), containsString("Duplicate field 'text'"));
    assertThat(reject("{\"text\":\"a\u0000b\"}").reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(reject("   ").detail(), is("the line is empty; each line must be one JSON object"));
  }

  @Test
  void mapsOtherParserLimitsToMalformedJson() {
    Reject r = reject("{\"text\":\"x\",\"outlet\":\"o\",\"n\":" + "9".repeat(5000) + "}");
    assertThat(r.reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(r.detail(), containsString("Number"));
    assertThat(r.detail(), containsString("shorten the offending value"));
  }

  @Test
  void aByteOrderMarkInsideTheStreamIsMalformedJson() {
    assertThat(reject("\uFEFF{\"text\":\"x\"}").reasonCode(), is(RejectCodes.MALFORMED_JSON));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[1,2]|an array",
        "\"text\"|a string",
        "42|a number",
        "true|a boolean",
        "null|null",
      })
  void rejectsJsonThatIsNotAnObject(String json, String what) {
    Reject r = reject(json);
    assertThat(r.reasonCode(), is(RejectCodes.NOT_AN_OBJECT));
    assertThat(
        r.detail(),
        is(
            "the line is "
                + what
                + ", not a JSON object; each line must be one object with at least a \"text\""
                + " field"));
  }

  @Test
  void rejectsMissingText() {
    for (String json :
        List.of("{\"outlet\":\"o\"}", "{\"text\":null,\"outlet\":\"o\"}", "{\"maintext\":null}")) {
      Reject r = reject(json);
      assertThat(json, r.reasonCode(), is(RejectCodes.MISSING_TEXT));
      assertThat(r.detail(), containsString("field \"text\" (or news-please's \"maintext\")"));
    }
  }

  @Test
  void rejectsEmptyAndWhitespaceText() {
    Reject empty = reject("{\"text\":\"\",\"outlet\":\"o\"}");
    assertThat(empty.reasonCode(), is(RejectCodes.EMPTY_TEXT));
    assertThat(
        empty.detail(), is("field \"text\" is an empty string; it must contain the article text"));
    Reject blank = reject("{\"maintext\":\" \\n\\t \",\"outlet\":\"o\"}");
    assertThat(blank.reasonCode(), is(RejectCodes.EMPTY_TEXT));
    assertThat(
        blank.detail(), containsString("field \"maintext\" is only whitespace (4 characters)"));
  }

  @ParameterizedTest(name = "text {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "42|a number (42)",
        "[\"a\"]|an array ([\"a\"])",
        "{\"a\":1}|an object ({\"a\":1})",
        "false|a boolean (false)",
      })
  void rejectsTextThatIsNotAString(String value, String described) {
    Reject r = reject("{\"text\":" + value + ",\"maintext\":\"ignored\",\"outlet\":\"o\"}");
    assertThat(r.reasonCode(), is(RejectCodes.TEXT_NOT_A_STRING));
    assertThat(
        r.detail(), is("field \"text\" is " + described + "; it must be a non-empty string"));
  }

  @Test
  void namesTheNewsPleaseFieldWhenItIsTheBadOne() {
    Reject r = reject("{\"maintext\":1.5,\"outlet\":\"o\"}");
    assertThat(
        r.detail(), is("field \"maintext\" is a number (1.5); it must be a non-empty string"));
  }

  @Test
  void showsLongBadValuesShortened() {
    Reject r = reject("{\"text\":[" + "1,".repeat(100) + "1],\"outlet\":\"o\"}");
    assertThat(r.detail(), containsString("an array ([" + "1,".repeat(19) + "1...)"));
  }

  @Test
  void rejectsTextOverTheConfiguredLimit() {
    ArticleJsonParser small = ArticleJsonParser.create().withMaxTextChars(10);
    assertThat(
        small.parse("{\"text\":\"0123456789\",\"outlet\":\"o\"}", SOURCE, 1).isArticle(), is(true));
    Reject r = reject(small, "{\"text\":\"0123456789A\",\"outlet\":\"o\"}");
    assertThat(r.reasonCode(), is(RejectCodes.RECORD_TOO_LARGE));
    assertThat(
        r.detail(),
        is(
            "field \"text\" has 11 characters, more than the limit of 10; split the article or"
                + " raise --maxTextChars"));
  }

  @Test
  void rejectsATenMegabyteArticleCleanly() {
    String json = "{\"text\":\"" + "word ".repeat(2 * 1024 * 1024) + "\",\"outlet\":\"o\"}";
    Reject r = reject(json);
    assertThat(r.reasonCode(), is(RejectCodes.RECORD_TOO_LARGE));
    assertThat(r.detail(), containsString("longer than 2000000 characters"));
    assertThat(r.excerpt().length(), is(Reject.EXCERPT_CHARS));
  }

  @Test
  void acceptsTextExactlyAtTheDefaultLimit() {
    String text = "x".repeat(ArticleJsonParser.DEFAULT_MAX_TEXT_CHARS);
    assertThat(
        article("{\"text\":\"" + text + "\",\"outlet\":\"o\"}").text().length(),
        is(ArticleJsonParser.DEFAULT_MAX_TEXT_CHARS));
  }

  @Test
  void rejectsDeepNestingWithoutStackOverflow() {
    String arrays = "[".repeat(10_000) + "]".repeat(10_000);
    Reject r = reject(arrays);
    assertThat(r.reasonCode(), is(RejectCodes.TOO_DEEPLY_NESTED));
    assertThat(r.detail(), startsWith("arrays/objects are nested deeper than 100 levels"));

    String objects =
        "{\"text\":\"x\",\"outlet\":\"o\",\"a\":"
            + "{\"a\":".repeat(10_000)
            + "1"
            + "}".repeat(10_001);
    assertThat(reject(objects).reasonCode(), is(RejectCodes.TOO_DEEPLY_NESTED));

    String fine = "{\"text\":\"x\",\"outlet\":\"o\",\"a\":" + "[".repeat(90) + "]".repeat(90) + "}";
    assertThat(article(fine).text(), is("x"));
  }

  @Test
  void excerptIsTheFirst200CharactersOfTheLine() {
    String json = "{\"text\":42,\"pad\":\"" + "p".repeat(500) + "\"}";
    assertThat(reject(json).excerpt(), is(json.substring(0, 200)));
  }

  @Test
  void validatesMaxTextChars() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PARSER.withMaxTextChars(-3));
    assertThat(e.getMessage(), is("maxTextChars must be positive, was -3"));
    assertThrows(IllegalArgumentException.class, () -> PARSER.withMaxTextChars(0));
    assertThat(PARSER.withMaxTextChars(5).maxTextChars(), is(5));
    assertThat(PARSER.maxTextChars(), is(ArticleJsonParser.DEFAULT_MAX_TEXT_CHARS));
  }

  @Test
  void survivesJavaSerialisationWithItsConfiguration() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(PARSER.withMaxTextChars(3));
    }
    ArticleJsonParser copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ArticleJsonParser) in.readObject();
    }
    assertThat(copy.maxTextChars(), is(3));
    assertThat(copy.parse("{\"text\":\"abc\",\"outlet\":\"o\"}", "s", 1).isArticle(), is(true));
    assertThat(
        copy.parse("{\"text\":\"abcd\",\"outlet\":\"o\"}", "s", 1).reject().reasonCode(),
        is(RejectCodes.RECORD_TOO_LARGE));
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    PARSER
                        .parse(
                            "{\"text\":\"t" + n + "\",\"url\":\"https://ex.com/" + n + "\"}",
                            SOURCE,
                            n)
                        .article()
                        .text()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(), is("t" + i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void parsesLinesFromALineReaderAndPassesItsErrorsOn() {
    byte[] input =
        "{\"text\":\"a\",\"outlet\":\"o\"}\n\n{\"text\":\"\u00e9\",\"outlet\":\"o\"}\n[]"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    LineReader reader = new LineReader(new ByteArrayInputStream(input), 1000);
    List<String> seen = new ArrayList<>();
    while (reader.hasNext()) {
      ArticleJsonParser.Result r = PARSER.parse(reader.next(), SOURCE);
      seen.add(
          r.isArticle()
              ? r.article().position() + ":" + r.article().text()
              : r.reject().position() + ":" + r.reject().reasonCode());
    }
    assertThat(seen, contains("1:a", "3:invalid_utf8", "4:not_an_object"));
  }

  @Test
  void resultRequiresExactlyOneSide() {
    assertThrows(IllegalArgumentException.class, () -> new ArticleJsonParser.Result(null, null));
  }

  @Test
  void recordsJoinedByLoneCarriageReturnsSayHowToConvertTheLineEnds() {
    String line = "{\"text\":\"a\",\"outlet\":\"o\"}\r{\"text\":\"b\",\"outlet\":\"o\"}";
    Reject r = PARSER.parse(line, "mac.jsonl", 1).reject();
    assertThat(r.reasonCode(), is(RejectCodes.MALFORMED_JSON));
    assertThat(r.detail(), containsString("more content follows the JSON object after a carriage"
        + " return: the file's lines end with a carriage return only"));
    assertThat(r.detail(), containsString("tr '\\r' '\\n'"));
    Reject crlf = PARSER.parse("{\"text\":\"a\"}\r\n{}", "w.jsonl", 1).reject();
    assertThat(crlf.detail().contains("carriage return only"), is(false));
  }
}
