package org.newsstance.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Normalises article text and removes lines that are not the article's own prose, before sentence
 * splitting.
 *
 * <p>{@link #clean} contract, in order:
 *
 * <ol>
 *   <li>Markup: a text holding HTML tags ({@code <p>}, {@code <br>}, …), as JSON and CSV exports
 *       often carry the body, becomes its text, block elements paragraph breaks ({@link
 *       HtmlMarkup}); character references ({@code &amp;}, {@code &#8217;}) are decoded.
 *   <li>Line breaks: {@code \r\n}, {@code \r}, U+0085 and U+2028 become {@code \n}; U+2029 (the
 *       paragraph separator) becomes a blank line.
 *   <li>Tabs, NBSP and every other Unicode space become a space; zero-width and invisible
 *       formatting characters (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF,
 *       U+00AD soft hyphen, U+180E) and control characters (NUL and the rest of C0/C1) are removed;
 *       an unpaired surrogate becomes U+FFFD.
 *   <li>Unicode NFC (after the removals, so a combining mark joins its base letter).
 *   <li>Each line: runs of spaces collapsed to one, trimmed.
 *   <li>A line matching a boilerplate rule as a whole, and at most {@value
 *       #MAX_BOILERPLATE_LINE_CHARS} characters long, is removed and counted.
 *   <li>Blank lines separate paragraphs. The remaining lines of a paragraph are joined with one
 *       space; paragraphs are separated by exactly one blank line ({@code \n\n}); a paragraph whose
 *       lines were all removed disappears. The result has no leading or trailing whitespace.
 * </ol>
 *
 * <p>The rules are data: {@code datasets/cleaning/boilerplate-patterns.tsv}, shipped in the jar as
 * {@value #CLASSPATH_RESOURCE}, one {@code name<TAB>regex<TAB>description} per line, {@code #}
 * comments allowed, regexes case-insensitive and matched against the whole normalised line. They
 * are compiled once when loaded. An instance is immutable and thread-safe; get it once per worker
 * (in {@code @Setup}) with {@link #fromClasspath()}, which is cached.
 */
public final class TextCleaner {

  /** Where the packaged rules live on the classpath. */
  public static final String CLASSPATH_RESOURCE = "newsstance/cleaning/boilerplate-patterns.tsv";

  /** Longer lines are never boilerplate: they are prose that lost its line breaks. */
  public static final int MAX_BOILERPLATE_LINE_CHARS = 400;

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern RULE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*(?:\\n[ \\t]*)+");
  private static final String HEADER = "name\tregex\tdescription";
  private static final int VERSION_HEX_DIGITS = 12;

  private static final Object CLASSPATH_LOCK = new Object();
  private static volatile TextCleaner classpathInstance;

  /**
   * Cleaned text.
   *
   * @param text the cleaned text: paragraphs separated by {@code \n\n}
   * @param linesRemoved number of non-blank lines removed as boilerplate
   */
  public record Cleaned(String text, int linesRemoved) {}

  private record Rule(String name, Pattern pattern) {}

  private final List<Rule> rules;
  private final List<String> ruleNames;
  private final String rulesVersion;

  private TextCleaner(List<Rule> rules, String rulesVersion) {
    this.rules = List.copyOf(rules);
    List<String> names = new ArrayList<>();
    for (Rule rule : rules) {
      names.add(rule.name());
    }
    this.ruleNames = List.copyOf(names);
    this.rulesVersion = rulesVersion;
  }

  /** The cleaner with the rules packaged in the jar; loaded once per JVM. */
  public static TextCleaner fromClasspath() {
    TextCleaner cleaner = classpathInstance;
    if (cleaner == null) {
      synchronized (CLASSPATH_LOCK) {
        cleaner = classpathInstance;
        if (cleaner == null) {
          cleaner = loadClasspath();
          classpathInstance = cleaner;
        }
      }
    }
    return cleaner;
  }

  private static TextCleaner loadClasspath() {
    ClassLoader loader = TextCleaner.class.getClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource "
                + CLASSPATH_RESOURCE
                + " not found; the jar must contain datasets/cleaning (see the resources of"
                + " transforms/pom.xml)");
      }
      return parse("classpath:" + CLASSPATH_RESOURCE, in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read classpath resource " + CLASSPATH_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * A cleaner with the rules of {@code file} (same format as the packaged file).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not a valid rule file; the message starts with
   *     the path and the line
   */
  public static TextCleaner fromFile(Path file) throws IOException {
    return parse(file.toString(), Files.readAllBytes(file));
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, TextCleaner> FILE_CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The bundled rules when {@code rulesFile} is null or empty, else the rules of that file,
   * loaded once per JVM and path (DoFns call this in {@code @Setup}).
   *
   * @throws IllegalArgumentException if the file cannot be read or is not a valid rule file
   */
  public static TextCleaner load(String rulesFile) {
    if (rulesFile == null || rulesFile.isEmpty()) {
      return fromClasspath();
    }
    return FILE_CACHE.computeIfAbsent(
        rulesFile,
        f -> {
          try {
            return fromFile(Path.of(f));
          } catch (IOException e) {
            throw new IllegalArgumentException(
                "cannot read cleaning rules " + f + ": " + e.getMessage()
                    + "; check --cleaningRules", e);
          }
        });
  }

  private static TextCleaner parse(String origin, byte[] bytes) {
    String content;
    try {
      content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(origin + ": not valid UTF-8; save the rule file as UTF-8");
    }
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
        continue;
      }
      String where = origin + " line " + (i + 1) + ": ";
      String[] columns = line.split("\t", 3);
      if (columns.length != 3) {
        throw new IllegalArgumentException(
            where
                + "expected name<TAB>regex<TAB>description, got "
                + columns.length
                + " column(s) in \""
                + abbreviate(line)
                + "\"");
      }
      String name = columns[0].trim();
      String regex = columns[1].trim();
      if (!RULE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            where + "rule name \"" + name + "\" must be lower_snake_case ([a-z][a-z0-9_]*)");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            where + "rule name \"" + name + "\" is used twice; rule names must be unique");
      }
      if (regex.isEmpty()) {
        throw new IllegalArgumentException(where + "rule \"" + name + "\" has an empty regex");
      }
      try {
        rules.add(new Rule(name, Pattern.compile(regex, FLAGS)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            where
                + "rule \""
                + name
                + "\" is not a valid regex: "
                + e.getDescription()
                + " near index "
                + e.getIndex()
                + "; fix the regex",
            e);
      }
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          origin + ": no rules; expected lines of name<TAB>regex<TAB>description");
    }
    return new TextCleaner(rules, sha256Prefix(bytes));
  }

  /** Short hash of the rule file's bytes: record it with outputs to know which rules ran. */
  public String rulesVersion() {
    return rulesVersion;
  }

  /** Rule names in file order. */
  public List<String> ruleNames() {
    return ruleNames;
  }

  /** Cleans {@code text} (null is treated as empty); see the class comment for the contract. */
  public Cleaned clean(String text) {
    if (text == null || text.isEmpty()) {
      return new Cleaned("", 0);
    }
    String normalised =
        Normalizer.normalize(normaliseCharacters(HtmlMarkup.toText(text)), Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(normalised.length());
    StringBuilder paragraph = new StringBuilder();
    int removed = 0;
    int start = 0;
    while (start <= normalised.length()) {
      int end = normalised.indexOf('\n', start);
      if (end < 0) {
        end = normalised.length();
      }
      String line = collapseSpaces(normalised, start, end);
      start = end + 1;
      if (line.isEmpty()) {
        appendParagraph(out, paragraph);
      } else if (isBoilerplate(line)) {
        removed++;
      } else {
        if (paragraph.length() > 0) {
          paragraph.append(' ');
        }
        paragraph.append(line);
      }
    }
    appendParagraph(out, paragraph);
    return new Cleaned(out.toString(), removed);
  }

  /**
   * The name of the first rule that removes {@code line} (after the same whitespace normalisation
   * as {@link #clean}), or empty when it is kept. For tests and audits.
   */
  public Optional<String> matchingRule(String line) {
    if (line == null) {
      return Optional.empty();
    }
    String normalised = Normalizer.normalize(normaliseCharacters(line), Normalizer.Form.NFC);
    String collapsed = collapseSpaces(normalised, 0, normalised.length());
    if (collapsed.isEmpty() || collapsed.length() > MAX_BOILERPLATE_LINE_CHARS) {
      return Optional.empty();
    }
    for (Rule rule : rules) {
      if (rule.pattern().matcher(collapsed).matches()) {
        return Optional.of(rule.name());
      }
    }
    return Optional.empty();
  }

  /**
   * The paragraphs of a cleaned text, in order: split at blank lines, trimmed, empty ones dropped.
   */
  public static List<String> paragraphs(String cleaned) {
    List<String> out = new ArrayList<>();
    if (cleaned == null) {
      return out;
    }
    for (String paragraph : PARAGRAPH_BREAK.split(cleaned.replace("\r\n", "\n"))) {
      String trimmed = paragraph.trim();
      if (!trimmed.isEmpty()) {
        out.add(trimmed);
      }
    }
    return List.copyOf(out);
  }

  private boolean isBoilerplate(String line) {
    if (line.length() > MAX_BOILERPLATE_LINE_CHARS) {
      return false;
    }
    for (Rule rule : rules) {
      if (rule.pattern().matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  private static void appendParagraph(StringBuilder out, StringBuilder paragraph) {
    if (paragraph.length() == 0) {
      return;
    }
    if (out.length() > 0) {
      out.append("\n\n");
    }
    out.append(paragraph);
    paragraph.setLength(0);
  }

  /** Line breaks to {@code \n}, spaces to ' ', invisible and control characters removed. */
  static String normaliseCharacters(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(i + 1));
        i++;
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else if (c == '\r') {
        if (i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        out.append('\n');
      } else if (c == '\n' || c == '\u0085' || c == '\u2028') {
        out.append('\n');
      } else if (c == '\u2029') {
        out.append("\n\n");
      } else if (isInvisible(c)) {
        continue;
      } else if (c == '\t' || c == '\u000B' || c == '\u000C' || Character.isSpaceChar(c)) {
        out.append(' ');
      } else if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isInvisible(char c) {
    return (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u2064')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\uFEFF'
        || c == '\u00AD'
        || c == '\u180E';
  }

  /** {@code s[start, end)} with runs of spaces collapsed to one and trimmed. */
  private static String collapseSpaces(String s, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    boolean pendingSpace = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static String sha256Prefix(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
