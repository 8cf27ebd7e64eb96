package org.newsstance.io;

/**
 * The reason codes this package puts in {@code Reject.reasonCode}. They are counted per code in the
 * manifest, so they are stable identifiers: add new ones, never rename.
 */
public final class RejectCodes {
  /** A line contains bytes that are not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid_utf8";

  /** A line is longer than the reader's byte limit, or the text longer than the parser's limit. */
  public static final String RECORD_TOO_LARGE = "record_too_large";

  /** The stream failed (for example a truncated {@code .gz}) before its end. */
  public static final String TRUNCATED_INPUT = "truncated_input";

  /** The line is not well-formed JSON (or has duplicate keys or trailing content). */
  public static final String MALFORMED_JSON = "malformed_json";

  /** The line is valid JSON but not an object. */
  public static final String NOT_AN_OBJECT = "not_an_object";

  /** Neither {@code text} nor news-please's {@code maintext} is present (or both are null). */
  public static final String MISSING_TEXT = "missing_text";

  /** The text is a string that is empty or only whitespace. */
  public static final String EMPTY_TEXT = "empty_text";

  /** The text is present but not a JSON string. */
  public static final String TEXT_NOT_A_STRING = "text_not_a_string";

  /** The JSON nests arrays/objects deeper than the parser allows. */
  public static final String TOO_DEEPLY_NESTED = "too_deeply_nested";

  /** No outlet field and no host in the URL to derive one from. */
  public static final String MISSING_OUTLET = "missing_outlet";

  /** A WARC record cannot be read: broken header, bad Content-Length, corrupt gzip member. */
  public static final String MALFORMED_WARC = "malformed_warc";

  /** A CSV record cannot be parsed (bad quoting, wrong number of fields). */
  public static final String MALFORMED_CSV = "malformed_csv";

  /** A CSV file lacks a column that --csvColumns maps (checked again when the file is read). */
  public static final String MISSING_COLUMN = "missing_column";

  /** A file yields no record at all (one reject for the whole file). */
  public static final String EMPTY_FILE = "empty_file";

  /**
   * A file cannot be opened, decompressed or read on (one reject; the records before it stay).
   */
  public static final String UNREADABLE_FILE = "unreadable_file";

  /** A WARC HTTP body in a content encoding that cannot be decoded (Brotli, {@code br}). */
  public static final String UNSUPPORTED_ENCODING = "unsupported_encoding";

  /**
   * A WARC response labelled HTML whose body is not text: an image, a PDF or an archive, known by
   * its first bytes ({@link BinaryBody}).
   */
  public static final String BINARY_BODY = "binary_body";

  private RejectCodes() {}

  /** What to do about lines that end with a carriage return only; JSON lines and CSV say the same. */
  static final String LONE_CR_HINT =
      "the file's lines end with a carriage return only (as classic Mac OS programs wrote"
          + " them), so several records read as one line; convert the line ends to LF (for"
          + " example tr '\\r' '\\n' < in > out)";

  /** Whether {@code s} holds a carriage return that is not followed by a line feed. */
  static boolean hasLoneCarriageReturn(String s) {
    for (int i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) {
      if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
        return true;
      }
    }
    return false;
  }

  /** The first line of a (library's) message, for a reject's detail; empty for null. */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
