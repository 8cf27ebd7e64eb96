package org.newsstance.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * The content of a whole gzip file: its members one after another, as {@code gzip -d} writes it.
 * Bytes after the last member are handled as {@code gzip -d} handles them: zeros (padding written
 * by tape tools and some downloaders) are ignored, and anything else raises a {@link ZipException}
 * naming the offset, <b>after</b> every byte of the members before it was delivered.
 *
 * <p>Beam's gzip reader (commons-compress) raised "Garbage after a valid .gz stream" in the read
 * that reached the end of the last member, throwing away what that read had decompressed: up to
 * 16 KB of records before the damage were lost, and the reader called the file truncated.
 * Not thread-safe.
 */
final class GzipMembers extends InputStream {
  private final InputStream raw;
  private final ByteSource src;
  private GzipMember member;
  private boolean ended;

  GzipMembers(InputStream raw) throws IOException {
    this.raw = raw;
    this.src = new ByteSource(raw);
    this.member = GzipMember.open(src); // an empty file or no gzip magic fails here, as before
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!ended) {
      int n = member.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      member.end();
      long end = src.position();
      if (src.atEnd()) {
        ended = true;
      } else if (GzipMember.atMagic(src)) {
        member = GzipMember.open(src);
      } else {
        ended = true;
        skipZeros(end);
      }
    }
    return -1;
  }

  private void skipZeros(long end) throws IOException {
    while (!src.atEnd()) {
      if (src.read() != 0) {
        throw new ZipException(
            String.format(
                Locale.ROOT,
                "the bytes after the gzip data ending at byte offset %d are not gzip data"
                    + " (trailing garbage, which gzip -d ignores with a warning); everything"
                    + " before was read",
                end));
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (member != null) {
      member.end();
    }
    raw.close();
  }
}
