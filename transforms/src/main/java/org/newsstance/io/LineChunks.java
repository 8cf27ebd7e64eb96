package org.newsstance.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an uncompressed JSON Lines file into {@link FileChunk}s of about {@code chunkBytes} bytes
 * in one streamed pass over its bytes, so that workers can parse the chunks in parallel with
 * exactly the records, line numbers and rejects of a read of the whole file.
 *
 * <p>Why that is exact: {@link LineReader} frames lines at {@code \n} and nothing else (a {@code
 * \r} is stripped from the line that it ends, a byte-order mark is stripped at offset 0 only, an
 * over-long line is measured within its own bytes), so a line's outcome depends only on its own
 * bytes, its offset and the number of lines before it, which each chunk carries. A chunk ends
 * right after a {@code \n}, once it holds at least {@code chunkBytes} bytes <em>and</em> a byte of
 * printable ASCII ({@code !} to {@code ~}): a line with such a byte is never blank, so it is an
 * article or a reject, and every chunk of a file cut in several yields at least one record. What
 * follows the last cut without a printable byte (trailing blank lines) is joined to the chunk
 * before, and a file that is not cut at all is one {@linkplain FileChunk#wholeFile whole-file}
 * chunk, read exactly as before (its {@code empty_file} reject included).
 *
 * <p>Cost: one pass over the bytes, comparing each with {@code \n}; memory is one 64 KB buffer
 * plus the chunk list (one small entry per {@code chunkBytes} of file). Plain Java, no Beam.
 */
final class LineChunks {
  private static final int BUFFER_BYTES = 64 * 1024;

  private LineChunks() {}

  /**
   * The chunks of the file whose bytes {@code in} streams (from its start; not closed here).
   *
   * @param chunkBytes the least bytes of a chunk (but the last, and a whole file); at least 1
   */
  static List<FileChunk> plan(InputStream in, String path, String source, long chunkBytes)
      throws IOException {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be at least 1, was " + chunkBytes);
    }
    List<FileChunk> chunks = new ArrayList<>();
    byte[] buf = new byte[BUFFER_BYTES];
    long base = 0; // file offset of buf[0]
    long lines = 0; // \n seen so far
    long chunkStart = 0;
    long linesBeforeChunk = 0;
    boolean printable = false; // the current chunk holds a byte of printable ASCII
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          lines++;
          long end = base + i + 1;
          if (printable && end - chunkStart >= chunkBytes) {
            chunks.add(new FileChunk(path, source, chunkStart, end, linesBeforeChunk));
            chunkStart = end;
            linesBeforeChunk = lines;
            printable = false;
          }
        } else if (!printable && b >= '!' && b <= '~') {
          printable = true;
        }
      }
      base += n;
    }
    long size = base;
    if (chunkStart < size) {
      if (printable || chunks.isEmpty()) {
        chunks.add(new FileChunk(path, source, chunkStart, size, linesBeforeChunk));
      } else {
        // Only blank lines (or whitespace) left: they end the chunk before.
        FileChunk last = chunks.remove(chunks.size() - 1);
        chunks.add(new FileChunk(path, source, last.startOffset(), size, last.linesBefore()));
      }
    }
    if (chunks.size() <= 1) {
      return List.of(FileChunk.wholeFile(path, source));
    }
    return chunks;
  }
}
