package org.newsstance.output;

/**
 * Neutralises text cells that a spreadsheet would run as a formula (OWASP "CSV injection"): a cell
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * leading apostrophe. Applied to every cell that comes from input text, in every CSV, always;
 * never to numbers the pipeline formats itself.
 */
public final class SpreadsheetSafe {
  private SpreadsheetSafe() {}

  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char c = value.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return "'" + value;
    }
    return value;
  }
}
