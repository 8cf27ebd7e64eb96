package org.newsstance.model;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record that could not be turned into an article: the dead-letter element.
 *
 * @param source the input file
 * @param position where in the file: a 1-based line number, {@code offset N} for byte offsets,
 *     or empty for problems with the whole file
 * @param reasonCode short machine-readable reason (for example {@code malformed_json}); counted
 *     per code in the manifest
 * @param detail human explanation naming the bad value and what to do
 * @param excerpt the first 200 characters of the record
 */
@DefaultCoder(RejectCoder.class)
public record Reject(String source, String position, String reasonCode, String detail, String excerpt) {

  public static final int EXCERPT_CHARS = 200;

  public Reject {
    source = source == null ? "" : source;
    position = position == null ? "" : position;
    reasonCode = reasonCode == null ? "" : reasonCode;
    detail = detail == null ? "" : detail;
    excerpt = excerpt(excerpt);
  }

  /** The text written to the {@code reason} column: code, then the explanation. */
  public String reason() {
    return detail.isEmpty() ? reasonCode : reasonCode + ": " + detail;
  }

  /** First {@value #EXCERPT_CHARS} characters, never splitting a surrogate pair. */
  public static String excerpt(String s) {
    if (s == null) {
      return "";
    }
    if (s.length() <= EXCERPT_CHARS) {
      return s;
    }
    int end = EXCERPT_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
