package org.newsstance.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.Serializable;
import java.util.Locale;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

/**
 * Parses one JSON Lines record into an {@link Article}, or a {@link Reject} saying why it cannot.
 *
 * <p>Fields (news-please's names in brackets are understood too; when both are present and not
 * null, the project's name wins): {@code text} [{@code maintext}] required, a non-empty string of
 * at most {@link #maxTextChars()} characters; {@code url}; {@code outlet} [{@code source_domain}];
 * {@code published} [{@code date_publish}], see {@link PublishedDates}; {@code title}; {@code
 * language}; {@code id}, a string or a number.
 *
 * <p>Rules, so that the same line always gives the same article:
 *
 * <ul>
 *   <li>A JSON {@code null} is the same as an absent field. Optional fields that are numbers or
 *       booleans are used as their text; arrays and objects in optional fields are ignored.
 *   <li>Unpaired UTF-16 surrogates (from {@code \uD800}-style escapes) are replaced by U+FFFD in
 *       every string, so that text survives UTF-8 encoding unchanged.
 *   <li>{@code outlet}: trimmed and inner whitespace collapsed. A value that looks like a host name
 *       ({@code WWW.Example.COM}) or an http(s) URL is a domain: its host goes through the {@link
 *       OutletTable} (mapped name, else registrable domain); any other name ({@code The
 *       Guardian}) is kept as given. Without an outlet, the URL's host goes through the table;
 *       without either the record is rejected as {@value RejectCodes#MISSING_OUTLET}. See {@link
 *       ArticleFactory}, which builds the article the same way for every input format.
 *   <li>{@code id}: the given id, trimmed; else {@code u-} and the first 16 hex digits of the
 *       SHA-256 of the canonical URL; without a URL, {@code c-} and the same of outlet, title and
 *       text.
 *   <li>{@code published}: when parseable, the normalised value, its UTC date and {@code
 *       dateSource=field}; when not, the raw value (trimmed) and an undated article.
 *   <li>{@code language}: trimmed, lower-cased, the primary subtag only ({@code en-GB} gives {@code
 *       en}).
 *   <li>{@code text} is kept as given (cleaning comes later) apart from the surrogate repair;
 *       {@code linesRemoved} is 0.
 * </ul>
 *
 * <p>Rejects: {@value RejectCodes#MALFORMED_JSON} (also for duplicate keys and trailing content),
 * {@value RejectCodes#NOT_AN_OBJECT}, {@value RejectCodes#MISSING_TEXT}, {@value
 * RejectCodes#EMPTY_TEXT}, {@value RejectCodes#TEXT_NOT_A_STRING}, {@value
 * RejectCodes#RECORD_TOO_LARGE} (the text, or any string in the record, is longer than {@code
 * max(maxTextChars, 100000)} characters), {@value RejectCodes#TOO_DEEPLY_NESTED} (deeper than
 * {@value #MAX_NESTING_DEPTH}) and {@value RejectCodes#MISSING_OUTLET}.
 *
 * <p>Immutable and thread-safe; serialisable so a DoFn may hold it in a field.
 */
public final class ArticleJsonParser implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default longest article text, in UTF-16 characters. */
  public static final int DEFAULT_MAX_TEXT_CHARS = 2_000_000;

  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_NESTING_DEPTH = 100;

  /** Jackson's limit for any JSON string is never below this, so long titles are not rejects. */
  private static final int MIN_STRING_LIMIT = 100_000;

  private static final int SHOWN_VALUE_CHARS = 40;


  /**
   * The outcome of parsing one line: exactly one of {@code article} and {@code reject} is non-null.
   */
  public record Result(Article article, Reject reject) {
    public Result {
      if ((article == null) == (reject == null)) {
        throw new IllegalArgumentException("exactly one of article and reject must be set");
      }
    }

    public boolean isArticle() {
      return article != null;
    }
  }

  private final int maxTextChars;
  private final OutletTable outlets;
  private final CsvColumns fields;
  private final transient ArticleFactory factory;
  private final transient ObjectReader reader;

  private ArticleJsonParser(int maxTextChars, OutletTable outlets, CsvColumns fields) {
    this.maxTextChars = maxTextChars;
    this.outlets = outlets;
    this.fields = fields;
    this.factory = ArticleFactory.of(outlets, maxTextChars);
    this.reader = newReader(Math.max(maxTextChars, MIN_STRING_LIMIT));
  }

  /**
   * A parser with the {@linkplain #DEFAULT_MAX_TEXT_CHARS default text limit} and no outlet
   * mappings (outlets from hosts are registrable domains).
   */
  public static ArticleJsonParser create() {
    return new ArticleJsonParser(DEFAULT_MAX_TEXT_CHARS, OutletTable.empty(), CsvColumns.defaults());
  }

  /** A copy that rejects texts longer than {@code maxTextChars} characters. */
  public ArticleJsonParser withMaxTextChars(int maxTextChars) {
    if (maxTextChars <= 0) {
      throw new IllegalArgumentException("maxTextChars must be positive, was " + maxTextChars);
    }
    return new ArticleJsonParser(maxTextChars, outlets, fields);
  }

  /**
   * A copy that reads each field from the key {@code fields} maps it to ({@code --jsonFields},
   * e.g. {@code text=content,outlet=source.name}); a dotted name that is not a key itself is a
   * path into nested objects. The news-please names stay fallbacks.
   */
  public ArticleJsonParser withFields(CsvColumns fields) {
    if (fields == null) {
      throw new IllegalArgumentException("fields must not be null; use CsvColumns.defaults()");
    }
    return new ArticleJsonParser(maxTextChars, outlets, fields);
  }

  /** A copy that names outlets from hosts with {@code table} (see {@link OutletTable}). */
  public ArticleJsonParser withOutlets(OutletTable table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null; use OutletTable.empty()");
    }
    return new ArticleJsonParser(maxTextChars, table, fields);
  }

  public int maxTextChars() {
    return maxTextChars;
  }

  /** The parsed tree of a JSON object line, for readers that map other formats onto it. */
  ArticleFactory factory() {
    return factory;
  }

  private Object readResolve() {
    return new ArticleJsonParser(maxTextChars, outlets, fields);
  }

  private static ObjectReader newReader(int maxStringLength) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(maxStringLength)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    return new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .readerFor(JsonNode.class);
  }

  /**
   * Parses one line from a {@link LineReader}: an error line (invalid UTF-8, too large,
   * truncated input) becomes its reject, a record is parsed with its line number as position.
   */
  public Result parse(LineReader.Line line, String source) {
    if (line.isError()) {
      return new Result(null, line.toReject(source));
    }
    return parse(line.text(), source, line.number());
  }

  /**
   * Parses one line.
   *
   * @param line the record, without line terminator
   * @param source the input file, copied into the article or reject
   * @param position the 1-based line number, copied into the article or reject
   */
  public Result parse(String line, String source, long position) {
    String json = line == null ? "" : line;
    if (json.isBlank()) {
      return reject(
          source,
          position,
          RejectCodes.MALFORMED_JSON,
          "the line is empty; each line must be one JSON object",
          json);
    }
    JsonNode root;
    try {
      root = reader.readTree(json);
    } catch (StreamConstraintsException e) {
      return constraintReject(e, source, position, json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null
              ? ""
              : String.format(
                  Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
      String problem = e.getOriginalMessage();
      if (problem != null && problem.startsWith("Trailing token")) {
        problem = "more content follows the JSON object";
        if (RejectCodes.hasLoneCarriageReturn(json)) {
          problem += " after a carriage return: " + RejectCodes.LONE_CR_HINT;
        }
      }
      return reject(
          source,
          position,
          RejectCodes.MALFORMED_JSON,
          "not valid JSON"
              + where
              + ": "
              + problem
              + "; each line must be one complete JSON object",
          json);
    }
    if (root == null || !root.isObject()) {
      String what = root == null ? "nothing" : describe(root);
      return reject(
          source,
          position,
          RejectCodes.NOT_AN_OBJECT,
          "the line is "
              + what
              + ", not a JSON object; each line must be one object with at least a \"text\""
              + " field",
          json);
    }
    return toArticle(root, source, position, json);
  }

  private Result toArticle(JsonNode root, String source, long position, String json) {
    String textName = fields.column("text");
    String textField = present(root, textName) ? textName : "maintext";
    JsonNode textNode = value(root, textField);
    if (textNode == null || textNode.isNull()) {
      return reject(
          source,
          position,
          RejectCodes.MISSING_TEXT,
          "no article text: field \"" + textName + "\" (or news-please's \"maintext\") is absent"
              + " or null; each record needs the text as a non-empty string"
              + (textName.equals("text") ? " (--jsonFields=text=KEY names another key)" : ""),
          json);
    }
    if (!textNode.isTextual()) {
      return reject(
          source,
          position,
          RejectCodes.TEXT_NOT_A_STRING,
          String.format(
              Locale.ROOT,
              "field \"%s\" is %s; it must be a non-empty string",
              textField,
              describeWithValue(textNode)),
          json);
    }
    String text = repairSurrogates(textNode.textValue());
    if (text.isBlank()) {
      return reject(
          source,
          position,
          RejectCodes.EMPTY_TEXT,
          String.format(
              Locale.ROOT,
              "field \"%s\" is %s; it must contain the article text",
              textField,
              text.isEmpty()
                  ? "an empty string"
                  : "only whitespace (" + text.length() + " characters)"),
          json);
    }
    if (text.length() > maxTextChars) {
      return reject(
          source,
          position,
          RejectCodes.RECORD_TOO_LARGE,
          String.format(
              Locale.ROOT,
              "field \"%s\" has %d characters, more than the limit of %d; split the article or"
                  + " raise --maxTextChars",
              textField,
              text.length(),
              maxTextChars),
          json);
    }

    String url = optionalText(root, fields.column("url"), null).trim();
    String outlet = factory.outlet(optionalText(root, fields.column("outlet"), "source_domain"));
    if (outlet.isEmpty()) {
      outlet = factory.outlets().outletForUrl(url);
    }
    if (outlet.isEmpty()) {
      return reject(
          source,
          position,
          RejectCodes.MISSING_OUTLET,
          String.format(
              Locale.ROOT,
              "no outlet: field \"outlet\" (or \"source_domain\") is absent or empty and %s;"
                  + " add an outlet name or an absolute http(s) URL",
              url.isEmpty()
                  ? "there is no \"url\""
                  : "\"url\" has no usable host (" + shorten(url) + ")"),
          json);
    }
    ArticleFactory.Result built =
        factory.build(
            new ArticleFactory.Fields(
                optionalText(root, fields.column("id"), null),
                url,
                outlet,
                optionalText(root, fields.column("published"), "date_publish"),
                "field",
                optionalText(root, fields.column("title"), null),
                text,
                optionalText(root, fields.column("language"), null)),
            source,
            position,
            Long.toString(position),
            json);
    return new Result(built.article(), built.reject());
  }

  private Result constraintReject(
      StreamConstraintsException e, String source, long position, String json) {
    String message = e.getOriginalMessage();
    if (message != null && message.contains("nesting depth")) {
      return reject(
          source,
          position,
          RejectCodes.TOO_DEEPLY_NESTED,
          "arrays/objects are nested deeper than "
              + MAX_NESTING_DEPTH
              + " levels ("
              + message
              + "); an article record is a flat object",
          json);
    }
    if (message != null && message.startsWith("String length")) {
      return reject(
          source,
          position,
          RejectCodes.RECORD_TOO_LARGE,
          "a string value is longer than "
              + Math.max(maxTextChars, MIN_STRING_LIMIT)
              + " characters ("
              + message
              + "); split the article or raise --maxTextChars",
          json);
    }
    return reject(
        source,
        position,
        RejectCodes.MALFORMED_JSON,
        "JSON exceeds a parser limit: " + message + "; shorten the offending value",
        json);
  }

  private static Result reject(
      String source, long position, String code, String detail, String json) {
    return new Result(null, new Reject(source, Long.toString(position), code, detail, json));
  }

  private static boolean present(JsonNode root, String field) {
    JsonNode node = value(root, field);
    return node != null && !node.isNull();
  }

  /**
   * The value of key {@code name}, else, when the name is dotted and not a key itself, of the
   * path it spells into nested objects ({@code source.name}); null when absent.
   */
  private static JsonNode value(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node != null || name.indexOf('.') < 0) {
      return node;
    }
    JsonNode at = root;
    for (String key : name.split("\\.", -1)) {
      at = at.isObject() ? at.get(key) : null;
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  /**
   * The text of {@code field}, else of {@code alias} (may be null); empty when absent, null or an
   * array/object.
   */
  private static String optionalText(JsonNode root, String field, String alias) {
    JsonNode node = value(root, field);
    if ((node == null || node.isNull()) && alias != null) {
      node = root.get(alias);
    }
    if (node == null || !node.isValueNode() || node.isNull()) {
      return "";
    }
    return repairSurrogates(node.asText());
  }



  /** Replaces every unpaired surrogate by U+FFFD; returns {@code s} itself when there is none. */
  static String repairSurrogates(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static String describe(JsonNode node) {
    switch (node.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
    }
  }

  private static String describeWithValue(JsonNode node) {
    return node.isNull() ? "null" : describe(node) + " (" + shorten(node.toString()) + ")";
  }

  private static String shorten(String s) {
    if (s.length() <= SHOWN_VALUE_CHARS) {
      return s;
    }
    int end = SHOWN_VALUE_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "...";
  }

}
