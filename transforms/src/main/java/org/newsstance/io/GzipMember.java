package org.newsstance.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * One member of a multi-member gzip file (RFC 1952), read as a stream that ends exactly at the
 * member's trailer, so the next member starts at a known byte offset. {@code GZIPInputStream}
 * cannot do this: it reads ahead and runs members together. WARC.gz files (CC-NEWS among them)
 * compress each record as its own member, and the member offset is how a record is named.
 *
 * <p>Reading the member to its end checks its CRC-32 and length; a bad header, corrupt deflate
 * data or a bad trailer raise {@link ZipException}, a member cut short raises {@link
 * EOFException}. {@link #looksLikeWarcMember} tests a candidate offset without consuming it, to
 * resume after a corrupt member. Not thread-safe; {@link #end()} releases the native inflater.
 */
final class GzipMember extends InputStream {
  private static final int FTEXT_HCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int MAX_HEADER_FIELD = 64 * 1024;

  private final ByteSource src;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private long size;
  private boolean done;

  private GzipMember(ByteSource src) {
    this.src = src;
  }

  /** Whether the next bytes are a gzip magic with the deflate method: {@code 1f 8b 08}. */
  static boolean atMagic(ByteSource src) throws IOException {
    return src.peek(0) == 0x1f && src.peek(1) == 0x8b && src.peek(2) == 0x08;
  }

  /** Reads the member header at the source's position and returns the member's content. */
  static GzipMember open(ByteSource src) throws IOException {
    if (!atMagic(src)) {
      throw new ZipException(
          String.format(
              Locale.ROOT,
              "no gzip member starts here (bytes %02x %02x, expected 1f 8b 08)",
              Math.max(src.peek(0), 0),
              Math.max(src.peek(1), 0)));
    }
    src.skip(3);
    int flags = need(src);
    if (src.skip(6) < 6) {
      throw new EOFException("gzip header cut short");
    }
    if ((flags & FEXTRA) != 0) {
      int xlen = need(src) | (need(src) << 8);
      if (src.skip(xlen) < xlen) {
        throw new EOFException("gzip header cut short in its extra field");
      }
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated(src);
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated(src);
    }
    if ((flags & FTEXT_HCRC) != 0 && src.skip(2) < 2) {
      throw new EOFException("gzip header cut short in its CRC");
    }
    return new GzipMember(src);
  }

  /**
   * Whether a gzip member starting at the source's position inflates to something beginning with
   * {@code WARC/}. Consumes nothing; looks at most one buffer ahead.
   */
  static boolean looksLikeWarcMember(ByteSource src) throws IOException {
    if (!atMagic(src)) {
      return false;
    }
    int available = src.ensure(ByteSource.BUFFER_BYTES);
    byte[] buf = src.buffer();
    int start = src.bufferPos();
    int flags = buf[start + 3] & 0xFF;
    int p = start + 10;
    int end = start + available;
    if (p > end || (flags & 0xE0) != 0) {
      return false;
    }
    if ((flags & FEXTRA) != 0) {
      if (p + 2 > end) {
        return false;
      }
      p += 2 + ((buf[p] & 0xFF) | ((buf[p + 1] & 0xFF) << 8));
    }
    for (int f : new int[] {FNAME, FCOMMENT}) {
      if ((flags & f) != 0) {
        while (p < end && buf[p] != 0) {
          p++;
        }
        p++;
      }
    }
    if ((flags & FTEXT_HCRC) != 0) {
      p += 2;
    }
    if (p >= end) {
      return false;
    }
    Inflater probe = new Inflater(true);
    try {
      probe.setInput(buf, p, end - p);
      byte[] out = new byte[5];
      int n = 0;
      while (n < out.length && !probe.finished() && !probe.needsInput()) {
        int k = probe.inflate(out, n, out.length - n);
        if (k == 0 && probe.needsDictionary()) {
          return false;
        }
        n += k;
      }
      return n == out.length && new String(out, java.nio.charset.StandardCharsets.US_ASCII).equals("WARC/");
    } catch (DataFormatException e) {
      // Not deflate data: a false gzip magic inside compressed bytes; the caller scans on.
      return false;
    } finally {
      probe.end();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    if (done) {
      return -1;
    }
    if (n == 0) {
      return 0;
    }
    try {
      while (true) {
        if (inflater.needsInput()) {
          if (src.ensure(1) == 0) {
            throw new EOFException(
                "gzip member cut short after " + size + " decompressed bytes (truncated file?)");
          }
          inflater.setInput(src.buffer(), src.bufferPos(), src.buffered());
        }
        int before = inflater.getRemaining();
        int k = inflater.inflate(b, off, n);
        src.advance(before - inflater.getRemaining());
        if (k > 0) {
          crc.update(b, off, k);
          size += k;
          return k;
        }
        if (inflater.finished()) {
          finishMember();
          return -1;
        }
        if (inflater.needsDictionary()) {
          throw new ZipException("gzip member needs a preset dictionary, which gzip never uses");
        }
      }
    } catch (DataFormatException e) {
      throw new ZipException("corrupt deflate data: " + e.getMessage());
    }
  }

  /** Reads the rest of the member, checking its trailer; returns the bytes skipped. */
  long drain() throws IOException {
    byte[] scratch = new byte[8192];
    long skipped = 0;
    int n;
    while ((n = read(scratch, 0, scratch.length)) >= 0) {
      skipped += n;
    }
    return skipped;
  }

  private void finishMember() throws IOException {
    long expectedCrc = 0;
    long expectedSize = 0;
    for (int i = 0; i < 4; i++) {
      expectedCrc |= (long) need(src) << (8 * i);
    }
    for (int i = 0; i < 4; i++) {
      expectedSize |= (long) need(src) << (8 * i);
    }
    done = true;
    if (expectedCrc != crc.getValue()) {
      throw new ZipException("gzip member CRC-32 mismatch: the compressed data is corrupt");
    }
    if (expectedSize != (size & 0xFFFFFFFFL)) {
      throw new ZipException("gzip member length mismatch: the compressed data is corrupt");
    }
  }

  /** Releases the inflater; the source stays where reading stopped. */
  void end() {
    inflater.end();
  }

  @Override
  public void close() {
    end();
  }

  private static int need(ByteSource src) throws IOException {
    int b = src.read();
    if (b < 0) {
      throw new EOFException("gzip member cut short in its header or trailer");
    }
    return b;
  }

  private static void skipZeroTerminated(ByteSource src) throws IOException {
    for (int i = 0; i < MAX_HEADER_FIELD; i++) {
      if (need(src) == 0) {
        return;
      }
    }
    throw new ZipException("gzip header name/comment longer than " + MAX_HEADER_FIELD + " bytes");
  }
}
