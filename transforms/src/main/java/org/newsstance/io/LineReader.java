package org.newsstance.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.newsstance.model.Reject;

/**
 * Streams the records of a line-oriented input (JSON Lines) from an already decompressed stream.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Lines end at {@code \n}; one trailing {@code \r} is stripped (CRLF files are accepted). A
 *       UTF-8 byte order mark at the start of the stream is stripped.
 *   <li>Line numbers are 1-based physical lines. Blank and whitespace-only lines are not records
 *       and are not returned, but they are counted.
 *   <li>Each line is decoded strictly as UTF-8; a line with invalid bytes is returned as an {@value
 *       RejectCodes#INVALID_UTF8} error naming the byte offset.
 *   <li>A line longer than {@code maxLineBytes} (without its terminator) is never buffered beyond
 *       the limit: the rest is skipped up to the next {@code \n} and the line is returned as a
 *       {@value RejectCodes#RECORD_TOO_LARGE} error with its full size.
 *   <li>An {@link IOException} from the stream (a truncated {@code .gz} raises {@code
 *       EOFException}) ends the iteration with one last {@value RejectCodes#TRUNCATED_INPUT} error;
 *       every complete line before it has been returned, and the partial line, if any, is the
 *       error's excerpt.
 * </ul>
 *
 * <p>Memory is bounded by {@code maxLineBytes} (plus the decoded characters of one line), never by
 * the size of the stream. Not thread-safe: one reader per stream. The caller owns the stream and
 * closes it.
 */
public final class LineReader implements Iterator<LineReader.Line> {

  /** Default line limit: 16 MiB, comfortably above the parser's default text limit. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

  private static final int CHUNK_BYTES = 64 * 1024;
  private static final int EXCERPT_BYTES = 4 * Reject.EXCERPT_CHARS;

  /**
   * One physical line: either a record ({@code text} non-empty) or an error ({@code error} is a
   * reason code from {@link RejectCodes}, {@code detail} explains it and {@code excerpt} shows the
   * start of the line, decoded leniently). Strings are never null.
   *
   * @param number 1-based physical line number
   * @param text the decoded line without terminator; empty for errors
   * @param error reason code; empty for records
   * @param detail explanation naming the problem and what to do; empty for records
   * @param excerpt first {@value Reject#EXCERPT_CHARS} characters of the line, for errors
   */
  public record Line(long number, String text, String error, String detail, String excerpt) {
    public Line {
      text = text == null ? "" : text;
      error = error == null ? "" : error;
      detail = detail == null ? "" : detail;
      excerpt = Reject.excerpt(excerpt);
    }

    static Line record(long number, String text) {
      return new Line(number, text, "", "", "");
    }

    static Line error(long number, String code, String detail, String excerpt) {
      return new Line(number, "", code, detail, excerpt);
    }

    public boolean isError() {
      return !error.isEmpty();
    }

    /** The dead-letter element for this error line, positioned by its line number. */
    public Reject toReject(String source) {
      if (!isError()) {
        throw new IllegalStateException(
            "line " + number + " of " + source + " is a record, not an error; check isError()");
      }
      return new Reject(source, Long.toString(number), error, detail, excerpt);
    }
  }

  private enum Status {
    LINE,
    END,
    FAILED
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunkPos;
  private int chunkLen;

  /** Stream offset of {@code chunk[0]}. */
  private long chunkBase;

  /** The current line's first bytes, at most {@code maxLineBytes + 1} of them. */
  private byte[] lineBytes = new byte[256];

  private int lineLen;

  /** The current line's full size in bytes without {@code \n}, including bytes not buffered. */
  private long lineSize;

  private int lastByte;
  private long lineStart;

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private CharBuffer chars = CharBuffer.allocate(256);

  /** Where the last strict decode failed: buffer index and length of the malformed bytes. */
  private int invalidAt;

  private int invalidLength;

  private long lineNumber;
  private IOException failure;
  private boolean finished;
  private Line pending;

  /** A reader with the {@linkplain #DEFAULT_MAX_LINE_BYTES default line limit}. */
  public LineReader(InputStream in) {
    this(in, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * @param in the decompressed input; read through a buffer, never closed by this reader
   * @param maxLineBytes the longest line (in bytes, without terminator) returned as a record
   */
  public LineReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, 0, 0);
  }

  /**
   * A reader of a part of a stream that starts at a line boundary: {@code in} holds the bytes from
   * stream offset {@code startOffset} on, and {@code linesBefore} physical lines precede them.
   * Line numbers, stream offsets in messages and the byte-order-mark rule (only at offset 0) are
   * then exactly those of a reader of the whole stream.
   *
   * @param startOffset stream offset of the first byte of {@code in}
   * @param linesBefore physical lines before that offset (its {@code \n} count)
   */
  LineReader(InputStream in, int maxLineBytes, long startOffset, long linesBefore) {
    if (startOffset < 0 || linesBefore < 0 || linesBefore > startOffset) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "a part of a stream starts at offset >= 0 after at most that many lines, was offset"
                  + " %d after %d lines",
              startOffset,
              linesBefore));
    }
    if (in == null) {
      throw new IllegalArgumentException("in must not be null; pass the opened input stream");
    }
    if (maxLineBytes <= 0 || maxLineBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxLineBytes must be positive and below Integer.MAX_VALUE, was " + maxLineBytes);
    }
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, CHUNK_BYTES);
    this.maxLineBytes = maxLineBytes;
    this.chunkBase = startOffset;
    this.lineNumber = linesBefore;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !finished) {
      pending = advance();
    }
    return pending != null;
  }

  @Override
  public Line next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more lines after line " + lineNumber);
    }
    Line line = pending;
    pending = null;
    return line;
  }

  /** Number of physical lines read so far, including blank and failed ones. */
  public long linesRead() {
    return lineNumber;
  }

  /** Bytes currently allocated for one line; visible for tests of the memory bound. */
  int lineBufferCapacity() {
    return lineBytes.length;
  }

  private Line advance() {
    while (true) {
      Status status = readPhysicalLine();
      if (status == Status.END) {
        finished = true;
        return null;
      }
      lineNumber++;
      if (status == Status.FAILED) {
        finished = true;
        return truncated();
      }
      Line line = toLine();
      if (line != null) {
        return line;
      }
    }
  }

  /** Reads bytes up to the next {@code \n} (consumed, not stored) or the end of the stream. */
  private Status readPhysicalLine() {
    lineLen = 0;
    lineSize = 0;
    lastByte = -1;
    lineStart = chunkBase + chunkPos;
    while (true) {
      if (chunkPos == chunkLen) {
        int n;
        try {
          n = in.read(chunk, 0, chunk.length);
        } catch (IOException e) {
          failure = e;
          return Status.FAILED;
        }
        if (n < 0) {
          return lineSize > 0 ? Status.LINE : Status.END;
        }
        chunkBase += chunkLen;
        chunkPos = 0;
        chunkLen = n;
        continue;
      }
      int newline = -1;
      for (int i = chunkPos; i < chunkLen; i++) {
        if (chunk[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? chunkLen : newline;
      append(chunkPos, end - chunkPos);
      if (newline >= 0) {
        chunkPos = newline + 1;
        return Status.LINE;
      }
      chunkPos = chunkLen;
    }
  }

  private void append(int from, int len) {
    if (len == 0) {
      return;
    }
    lineSize += len;
    lastByte = chunk[from + len - 1] & 0xFF;
    int copy = Math.min(len, maxLineBytes + 1 - lineLen);
    if (copy > 0) {
      if (lineLen + copy > lineBytes.length) {
        long grown = Math.max((long) lineBytes.length * 2, lineLen + copy);
        byte[] bigger = new byte[(int) Math.min(grown, maxLineBytes + 1L)];
        System.arraycopy(lineBytes, 0, bigger, 0, lineLen);
        lineBytes = bigger;
      }
      System.arraycopy(chunk, from, lineBytes, lineLen, copy);
      lineLen += copy;
    }
  }

  /** The current complete line as a record or an error; null for a blank line. */
  private Line toLine() {
    int bom = bomLength();
    long size = lineSize - bom - (lastByte == '\r' ? 1 : 0);
    if (size > maxLineBytes) {
      return Line.error(
          lineNumber,
          RejectCodes.RECORD_TOO_LARGE,
          String.format(
              Locale.ROOT,
              "line %d is %d bytes, more than the limit of %d bytes; it was skipped. Split the"
                  + " record or raise --maxRecordBytes",
              lineNumber,
              size,
              maxLineBytes),
          lenient(bom, Math.min(lineLen - bom, EXCERPT_BYTES)));
    }
    int len = (int) size;
    String text = decodeStrict(bom, len);
    if (text == null) {
      return invalidUtf8(bom, len);
    }
    return text.isBlank() ? null : Line.record(lineNumber, text);
  }

  /**
   * 3 when the line starts with a UTF-8 byte-order mark: at the start of the file, or of any line,
   * where files that each had one were joined ({@code cat a.jsonl b.jsonl}); no JSON value starts
   * with U+FEFF, so it is never part of a record.
   */
  private int bomLength() {
    boolean bom =
        lineLen >= 3
            && (lineBytes[0] & 0xFF) == 0xEF
            && (lineBytes[1] & 0xFF) == 0xBB
            && (lineBytes[2] & 0xFF) == 0xBF;
    return bom ? 3 : 0;
  }

  /** The decoded bytes, or null when they are not valid UTF-8 (the decoder then says where). */
  private String decodeStrict(int from, int len) {
    if (chars.capacity() < len) {
      chars = CharBuffer.allocate(Math.max(len, chars.capacity() * 2));
    }
    chars.clear();
    decoder.reset();
    ByteBuffer bytes = ByteBuffer.wrap(lineBytes, from, len);
    CoderResult result = decoder.decode(bytes, chars, true);
    if (result.isError()) {
      invalidAt = bytes.position();
      invalidLength = result.length();
      return null;
    }
    decoder.flush(chars);
    chars.flip();
    return chars.toString();
  }

  private Line invalidUtf8(int from, int len) {
    StringBuilder bad = new StringBuilder();
    for (int i = invalidAt; i < invalidAt + invalidLength && i < from + len; i++) {
      if (bad.length() > 0) {
        bad.append(' ');
      }
      bad.append(String.format(Locale.ROOT, "0x%02X", lineBytes[i] & 0xFF));
    }
    return Line.error(
        lineNumber,
        RejectCodes.INVALID_UTF8,
        String.format(
            Locale.ROOT,
            "line %d is not valid UTF-8: byte %s at byte offset %d of the line (offset %d in the"
                + " stream); re-encode the file as UTF-8",
            lineNumber,
            bad,
            invalidAt - from,
            lineStart + invalidAt),
        lenient(from, Math.min(len, EXCERPT_BYTES)));
  }

  private Line truncated() {
    int bom = bomLength();
    String partial =
        lineSize == 0
            ? "no partial line"
            : String.format(
                Locale.ROOT, "the partial line %d (%d bytes) was dropped", lineNumber, lineSize);
    return Line.error(
        lineNumber,
        RejectCodes.TRUNCATED_INPUT,
        String.format(
            Locale.ROOT,
            "input failed after %d bytes, in line %d (%s: %s); the %d lines before it were read,"
                + " %s. The file is probably truncated: fetch or compress it again",
            lineStart + lineSize,
            lineNumber,
            failure.getClass().getSimpleName(),
            failure.getMessage(),
            lineNumber - 1,
            partial),
        lenient(bom, Math.min(lineLen - bom, EXCERPT_BYTES)));
  }

  private String lenient(int from, int len) {
    return len <= 0 ? "" : new String(lineBytes, from, len, StandardCharsets.UTF_8);
  }
}
