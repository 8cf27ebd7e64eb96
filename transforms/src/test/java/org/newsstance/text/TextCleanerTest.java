package org.newsstance.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextCleanerTest {

  private static final TextCleaner CLEANER = TextCleaner.fromClasspath();
  private static final String CASES = "TextCleanerTest/boilerplate-cases.tsv";

  private record Case(String rule, boolean remove, String line) {}

  private static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = TextCleanerTest.class.getResourceAsStream(CASES)) {
      assertThat("test fixture " + CASES + " is on the classpath", in != null, is(true));
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (String line : lines) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", 3);
        assertThat("case line has 3 columns: " + line, c.length, is(3));
        assertThat("expectation is remove or keep: " + line, c[1], matchesPattern("remove|keep"));
        cases.add(new Case(c[0], c[1].equals("remove"), c[2]));
      }
    }
    return cases;
  }

  static Stream<Arguments> boilerplateCases() throws IOException {
    return cases().stream()
        .map(c -> Arguments.of(c.rule(), c.remove() ? "remove" : "keep", c.line()));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("boilerplateCases")
  void eachRuleRemovesItsLinesAndKeepsNearMisses(String rule, String expect, String line) {
    TextCleaner.Cleaned cleaned = CLEANER.clean("First sentence.\n" + line + "\nLast sentence.");
    if (expect.equals("remove")) {
      assertThat(CLEANER.matchingRule(line), is(Optional.of(rule)));
      assertThat(cleaned.text(), is("First sentence. Last sentence."));
      assertThat(cleaned.linesRemoved(), is(1));
    } else {
      assertThat(CLEANER.matchingRule(line), is(Optional.empty()));
      assertThat(cleaned.text(), is("First sentence. " + line + " Last sentence."));
      assertThat(cleaned.linesRemoved(), is(0));
    }
  }

  @Test
  void everyRuleInThePatternFileHasARemoveAndAKeepCase() throws IOException {
    Set<String> removes = new TreeSet<>();
    Set<String> keeps = new TreeSet<>();
    for (Case c : cases()) {
      (c.remove() ? removes : keeps).add(c.rule());
    }
    List<String> missingRemove = new ArrayList<>();
    List<String> missingKeep = new ArrayList<>();
    for (String rule : CLEANER.ruleNames()) {
      if (!removes.contains(rule)) {
        missingRemove.add(rule);
      }
      if (!keeps.contains(rule)) {
        missingKeep.add(rule);
      }
    }
    assertThat(
        "rules without a line they remove, add cases to " + CASES, missingRemove, is(empty()));
    assertThat(
        "rules without a near-miss line they keep, add cases to " + CASES,
        missingKeep,
        is(empty()));
    assertThat("cases name rules that exist", removes, everyItem(is(in(CLEANER.ruleNames()))));
    assertThat("cases name rules that exist", keeps, everyItem(is(in(CLEANER.ruleNames()))));
  }

  @Test
  void loadsThePackagedRulesOnceWithAVersionOfTheFileBytes() throws Exception {
    assertThat(TextCleaner.fromClasspath(), is(sameInstance(CLEANER)));
    assertThat(
        CLEANER.ruleNames(),
        contains(
            "ticker",
            "read_more",
            "related",
            "also_read",
            "advertisement",
            "byline",
            "photo_credit",
            "share_prompt",
            "newsletter_prompt",
            "cookie_notice",
            "copyright"));
    byte[] bytes;
    try (InputStream in =
        TextCleaner.class.getClassLoader().getResourceAsStream(TextCleaner.CLASSPATH_RESOURCE)) {
      bytes = in.readAllBytes();
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(CLEANER.rulesVersion(), is(sha.substring(0, 12)));
  }

  @Test
  void appliesNfc() {
    assertThat(CLEANER.clean("Cafe\u0301 au lait").text(), is("Caf\u00e9 au lait"));
    assertThat(CLEANER.clean("Cafe\u200B\u0301").text(), is("Caf\u00e9"));
    assertThat(CLEANER.clean("\u212B\u2000ngstr\u00f6m").text(), is("\u00c5 ngstr\u00f6m"));
  }

  @Test
  void normalisesUnicodeSpacesAndCollapsesRuns() {
    String text = "\tNATO\u00a0 allies\u2003agreed\u3000 on  \u202f spending. \u2009";
    assertThat(CLEANER.clean(text).text(), is("NATO allies agreed on spending."));
  }

  @Test
  void removesZeroWidthAndControlCharacters() {
    String text = "co\u200Boper\u00ADation\u200D \uFEFFacross\u2060 the a\u0000lli\u0007ance\u200E";
    assertThat(CLEANER.clean(text).text(), is("cooperation across the alliance"));
  }

  @Test
  void keepsEmojiAndRepairsLoneSurrogates() {
    assertThat(
        CLEANER.clean("Flags \uD83C\uDDEA\uD83C\uDDFA up \uD800 x\uDC00").text(),
        is("Flags \uD83C\uDDEA\uD83C\uDDFA up \uFFFD x\uFFFD"));
  }

  @Test
  void joinsLinesOfAParagraphAndSeparatesParagraphsByOneBlankLine() {
    String text =
        "\n\n  First line\r\nsecond line\rthird\n\n\n \t\n\u00a0\nNext para\u2028same para"
            + "\u2029Third para\r\n\r\n";
    assertThat(
        CLEANER.clean(text).text(),
        is("First line second line third\n\nNext para same para\n\nThird para"));
  }

  @Test
  void removesBoilerplateInsideAParagraphAndJoinsTheRest() {
    TextCleaner.Cleaned cleaned =
        CLEANER.clean("Allies met in Vilnius.\nBy Anna Keller\nThey agreed on spending.");
    assertThat(cleaned.text(), is("Allies met in Vilnius. They agreed on spending."));
    assertThat(cleaned.linesRemoved(), is(1));
  }

  @Test
  void aParagraphOfOnlyBoilerplateDisappearsWithoutExtraBlankLines() {
    TextCleaner.Cleaned cleaned =
        CLEANER.clean("A.\n\nShare this article\n  Follow us on X  \n\n\nB.\n\nADVERTISEMENT");
    assertThat(cleaned.text(), is("A.\n\nB."));
    assertThat(cleaned.linesRemoved(), is(3));
  }

  @Test
  void cleansARealisticArticle() {
    String raw =
        String.join(
            "\n",
            "By Anna Keller, Brussels",
            "Photo: Jane Doe/Reuters",
            "",
            "NATO allies on Tuesday pledged to raise defence spending,",
            "closing ranks after months of dispute.",
            "++ Live: markets react to the summit ++",
            "",
            "Read more: What the 2 percent target means",
            "",
            "By 2030, European members will carry a larger share of the burden.",
            "ADVERTISEMENT",
            "\"We stand together,\" the secretary general said.",
            "",
            "Share this article",
            "Sign up for our newsletter",
            "Copyright \u00a9 2025 Example News. All rights reserved.");
    TextCleaner.Cleaned cleaned = CLEANER.clean(raw);
    assertThat(
        cleaned.text(),
        is(
            "NATO allies on Tuesday pledged to raise defence spending, closing ranks after months"
                + " of dispute.\n\nBy 2030, European members will carry a larger share of the"
                + " burden. \"We stand together,\" the secretary general said."));
    assertThat(cleaned.linesRemoved(), is(8));
    assertThat(CLEANER.clean(cleaned.text()), is(new TextCleaner.Cleaned(cleaned.text(), 0)));
  }

  @Test
  void neverRemovesLongLinesEvenIfTheyStartLikeBoilerplate() {
    String merged = "Photo: AFP " + "The ministers agreed on a common position. ".repeat(12);
    assertThat(merged.length(), is(not(0)));
    assertThat(CLEANER.clean(merged).text(), is(merged.trim()));
    assertThat(CLEANER.matchingRule(merged), is(Optional.empty()));
    assertThat(CLEANER.matchingRule("Photo: AFP"), is(Optional.of("photo_credit")));
  }

  @Test
  void handlesEmptyAndBlankInput() {
    assertThat(CLEANER.clean(null), is(new TextCleaner.Cleaned("", 0)));
    assertThat(CLEANER.clean(""), is(new TextCleaner.Cleaned("", 0)));
    assertThat(CLEANER.clean(" \n\t\u00a0\r\n\u200B "), is(new TextCleaner.Cleaned("", 0)));
    assertThat(CLEANER.matchingRule(null), is(Optional.empty()));
  }

  @Test
  void cleansHostileInputQuickly() {
    String huge = "word ".repeat(2_000_000);
    String adversarial = "By " + "Ab ".repeat(130) + "x";
    String manyLines = "By Anna Keller\n".repeat(100_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(CLEANER.clean(huge).text().length(), is(huge.length() - 1));
          assertThat(CLEANER.clean(adversarial).linesRemoved(), is(0));
          assertThat(CLEANER.clean(manyLines), is(new TextCleaner.Cleaned("", 100_000)));
        });
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(
            pool.submit(() -> CLEANER.clean("Text " + n + "\nShare this article\nEnd.").text()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(), is("Text " + i + " End."));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void splitsCleanedTextIntoParagraphs() {
    assertThat(
        TextCleaner.paragraphs("One two.\n\nThree.\n\nFour."),
        contains("One two.", "Three.", "Four."));
    assertThat(TextCleaner.paragraphs(" a \r\n \r\n\n b\nc "), contains("a", "b\nc"));
    assertThat(TextCleaner.paragraphs(""), is(empty()));
    assertThat(TextCleaner.paragraphs(null), is(empty()));
    String cleaned = CLEANER.clean("P1 a\nP1 b\n\nRelated\n\nP2").text();
    assertThat(TextCleaner.paragraphs(cleaned), contains("P1 a P1 b", "P2"));
  }

  @Test
  void loadsRulesFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.tsv");
    Files.writeString(
        file,
        "\uFEFF# my rules\r\nname\tregex\tdescription\r\n\r\nstars\t\\*+\tlines of stars\r\n"
            + "foo\tfoo( bar)?\tfoo lines\tand a tab in the description\r\n");
    TextCleaner cleaner = TextCleaner.fromFile(file);
    assertThat(cleaner.ruleNames(), contains("stars", "foo"));
    assertThat(cleaner.rulesVersion(), matchesPattern("[0-9a-f]{12}"));
    assertThat(cleaner.rulesVersion(), is(not(CLEANER.rulesVersion())));
    assertThat(
        cleaner.clean("a\n***\nFOO Bar\nb\nShare this article"),
        is(new TextCleaner.Cleaned("a b Share this article", 2)));
  }

  @Test
  void reportsBadRuleFilesWithPathLineAndFix(@TempDir Path dir) throws IOException {
    assertThat(
        badRules(dir, "# c\nok\tx\td\nbroken\t(unclosed\td\n"),
        startsWith(dir.resolve("rules.tsv") + " line 3: rule \"broken\" is not a valid regex: "));
    assertThat(
        badRules(dir, "only-one-column\n"),
        containsString(
            "line 1: expected name<TAB>regex<TAB>description, got 1 column(s) in"
                + " \"only-one-column\""));
    assertThat(
        badRules(dir, "a\tx\td\na\ty\td\n"),
        containsString("line 2: rule name \"a\" is used twice; rule names must be unique"));
    assertThat(
        badRules(dir, "Bad Name\tx\td\n"),
        containsString("rule name \"Bad Name\" must be lower_snake_case"));
    assertThat(badRules(dir, "a\t \td\n"), containsString("rule \"a\" has an empty regex"));
    assertThat(badRules(dir, "# nothing\n\n"), containsString(": no rules;"));
    Path latin1 = dir.resolve("latin1.tsv");
    Files.write(latin1, new byte[] {'a', '\t', (byte) 0xE9, '\t', 'd'});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TextCleaner.fromFile(latin1));
    assertThat(e.getMessage(), is(latin1 + ": not valid UTF-8; save the rule file as UTF-8"));
    assertThrows(IOException.class, () -> TextCleaner.fromFile(dir.resolve("missing.tsv")));
  }

  private static String badRules(Path dir, String content) throws IOException {
    Path file = dir.resolve("rules.tsv");
    Files.writeString(file, content);
    return assertThrows(IllegalArgumentException.class, () -> TextCleaner.fromFile(file))
        .getMessage();
  }
}
