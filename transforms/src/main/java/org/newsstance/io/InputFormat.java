package org.newsstance.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The format of an input file: the value of {@code --format}. {@link #AUTO} decides per file,
 * first by extension (after removing a compression extension): {@code .warc} is WARC, {@code
 * .csv}/{@code .tsv} is CSV, {@code .jsonl}/{@code .ndjson}/{@code .json}/{@code .jl} is JSON
 * lines; otherwise by content: {@code WARC/1.} at the start is WARC, a first non-blank character
 * {@code {} or {@code [} is JSON, anything else CSV. JSON content is JSON Lines or, when {@link
 * #isJsonDocument} says so, one document (a pretty-printed object, an array of objects).
 */
public enum InputFormat {
  AUTO,
  JSONL,
  CSV,
  WARC;

  /**
   * Parses an option value in any case ({@code warc}, {@code WARC}); Beam's option parser goes
   * through Jackson, so this makes {@code --format=warc} work.
   */
  @JsonCreator
  public static InputFormat parse(String value) {
    String v = value == null ? "" : value.trim();
    for (InputFormat f : values()) {
      if (f.name().equalsIgnoreCase(v)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "--format=" + value + " is not a format; use auto, jsonl, csv or warc");
  }

  /** The option spelling: lower case. */
  @JsonValue
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Compression extensions Beam decompresses by name. */
  public static final List<String> COMPRESSION_EXTENSIONS =
      List.of(".gz", ".bz2", ".zst", ".deflate", ".lzo", ".zip");

  /**
   * Bytes read from a file's start to decide its format: what {@link #sniff} needs, and enough of
   * a one-line API page to see its records array ({@link #isJsonDocument}).
   */
  public static final int SNIFF_BYTES = 4096;

  /** The file name without a trailing compression extension, lower-cased. */
  public static String baseName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String c : COMPRESSION_EXTENSIONS) {
      if (n.endsWith(c)) {
        return n.substring(0, n.length() - c.length());
      }
    }
    return n;
  }

  /** The format its extension says, or {@link #AUTO} when the extension says nothing. */
  public static InputFormat fromExtension(String name) {
    String n = baseName(name);
    if (n.endsWith(".warc") || n.endsWith(".wet")) { // .warc.wet.gz: Common Crawl's WET files
      return WARC;
    }
    if (n.endsWith(".csv") || n.endsWith(".tsv")) {
      return CSV;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") || n.endsWith(".jl")) {
      return JSONL;
    }
    return AUTO;
  }

  /** The format the first bytes of the (decompressed) content suggest. */
  public static InputFormat sniff(byte[] head, int length) {
    int i = skipBomAndBlanks(head, length);
    String start = new String(head, i, Math.max(0, Math.min(length - i, 7)), StandardCharsets.ISO_8859_1);
    if (start.startsWith("WARC/1.") || start.startsWith("WARC/0.")) {
      return WARC;
    }
    if (start.startsWith("{") || start.startsWith("[")) {
      return JSONL;
    }
    return CSV;
  }

  /**
   * Whether the file {@code name} with these first bytes is one JSON document rather than JSON
   * Lines: its name does not say JSON Lines ({@code .jsonl}, {@code .ndjson}, {@code .jl}: those
   * are read line by line whatever their first line), and its first non-blank character is {@code
   * [} (an array of objects) or its first line is a lone <code>{</code> (a pretty-printed object,
   * as news-please, {@code json.dump(..., indent=4)} and {@code jq} write). A JSON Lines file never
   * starts either way: its first line is a whole object. Such a file is read whole by {@link
   * JsonDocumentArticleReader}, never cut into line chunks.
   *
   * <p>With a records path ({@code --jsonRecords}, e.g. {@code articles} or {@code
   * response.results}; empty for none) also a file, whatever its name, whose first line is an
   * object that holds an array under the path's last key within the first {@link #SNIFF_BYTES}
   * bytes: a minified API page (<code>{"status":"ok", "articles":[...]}</code>), or JSON Lines of
   * such pages. Read as JSON Lines, a page would be one record without a text.
   */
  public static boolean isJsonDocument(String name, byte[] head, int length, String recordsPath) {
    String n = baseName(name);
    boolean linesByName = n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".jl");
    if (!linesByName && startsLikeADocument(head, length)) {
      return true;
    }
    return recordsPath != null
        && !recordsPath.isEmpty()
        && firstLineHoldsArray(head, length, lastKey(recordsPath));
  }

  /** The last key of a dotted records path ({@code response.results}: {@code results}). */
  static String lastKey(String recordsPath) {
    return recordsPath.substring(recordsPath.lastIndexOf('.') + 1);
  }

  /**
   * Whether the first line of {@code head} starts an object and holds {@code "key"} followed by
   * {@code :} and {@code [} (blanks allowed between).
   */
  static boolean firstLineHoldsArray(byte[] head, int length, String key) {
    int i = skipBomAndBlanks(head, length);
    if (i >= length || head[i] != '{' || key.isEmpty()) {
      return false;
    }
    int end = i;
    while (end < length && head[end] != '\n') {
      end++;
    }
    String line = new String(head, i, end - i, StandardCharsets.UTF_8);
    String quoted = "\"" + key + "\"";
    for (int at = line.indexOf(quoted); at >= 0; at = line.indexOf(quoted, at + 1)) {
      int k = skipBlanks(line, at + quoted.length());
      if (k < line.length() && line.charAt(k) == ':') {
        k = skipBlanks(line, k + 1);
        if (k < line.length() && line.charAt(k) == '[') {
          return true;
        }
      }
    }
    return false;
  }

  private static int skipBlanks(String s, int from) {
    int k = from;
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\r')) {
      k++;
    }
    return k;
  }

  static boolean startsLikeADocument(byte[] head, int length) {
    int i = skipBomAndBlanks(head, length);
    if (i >= length) {
      return false;
    }
    if (head[i] == '[') {
      return true;
    }
    if (head[i] != '{') {
      return false;
    }
    for (int k = i + 1; k < length; k++) {
      if (head[k] == '\n') {
        return true;
      }
      if (head[k] != ' ' && head[k] != '\t' && head[k] != '\r') {
        return false;
      }
    }
    return false;
  }

  private static int skipBomAndBlanks(byte[] head, int length) {
    int i = 0;
    if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    return i;
  }

  /**
   * The format to read a file with: {@code requested} unless it is {@link #AUTO}, else by
   * extension, else by content ({@code head} may be null when the content is not known yet).
   */
  public static InputFormat resolve(InputFormat requested, String name, byte[] head, int length) {
    if (requested != null && requested != AUTO) {
      return requested;
    }
    InputFormat byName = fromExtension(name);
    if (byName != AUTO || head == null) {
      return byName;
    }
    return sniff(head, length);
  }

  /** Whether a WARC file is a sequence of gzip members that must be read with their offsets. */
  public static boolean isGzipWarc(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}
