package org.newsstance.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Locale;
import org.apache.beam.sdk.io.Compression;

/**
 * Opens a file's bytes decompressed by its extension, as Beam's {@link Compression#detect} names
 * it, the one way every reader and the launcher's checks open input files.
 *
 * <p>Beam knows more compressions than this build carries libraries for: {@code .zst} needs
 * zstd-jni, which is not bundled, and Beam's reader then fails with a {@link LinkageError} that
 * no reader catches and that ended the whole run. Here it is an {@link IOException} naming the
 * file and what to do, so the file becomes one {@code unreadable_file} reject like any other file
 * that cannot be opened.
 *
 * <p>{@code .gz} files are read by {@link GzipMembers}, not Beam's reader, which lost the records
 * before trailing bytes (see there).
 */
public final class Decompression {
  private Decompression() {}

  /** {@code raw} decompressed by {@code path}'s extension; closes {@code raw} when it fails. */
  public static ReadableByteChannel open(String path, ReadableByteChannel raw) throws IOException {
    Compression compression = Compression.detect(path);
    if (compression == Compression.GZIP) {
      return gzip(raw);
    }
    try {
      return compression.readDecompressed(raw);
    } catch (LinkageError missingLibrary) {
      raw.close();
      throw new IOException(
          path + " is " + compression.name().toLowerCase(Locale.ROOT) + "-compressed, which this"
              + " build cannot decompress (" + missingLibrary.getClass().getSimpleName() + ": "
              + missingLibrary.getMessage() + "); decompress it first (for .zst: zstd -d FILE) or"
              + " recompress it with gzip",
          missingLibrary);
    }
  }

  /**
   * A {@code .gz} file read member after member by {@link GzipMembers} (trailing zeros ignored,
   * other trailing bytes an error after everything before them); a file that does not start with
   * the gzip magic is read as it is, as Beam does.
   */
  private static ReadableByteChannel gzip(ReadableByteChannel raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Channels.newInputStream(raw), 8192);
    in.mark(3);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    try {
      return b0 == 0x1f && b1 == 0x8b && b2 == 0x08
          ? Channels.newChannel(new GzipMembers(in))
          : Channels.newChannel(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
