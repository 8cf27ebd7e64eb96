package org.newsstance.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.newsstance.io.InputFormat;

/**
 * An upper bound on the number of records in the input files, found by one scan of their
 * (decompressed) bytes that stops as soon as the bound passes a limit: a JSON-lines or CSV record
 * takes at least one line, a WARC record starts with a line beginning {@code WARC/}. The launcher
 * uses it to decide whether the one-step duplicate decision fits in the heap ({@link
 * DuplicateDecisionChoice}), so the scan costs at most the bytes of {@code limit} records, read
 * again by the job from the page cache.
 */
final class RecordCountBound {
  private static final byte[] WARC_LINE = "WARC/".getBytes(StandardCharsets.US_ASCII);

  private RecordCountBound() {}

  /**
   * At most how many records the files hold, or a number above {@code limit} (not the exact
   * bound) when there are more than {@code limit}.
   */
  static long count(List<InputFiles.InputFile> files, InputFormat requested, long limit)
      throws IOException {
    long total = 0;
    for (InputFiles.InputFile f : files) {
      try (InputStream in =
          Channels.newInputStream(
              Compression.detect(f.path())
                  .readDecompressed(FileSystems.open(FileSystems.matchSingleFileSpec(f.path()).resourceId())))) {
        total += count(in, isWarc(requested, f.path()), limit - total);
      }
      if (total > limit) {
        return total;
      }
    }
    return total;
  }

  private static boolean isWarc(InputFormat requested, String path) {
    // The content is not sniffed: a file that does not say WARC by option or name is counted by
    // lines, which bounds WARC records too (each has several lines).
    return InputFormat.resolve(requested, path, null, 0) == InputFormat.WARC;
  }

  /**
   * Records in one stream: its lines (a last line without a newline counts), or for WARC the
   * lines that begin with {@code WARC/}. Stops once the count is above {@code limit}.
   */
  static long count(InputStream in, boolean warc, long limit) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long records = 0;
    boolean atLineStart = true;
    int matched = 0; // bytes of WARC_LINE matched at the start of the current line
    boolean lineHasBytes = false;
    int n;
    while ((n = in.read(buffer)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        if (warc) {
          if (b == '\n') {
            atLineStart = true;
            matched = 0;
          } else if (atLineStart) {
            if (b == WARC_LINE[matched]) {
              if (++matched == WARC_LINE.length) {
                records++;
                atLineStart = false;
              }
            } else {
              atLineStart = false;
            }
          }
        } else if (b == '\n') {
          records++;
          lineHasBytes = false;
        } else {
          lineHasBytes = true;
        }
      }
      if (records > limit) {
        return records;
      }
    }
    return lineHasBytes ? records + 1 : records;
  }
}
