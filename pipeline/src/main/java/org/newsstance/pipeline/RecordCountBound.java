package org.newsstance.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.newsstance.io.Decompression;
import org.newsstance.io.InputFormat;

/**
 * An upper bound on the number of records in the input files, found by one scan of their
 * (decompressed) bytes that stops as soon as the bound passes a limit: a JSON-lines or CSV record
 * takes at least one line, a WARC record starts with a line beginning {@code WARC/}. The launcher
 * uses it to decide whether the one-step duplicate decision fits in the heap ({@link
 * DuplicateDecisionChoice}), so the scan costs at most the bytes of {@code limit} records, read
 * again by the job from the page cache.
 *
 * <p>A file that cannot be read to its end (a truncated archive, a file that vanished) counts the
 * records before the damage and one more: the job reads the same records and rejects the rest of
 * the file as one record. Its error is the job's to report, with the file's name.
 */
final class RecordCountBound {
  private static final byte[] WARC_LINE = "WARC/".getBytes(StandardCharsets.US_ASCII);

  private RecordCountBound() {}

  /**
   * At most how many records the files hold, or a number above {@code limit} (not the exact
   * bound) when there are more than {@code limit}.
   */
  static long count(List<InputFiles.InputFile> files, InputFormat requested, long limit) {
    long total = 0;
    for (InputFiles.InputFile f : files) {
      Scan scan = new Scan(InputFormat.resolve(requested, f.path(), null, 0) == InputFormat.WARC);
      // The content is not sniffed: a file that does not say WARC by option or name is counted by
      // lines, which bounds WARC records too (each has several lines).
      try (InputStream in =
          Channels.newInputStream(
              Decompression.open(
                  f.path(), FileSystems.open(FileSystems.matchSingleFileSpec(f.path()).resourceId())))) {
        scan.read(in, limit - total);
      } catch (IOException | RuntimeException unreadable) {
        scan.records++;
      }
      total += scan.records();
      if (total > limit) {
        return total;
      }
    }
    return total;
  }

  /** Records in one stream, counted up to just past {@code limit} (see {@link Scan}). */
  static long count(InputStream in, boolean warc, long limit) throws IOException {
    Scan scan = new Scan(warc);
    scan.read(in, limit);
    return scan.records();
  }

  /**
   * The count of one stream: its lines (a last line without a newline counts), or for WARC the
   * lines that begin with {@code WARC/}. Keeps what it counted when the stream fails.
   */
  private static final class Scan {
    private final boolean warc;
    private long records;
    private boolean atLineStart = true;
    private int matched; // bytes of WARC_LINE matched at the start of the current line
    private boolean lineHasBytes;

    Scan(boolean warc) {
      this.warc = warc;
    }

    /** Reads until the end, or until the count is above {@code limit}. */
    void read(InputStream in, long limit) throws IOException {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          accept(buffer[i]);
        }
        if (records > limit) {
          return;
        }
      }
    }

    private void accept(byte b) {
      if (!warc) {
        lineHasBytes = b != '\n';
        if (b == '\n') {
          records++;
        }
      } else if (b == '\n') {
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
    }

    long records() {
      return !warc && lineHasBytes ? records + 1 : records;
    }
  }
}
