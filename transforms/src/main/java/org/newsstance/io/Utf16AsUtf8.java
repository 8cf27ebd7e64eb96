package org.newsstance.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a UTF-16 file (one that starts with a byte-order mark, as Excel's "Unicode Text" export
 * and some Windows tools write) as the UTF-8 bytes every reader expects, streaming. Without it
 * every record of such a file was an {@code invalid_utf8} reject. The mark itself is dropped;
 * unpaired surrogates and a trailing odd byte become U+FFFD. Line numbers are unchanged; byte
 * offsets in reject details count the UTF-8 bytes. Not thread-safe.
 */
public final class Utf16AsUtf8 extends InputStream {
  private final Reader reader;
  private final char[] chars = new char[8192];
  private byte[] bytes = new byte[0];
  private int pos;
  /** A high surrogate read last, held until its low surrogate arrives. */
  private int pendingHigh = -1;

  private Utf16AsUtf8(InputStream utf16) {
    this.reader = new InputStreamReader(utf16, StandardCharsets.UTF_16);
  }

  /** Whether the bytes start with a UTF-16 byte-order mark ({@code FF FE} or {@code FE FF}). */
  public static boolean startsWithUtf16Mark(byte[] head, int length) {
    if (length < 2) {
      return false;
    }
    int a = head[0] & 0xFF;
    int b = head[1] & 0xFF;
    return (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF);
  }

  /**
   * {@code in} itself, or a UTF-8 view of it when it starts with a UTF-16 byte-order mark (looked
   * at without consuming: {@code in} must support mark and reset).
   */
  public static BufferedInputStream view(BufferedInputStream in) throws IOException {
    byte[] head = new byte[2];
    in.mark(2);
    int n = in.readNBytes(head, 0, 2);
    in.reset();
    return startsWithUtf16Mark(head, n) ? new BufferedInputStream(new Utf16AsUtf8(in)) : in;
  }

  @Override
  public int read() throws IOException {
    if (pos == bytes.length && !refill()) {
      return -1;
    }
    return bytes[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == bytes.length && !refill()) {
      return -1;
    }
    int k = Math.min(len, bytes.length - pos);
    System.arraycopy(bytes, pos, b, off, k);
    pos += k;
    return k;
  }

  private boolean refill() throws IOException {
    while (true) {
      int n = reader.read(chars);
      if (n < 0) {
        if (pendingHigh < 0) {
          return false;
        }
        bytes = "\uFFFD".getBytes(StandardCharsets.UTF_8);
        pendingHigh = -1;
        pos = 0;
        return true;
      }
      StringBuilder s = new StringBuilder(n + 1);
      if (pendingHigh >= 0) {
        s.append((char) pendingHigh);
        pendingHigh = -1;
      }
      s.append(chars, 0, n);
      if (Character.isHighSurrogate(s.charAt(s.length() - 1))) {
        pendingHigh = s.charAt(s.length() - 1);
        s.setLength(s.length() - 1);
      }
      if (s.length() == 0) {
        continue;
      }
      // getBytes replaces an unpaired surrogate with '?'; make it U+FFFD as the readers do.
      bytes = ArticleJsonParser.repairSurrogates(s.toString())
          .getBytes(StandardCharsets.UTF_8);
      pos = 0;
      if (bytes.length > 0) {
        return true;
      }
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
