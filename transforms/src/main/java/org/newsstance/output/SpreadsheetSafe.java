package org.newsstance.output;

/**
 * Neutralises text cells that a spreadsheet would run as a formula (OWASP "CSV injection"): a cell
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * leading apostrophe. So does a cell where one of {@code = + - @} follows only whitespace (also
 * non-breaking and other Unicode spaces), control or invisible formatting characters (byte-order
 * mark, zero-width space, bidi controls): importers that trim spaces (LibreOffice's "Trim spaces")
 * or drop such characters would otherwise see the formula. Applied to every cell that comes from
 * input text, in every CSV, always; never to numbers the pipeline formats itself.
 */
public final class SpreadsheetSafe {
  private SpreadsheetSafe() {}

  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char c = value.charAt(0);
    if (c == '\t' || c == '\r' || isFormulaStart(firstVisible(value))) {
      return "'" + value;
    }
    return value;
  }

  private static boolean isFormulaStart(int c) {
    return c == '=' || c == '+' || c == '-' || c == '@';
  }

  /** The first character that is not whitespace, a control or a format character; -1 if none. */
  private static int firstVisible(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int type = Character.getType(c);
      if (!Character.isWhitespace(c)
          && !Character.isSpaceChar(c)
          && type != Character.CONTROL
          && type != Character.FORMAT) {
        return c;
      }
    }
    return -1;
  }
}
