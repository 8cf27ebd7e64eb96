package org.newsstance.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

/**
 * Builds an {@link Article} from field values, the same way for every input format (JSON lines,
 * CSV, WARC), so that the same story read from any of them gives the same article.
 *
 * <ul>
 *   <li>{@code text}: required and non-blank, at most {@code maxTextChars} characters; kept as
 *       given (cleaning comes later).
 *   <li>{@code outlet}: invisible characters removed (see {@link #INVISIBLE}), trimmed, inner
 *       whitespace (also Unicode spaces) collapsed. A value that looks like a host name
 *       or an http(s) URL is a domain: it goes through the {@link OutletTable} (mapped name, else
 *       registrable domain); any other value ({@code The Guardian}) is kept as given. Without an
 *       outlet, the URL's host goes through the table; without either the record is rejected as
 *       {@value RejectCodes#MISSING_OUTLET}.
 *   <li>{@code title}: invisible characters removed.
 *   <li>{@code id}: the given id, invisible characters removed, trimmed; else {@code u-} and 16 hex digits of the SHA-256 of the
 *       canonical URL; without a URL, {@code c-} and the same of outlet, title and text.
 *   <li>{@code published}: parsed with {@link PublishedDates}; when parseable the normalised value,
 *       its UTC date and the given date source; when not, the raw value and an undated article.
 *   <li>{@code language}: lower-cased primary subtag ({@code en-GB} gives {@code en}).
 * </ul>
 *
 * <p>Immutable, thread-safe and serialisable.
 */
public final class ArticleFactory implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final int ID_HEX_DIGITS = 16;
  private static final int SHOWN_VALUE_CHARS = 40;
  private static final Pattern HOST_NAME =
      Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9]\\.?");
  private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://.*");
  private static final Pattern SPACES = Pattern.compile("(?U)\\s+");
  /**
   * Characters removed from outlet, title and id: controls other than tab and line breaks (NUL,
   * BEL, ESC, C1), bidi embeddings, overrides and isolates, zero-width space, word joiner and
   * byte-order mark. They are invisible in a spreadsheet or the report, so they made outlets that
   * look like another one ({@code BBC} + U+202E is not {@code BBC}) and hid what a cell holds.
   * Joiners (U+200C, U+200D) and the implicit marks (U+200E, U+200F) are spelling and stay.
   */
  private static final Pattern INVISIBLE =
      Pattern.compile(
          "[\\p{Cc}&&[^\\t\\n\\r]]|[\\u202A-\\u202E\\u2066-\\u2069\\u200B\\u2060\\uFEFF]");

  /**
   * Raw field values of one record; null means absent.
   *
   * @param dateSource what to record as {@code dateSource} when {@code published} parses
   */
  public record Fields(
      String id,
      String url,
      String outlet,
      String published,
      String dateSource,
      String title,
      String text,
      String language) {}

  /** Exactly one of {@code article} and {@code reject} is non-null. */
  public record Result(Article article, Reject reject) {}

  private final OutletTable outlets;
  private final int maxTextChars;

  private ArticleFactory(OutletTable outlets, int maxTextChars) {
    this.outlets = outlets;
    this.maxTextChars = maxTextChars;
  }

  /** A factory with the given outlet table and text limit. */
  public static ArticleFactory of(OutletTable outlets, int maxTextChars) {
    if (outlets == null) {
      throw new IllegalArgumentException("outlets must not be null; use OutletTable.empty()");
    }
    if (maxTextChars <= 0) {
      throw new IllegalArgumentException("maxTextChars must be positive, was " + maxTextChars);
    }
    return new ArticleFactory(outlets, maxTextChars);
  }

  public OutletTable outlets() {
    return outlets;
  }

  public int maxTextChars() {
    return maxTextChars;
  }

  /**
   * Builds the article, or the reject explaining why not.
   *
   * @param source the input file
   * @param position the record's line number or byte offset
   * @param positionText how the reject names the position ({@code 12} or {@code offset 4096})
   * @param excerpt what the reject shows of the record
   */
  public Result build(
      Fields f, String source, long position, String positionText, String excerpt) {
    String text = nz(f.text());
    if (text.isBlank()) {
      return reject(
          source, positionText, RejectCodes.EMPTY_TEXT,
          "the record has no article text; each record needs a non-empty text", excerpt);
    }
    if (text.length() > maxTextChars) {
      return reject(
          source, positionText, RejectCodes.RECORD_TOO_LARGE,
          String.format(
              Locale.ROOT,
              "the text has %d characters, more than the limit of %d; split the article or raise"
                  + " --maxTextChars",
              text.length(), maxTextChars),
          excerpt);
    }
    String url = nz(f.url()).trim();
    String outlet = outlet(nz(f.outlet()));
    if (outlet.isEmpty()) {
      outlet = outlets.outletForUrl(url);
    }
    if (outlet.isEmpty()) {
      return reject(
          source, positionText, RejectCodes.MISSING_OUTLET,
          String.format(
              Locale.ROOT,
              "no outlet: the outlet is absent or empty and %s; add an outlet name or an absolute"
                  + " http(s) URL",
              url.isEmpty() ? "there is no url" : "the url has no usable host (" + shorten(url) + ")"),
          excerpt);
    }
    String title = visible(nz(f.title()));
    String canonicalUrl = url.isEmpty() ? "" : UrlCanonicalizer.canonical(url);
    String id = visible(nz(f.id())).trim();
    if (id.isEmpty()) {
      id =
          canonicalUrl.isEmpty()
              ? "c-" + sha256Prefix(outlet + "\n" + title + "\n" + text.trim())
              : "u-" + sha256Prefix(canonicalUrl);
    }
    String rawPublished = nz(f.published()).trim();
    Optional<PublishedDates.ParsedDate> date = PublishedDates.parse(rawPublished);
    Article article =
        new Article(
            id,
            outlet,
            url,
            canonicalUrl,
            date.map(PublishedDates.ParsedDate::normalised).orElse(rawPublished),
            date.map(PublishedDates.ParsedDate::utcDate).orElse(""),
            date.isPresent() ? nz(f.dateSource()) : "",
            title,
            text,
            language(nz(f.language())),
            source,
            position,
            0);
    return new Result(article, null);
  }

  /** The outlet rule for a given value (see the class comment); empty for a blank value. */
  public String outlet(String given) {
    String name = SPACES.matcher(visible(given)).replaceAll(" ").trim();
    if (HTTP_URL.matcher(name).matches()) {
      return outlets.outletForUrl(name);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (HOST_NAME.matcher(lower).matches()) {
      return outlets.outletForHost(UrlCanonicalizer.host("https://" + lower));
    }
    return name;
  }

  /** {@code s} without the {@link #INVISIBLE} characters. */
  static String visible(String s) {
    return INVISIBLE.matcher(s).replaceAll("");
  }

  static String language(String given) {
    String code = given.trim().toLowerCase(Locale.ROOT);
    int sep = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
    return sep >= 0 ? code.substring(0, sep) : code;
  }

  static String shorten(String s) {
    if (s.length() <= SHOWN_VALUE_CHARS) {
      return s;
    }
    int end = SHOWN_VALUE_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "...";
  }

  static String sha256Prefix(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static Result reject(
      String source, String position, String code, String detail, String excerpt) {
    return new Result(null, new Reject(source, position, code, detail, excerpt));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
