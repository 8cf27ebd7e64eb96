package org.newsstance.io;

import java.util.Locale;

/**
 * A part of one input file that one worker reads: either the whole file (read as before, in its
 * format, decompressed by extension), or a byte range of an uncompressed JSON Lines file that
 * starts at a line start, with the number of lines before it, so that its records keep the line
 * numbers and offsets they have in the whole file. Made by {@link LineChunks}; small, so that
 * chunks rather than articles are what gets redistributed.
 *
 * @param path the file to open
 * @param source the file's name as shown in outputs
 * @param startOffset byte offset of the chunk's first line (0 for a whole file)
 * @param endOffset byte offset just past the chunk's last line; {@link #TO_THE_END} for a whole
 *     file
 * @param linesBefore physical lines before {@code startOffset} (the first line's number minus 1)
 */
public record FileChunk(
    String path, String source, long startOffset, long endOffset, long linesBefore) {

  /** The {@link #endOffset} of a whole file. */
  public static final long TO_THE_END = Long.MAX_VALUE;

  public FileChunk {
    if (path == null || source == null) {
      throw new IllegalArgumentException("a chunk needs a path and a source name, got " + path
          + " and " + source);
    }
    if (startOffset < 0 || endOffset <= startOffset || linesBefore < 0
        || linesBefore > startOffset || (endOffset == TO_THE_END && startOffset != 0)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: not a chunk: bytes %d-%d after %d lines",
              source,
              startOffset,
              endOffset,
              linesBefore));
    }
  }

  /** The whole file, read in its format as one chunk. */
  public static FileChunk wholeFile(String path, String source) {
    return new FileChunk(path, source, 0, TO_THE_END, 0);
  }

  /** Whether this is a whole file rather than a byte range of one. */
  public boolean isWholeFile() {
    return endOffset == TO_THE_END;
  }

  /** Bytes in the range; {@link #TO_THE_END} for a whole file. */
  public long length() {
    return isWholeFile() ? TO_THE_END : endOffset - startOffset;
  }

  @Override
  public String toString() {
    return isWholeFile()
        ? source
        : String.format(
            Locale.ROOT, "%s bytes %d-%d (from line %d)", source, startOffset, endOffset,
            linesBefore + 1);
  }
}
