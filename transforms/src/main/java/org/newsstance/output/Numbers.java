package org.newsstance.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting for every CSV: plain decimal notation (never exponents), a fixed number of
 * decimals, half-up rounding, independent of the default locale; NaN and null become an empty
 * cell; negative zero prints as zero.
 */
public final class Numbers {
  private Numbers() {}

  public static String decimal(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "";
    }
    BigDecimal d = new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP);
    if (d.signum() == 0) {
      d = d.abs();
    }
    return d.toPlainString();
  }

  /** Four decimals: the precision of every score and interval in the outputs. */
  public static String score(double value) {
    return decimal(value, 4);
  }
}
