package org.newsstance.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The block of one WARC record: at most its {@code Content-Length} bytes of a {@link ByteSource},
 * watched for the start of another record inside it.
 *
 * <p>Why: a {@code Content-Length} larger than the record (a hand-edited archive, a writer bug)
 * makes the block run over the records after it. In an uncompressed WARC, or a whole file gzipped
 * as one member, the stream cannot be rewound, so those records used to be consumed with the bad
 * one. This stream therefore keeps the bytes from the first {@code CRLF CRLF WARC/1.} inside the
 * block, where the next record most likely starts; when the block then turns out not to end
 * where its length says, the reader puts those bytes back ({@link ByteSource#unread}) and goes on
 * from there. Once {@value #EVIDENCE_BYTES} bytes after such a start have been read without the
 * block ending, the length is taken to be wrong and the block ends early ({@link
 * #endedAtNextRecord()}): that bounds both memory and the work a file of many bad lengths costs.
 * A record that really holds another WARC record in its body (an archived {@code .warc} file)
 * reads normally when it is shorter than that, and costs one reject when longer.
 */
final class RecordBlock extends InputStream {
  /** How far past a next record's start a block may go before its length is declared wrong. */
  static final int EVIDENCE_BYTES = 256 * 1024;

  private static final byte[] NEXT_RECORD = "\r\n\r\nWARC/1.".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION_PREFIX = NEXT_RECORD.length - 4;
  private static final int[] FALLBACK = fallbacks(NEXT_RECORD);

  private final ByteSource in;
  private final long length;
  private final boolean watching;
  private long left;
  private boolean shortRead;

  /** Knuth-Morris-Pratt state: how many bytes of {@link #NEXT_RECORD} the last bytes match. */
  private int matched;

  /** The bytes from the {@code W} of a next record's version line on; null until one is seen. */
  private ByteArrayOutputStream kept;

  private long keptFrom;

  private final byte[] one = new byte[1];

  /**
   * @param watching whether to watch for a next record; a block whose ending was already checked
   *     in the look-ahead cannot run over one, and is not watched
   */
  RecordBlock(ByteSource in, long length, boolean watching) {
    this.in = in;
    this.length = length;
    this.watching = watching;
    this.left = length;
  }

  @Override
  public int read() throws IOException {
    if (left <= 0 || evidenceComplete()) {
      return -1;
    }
    int c = in.read();
    if (c < 0) {
      shortRead = true;
      return -1;
    }
    left--;
    one[0] = (byte) c;
    watch(one, 0, 1, in.position() - 1);
    return c;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    if (n == 0) {
      return 0;
    }
    if (left <= 0 || evidenceComplete()) {
      return -1;
    }
    long at = in.position();
    int k = in.read(b, off, (int) Math.min(n, left));
    if (k < 0) {
      shortRead = true;
      return -1;
    }
    left -= k;
    watch(b, off, k, at);
    return k;
  }

  /**
   * Reads (and watches) what is left of the block; returns true when the source held all of it,
   * false when the source ended first or the block was ended at a next record's start.
   */
  boolean drain() throws IOException {
    while (left > 0 && !evidenceComplete()) {
      if (in.ensure(1) == 0) {
        shortRead = true;
        break;
      }
      int k = (int) Math.min(in.buffered(), left);
      long at = in.position();
      watch(in.buffer(), in.bufferPos(), k, at);
      in.advance(k);
      left -= k;
    }
    return left == 0 && !shortRead;
  }

  /** Whether a next record's start was seen inside the block. */
  boolean sawNextRecord() {
    return kept != null;
  }

  /** Whether reading stopped early because the block ran too far past a next record's start. */
  boolean endedAtNextRecord() {
    return evidenceComplete() && left > 0;
  }

  /** Where the next record starts, counted from the start of the block. */
  long nextRecordAt() {
    return keptFrom - (in.position() - (length - left));
  }

  /** The bytes read from the next record's start to here, to be put back into the source. */
  byte[] fromNextRecord() {
    return kept.toByteArray();
  }

  private boolean evidenceComplete() {
    return kept != null && kept.size() >= EVIDENCE_BYTES;
  }

  /** Feeds {@code n} bytes that started at absolute position {@code at} to the matcher. */
  private void watch(byte[] b, int off, int n, long at) {
    if (!watching) {
      return;
    }
    if (kept != null) {
      kept.write(b, off, n);
      return;
    }
    for (int i = 0; i < n; i++) {
      byte c = b[off + i];
      while (matched > 0 && c != NEXT_RECORD[matched]) {
        matched = FALLBACK[matched - 1];
      }
      if (c == NEXT_RECORD[matched]) {
        matched++;
      }
      if (matched == NEXT_RECORD.length) {
        kept = new ByteArrayOutputStream(64 * 1024);
        kept.write(NEXT_RECORD, 4, VERSION_PREFIX);
        keptFrom = at + i + 1 - VERSION_PREFIX;
        kept.write(b, off + i + 1, n - i - 1);
        return;
      }
    }
  }

  /** The Knuth-Morris-Pratt failure function: longest proper prefix that is also a suffix. */
  private static int[] fallbacks(byte[] pattern) {
    int[] f = new int[pattern.length];
    int k = 0;
    for (int i = 1; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = f[k - 1];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      f[i] = k;
    }
    return f;
  }

  @Override
  public void close() {}
}
