package org.newsstance.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Field codecs shared by the hand-written coders of this package (nested, length-prefixed). */
final class CoderIo {
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private CoderIo() {}

  static void str(String s, OutputStream out) throws IOException {
    STRING.encode(s, out);
  }

  static String str(InputStream in) throws IOException {
    return STRING.decode(in);
  }

  static void lng(long v, OutputStream out) throws IOException {
    LONG.encode(v, out);
  }

  static long lng(InputStream in) throws IOException {
    return LONG.decode(in);
  }

  static void num(int v, OutputStream out) throws IOException {
    INT.encode(v, out);
  }

  static int num(InputStream in) throws IOException {
    return INT.decode(in);
  }

  /** Doubles are written as their exact bit pattern, so encoding is deterministic. */
  static void dbl(double v, OutputStream out) throws IOException {
    LONG.encode(Double.doubleToLongBits(v), out);
  }

  static double dbl(InputStream in) throws IOException {
    return Double.longBitsToDouble(LONG.decode(in));
  }
}
