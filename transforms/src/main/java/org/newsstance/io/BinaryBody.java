package org.newsstance.io;

import java.nio.charset.StandardCharsets;

/**
 * Tells a body that is not text at all (an image, a PDF, an archive) from HTML, by its first
 * bytes, for pages whose Content-Type says {@code text/html} anyway: servers label downloads and
 * error images that way, and extracting "text" from them gives junk sentences that are scored.
 *
 * <p>The rule follows the WHATWG MIME Sniffing Standard: a known binary signature at the start,
 * or, without a byte-order mark, "binary data bytes" (C0 controls other than tab, line feed, form
 * feed, carriage return and escape) in the first {@value #HEAD} bytes. A stray control character
 * is common in real HTML (a vertical tab from a word processor), so it takes a NUL byte or more
 * than one binary byte in a hundred. Plain Java, no Beam.
 */
final class BinaryBody {
  /** Bytes looked at: the standard's resource header. */
  static final int HEAD = 1445;

  private static final byte[][] SIGNATURES = {
    ascii("%PDF-"),
    {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
    ascii("GIF87a"),
    ascii("GIF89a"),
    {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, // JPEG
    {'P', 'K', 0x03, 0x04}, // ZIP, and so DOCX, XLSX, EPUB
    {0x1F, (byte) 0x8B, 0x08}, // gzip left compressed
    ascii("OggS"),
    ascii("wOFF"),
    ascii("wOF2"),
    {0x00, 0x00, 0x01, 0x00}, // ICO
    {0x25, 0x21, 0x50, 0x53}, // %!PS
  };

  private BinaryBody() {}

  /** Whether {@code body} (decoded from its transfer and content encodings) is not text. */
  static boolean looksBinary(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    for (byte[] signature : SIGNATURES) {
      if (startsWith(body, 0, signature)) {
        return true;
      }
    }
    // RIFF....WEBP and ISO media (....ftyp: MP4, HEIC, AVIF)
    if (startsWith(body, 0, ascii("RIFF")) && startsWith(body, 8, ascii("WEBP"))
        || startsWith(body, 4, ascii("ftyp"))) {
      return true;
    }
    if (startsWithByteOrderMark(body)) {
      return false; // UTF-16 text holds NUL bytes
    }
    int n = Math.min(body.length, HEAD);
    int binary = 0;
    for (int i = 0; i < n; i++) {
      int b = body[i] & 0xFF;
      if (b == 0) {
        return true;
      }
      if (isBinaryDataByte(b)) {
        binary++;
      }
    }
    return binary * 100 > n;
  }

  /** The standard's binary data bytes, less NUL (decided above). */
  private static boolean isBinaryDataByte(int b) {
    return b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F);
  }

  private static boolean startsWithByteOrderMark(byte[] b) {
    return b.length >= 2
        && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE));
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix) {
    if (body.length < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
