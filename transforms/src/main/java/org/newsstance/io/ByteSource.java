package org.newsstance.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered byte stream that knows its absolute position and can look ahead a bounded number of
 * bytes without consuming them. The archive readers need both: record offsets for {@code
 * rejects.csv}, and look-ahead to check a record's framing or to find the next record after a
 * corrupt one.
 *
 * <p>Memory is the buffer: {@value #BUFFER_BYTES} bytes, whatever the size of the stream, plus
 * what {@link #unread} puts back. Not thread-safe. Closing it closes nothing: the caller owns the
 * underlying stream.
 */
final class ByteSource {
  static final int BUFFER_BYTES = 64 * 1024;

  private static final byte[] NONE = new byte[0];

  private final InputStream in;

  /** Bytes put back by {@link #unread}, read before {@link #in}. */
  private byte[] pushedBack = NONE;

  private int pushedBackPos;

  private final byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int len;

  /** Absolute position of {@code buf[0]}. */
  private long base;

  private boolean eof;

  ByteSource(InputStream in) {
    this.in = in;
  }

  /** Absolute position of the next byte to be read. */
  long position() {
    return base + pos;
  }

  /** Buffered bytes available without reading from the stream. */
  int buffered() {
    return len - pos;
  }

  byte[] buffer() {
    return buf;
  }

  int bufferPos() {
    return pos;
  }

  /** Consumes {@code n} buffered bytes (at most {@link #buffered()}). */
  void advance(int n) {
    if (n < 0 || n > len - pos) {
      throw new IllegalArgumentException("cannot advance " + n + " bytes, " + (len - pos) + " buffered");
    }
    pos += n;
  }

  /**
   * Makes at least {@code n} bytes available (n at most the buffer size) unless the stream ends
   * first; returns how many are available.
   */
  int ensure(int n) throws IOException {
    if (n > buf.length) {
      throw new IllegalArgumentException("cannot look ahead " + n + " bytes, the buffer holds " + buf.length);
    }
    if (len - pos >= n) {
      return len - pos;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, len - pos);
      base += pos;
      len -= pos;
      pos = 0;
    }
    while (len < n && (pushedBackPos < pushedBack.length || !eof)) {
      if (pushedBackPos < pushedBack.length) {
        int k = Math.min(buf.length - len, pushedBack.length - pushedBackPos);
        System.arraycopy(pushedBack, pushedBackPos, buf, len, k);
        pushedBackPos += k;
        len += k;
        continue;
      }
      int r = in.read(buf, len, buf.length - len);
      if (r < 0) {
        eof = true;
      } else {
        len += r;
      }
    }
    return len - pos;
  }

  /** The byte {@code i} positions ahead (0 = next), or -1 past the end of the stream. */
  int peek(int i) throws IOException {
    return ensure(i + 1) > i ? buf[pos + i] & 0xFF : -1;
  }

  /** Reads one byte, or -1 at the end. */
  int read() throws IOException {
    if (ensure(1) == 0) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  /** Reads up to {@code n} bytes into {@code dst}; -1 at the end. */
  int read(byte[] dst, int off, int n) throws IOException {
    if (n == 0) {
      return 0;
    }
    if (len == pos && ensure(1) == 0) {
      return -1;
    }
    int k = Math.min(n, len - pos);
    System.arraycopy(buf, pos, dst, off, k);
    pos += k;
    return k;
  }

  /** Skips up to {@code n} bytes; returns how many were skipped (fewer only at the end). */
  long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      if (len == pos && ensure(1) == 0) {
        break;
      }
      int k = (int) Math.min(n - skipped, len - pos);
      pos += k;
      skipped += k;
    }
    return skipped;
  }

  /**
   * Puts back {@code bytes}, which must be the last {@code bytes.length} bytes read: they are read
   * again and the position moves back by their length. Used to resume reading at a record start
   * found inside a block that was read too far.
   */
  void unread(byte[] bytes) {
    int buffered = len - pos;
    int rest = pushedBack.length - pushedBackPos;
    byte[] again = new byte[bytes.length + buffered + rest];
    System.arraycopy(bytes, 0, again, 0, bytes.length);
    System.arraycopy(buf, pos, again, bytes.length, buffered);
    System.arraycopy(pushedBack, pushedBackPos, again, bytes.length + buffered, rest);
    base = base + pos - bytes.length;
    pos = 0;
    len = 0;
    pushedBack = again;
    pushedBackPos = 0;
  }

  /** True when no byte is left. */
  boolean atEnd() throws IOException {
    return ensure(1) == 0;
  }

  /** Whether the next bytes are exactly {@code prefix} (not consumed). */
  boolean startsWith(byte[] prefix) throws IOException {
    if (ensure(prefix.length) < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** An input stream over the rest of this source; closing it does nothing. */
  InputStream asStream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return ByteSource.this.read();
      }

      @Override
      public int read(byte[] b, int off, int n) throws IOException {
        return ByteSource.this.read(b, off, n);
      }

      @Override
      public long skip(long n) throws IOException {
        return ByteSource.this.skip(n);
      }

      @Override
      public void close() {}
    };
  }
}
