package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.newsstance.model.Reject;

class LineReaderTest {

  private static List<LineReader.Line> readAll(InputStream in, int maxLineBytes) {
    List<LineReader.Line> lines = new ArrayList<>();
    new LineReader(in, maxLineBytes).forEachRemaining(lines::add);
    return lines;
  }

  private static List<LineReader.Line> readAll(byte[] bytes) {
    return readAll(new ByteArrayInputStream(bytes), 1024);
  }

  private static List<LineReader.Line> readAll(String s) {
    return readAll(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> describe(List<LineReader.Line> lines) {
    List<String> out = new ArrayList<>();
    for (LineReader.Line l : lines) {
      out.add(l.number() + ":" + (l.isError() ? "!" + l.error() : l.text()));
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsOnNewlineWithOneBasedNumbersAndKeepsAnUnterminatedLastLine() {
    assertThat(describe(readAll("a\nb\nc")), contains("1:a", "2:b", "3:c"));
  }

  @Test
  void aTrailingNewlineDoesNotMakeAnExtraLine() {
    LineReader reader = new LineReader(new ByteArrayInputStream(utf8("a\nb\n")), 100);
    List<LineReader.Line> lines = new ArrayList<>();
    reader.forEachRemaining(lines::add);
    assertThat(describe(lines), contains("1:a", "2:b"));
    assertThat(reader.linesRead(), is(2L));
  }

  @Test
  void stripsOneTrailingCarriageReturnButKeepsInnerOnes() {
    assertThat(describe(readAll("a\r\nb\rc\r\nd\r\r\n")), contains("1:a", "2:b\rc", "3:d\r"));
  }

  @Test
  void skipsBlankAndWhitespaceOnlyLinesButCountsThem() {
    assertThat(describe(readAll("a\n\n   \t\n\r\nb\n\n")), contains("1:a", "5:b"));
  }

  @Test
  void emptyStreamHasNoLines() {
    assertThat(readAll(new byte[0]), is(empty()));
    assertThat(readAll("\n\n\n"), is(empty()));
  }

  @Test
  void stripsByteOrderMarkAtTheStartOfEveryLine() {
    // Files joined with cat: each one's mark starts a line in the middle of the stream.
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    List<LineReader.Line> lines =
        readAll(concat(bom, utf8("{\"a\":1}\r\n"), bom, utf8("{\"b\":2}\nx"), bom));
    assertThat(describe(lines), contains("1:{\"a\":1}", "2:{\"b\":2}", "3:x\uFEFF"));
  }

  @Test
  void aLineWithOnlyAByteOrderMarkIsBlank() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertThat(describe(readAll(concat(bom, utf8("\nb")))), contains("2:b"));
  }

  @Test
  void keepsNulCharactersAndEmoji() {
    assertThat(
        describe(readAll("a\u0000b\nnews \uD83D\uDCF0 \u00e9t\u00e9")),
        contains("1:a\u0000b", "2:news \uD83D\uDCF0 \u00e9t\u00e9"));
  }

  @Test
  void invalidUtf8IsAnErrorLineNamingTheByteAndOffsetAndReadingGoesOn() {
    byte[] input =
        concat(utf8("ok\n"), utf8("{\"t\":\""), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}\nnext"));
    List<LineReader.Line> lines = readAll(input);

    assertThat(describe(lines), contains("1:ok", "2:!invalid_utf8", "3:next"));
    LineReader.Line bad = lines.get(1);
    assertThat(bad.detail(), containsString("byte 0xC3 at byte offset 6 of the line"));
    assertThat(bad.detail(), containsString("offset 9 in the stream"));
    assertThat(bad.detail(), containsString("re-encode the file as UTF-8"));
    assertThat(bad.excerpt(), is("{\"t\":\"\uFFFD(\"}"));
    assertThat(bad.text(), is(""));
  }

  @Test
  void rejectsEncodedSurrogatesOverlongFormsAndTruncatedSequences() {
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] overlongNul = {(byte) 0xC0, (byte) 0x80};
    byte[] cutEuroSign = {(byte) 0xE2, (byte) 0x82};
    byte[] latin1 = {(byte) 0xE9};
    for (byte[] bad : List.of(surrogate, overlongNul, cutEuroSign, latin1)) {
      List<LineReader.Line> lines = readAll(concat(utf8("abc"), bad, utf8("\n")));
      assertThat(Arrays.toString(bad), describe(lines), contains("1:!invalid_utf8"));
      assertThat(lines.get(0).detail(), containsString("byte offset 3 of the line"));
    }
  }

  @Test
  void multiByteCharactersSplitAcrossReadChunksDecode() {
    String prefix = "x".repeat(64 * 1024 - 1);
    String line = prefix + "\uD83D\uDE00\u20AC";
    List<LineReader.Line> lines = readAll(new ByteArrayInputStream(utf8(line + "\nz")), 1 << 20);
    assertThat(lines.get(0).text(), is(line));
    assertThat(describe(lines).get(1), is("2:z"));
  }

  @Test
  void worksWhenTheStreamReturnsOneByteAtATime() {
    InputStream slow =
        new ByteArrayInputStream(utf8("\uFEFFa\u00e9\r\n\nb\uD83D\uDE00\n")) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    assertThat(describe(readAll(slow, 100)), contains("1:a\u00e9", "3:b\uD83D\uDE00"));
  }

  @Test
  void aLineAtTheLimitIsARecordEvenWithCrlf() {
    assertThat(
        describe(readAll(new ByteArrayInputStream(utf8("0123456789\r\nabc")), 10)),
        contains("1:0123456789", "2:abc"));
  }

  @Test
  void aLineOverTheLimitIsSkippedAndReportedWithItsSize() {
    List<LineReader.Line> lines =
        readAll(new ByteArrayInputStream(utf8("0123456789A\r\nabc\n")), 10);
    assertThat(describe(lines), contains("1:!record_too_large", "2:abc"));
    assertThat(lines.get(0).detail(), startsWith("line 1 is 11 bytes, more than the limit of 10"));
    assertThat(lines.get(0).excerpt(), is("0123456789A"));
  }

  @Test
  void aTenMegabyteLineIsNeverBufferedBeyondTheLimit() {
    long size = 10L * 1024 * 1024;
    InputStream huge = new GeneratedStream("{\"text\":\"", size, "\"}\nafter\n");
    LineReader reader = new LineReader(huge, 1024 * 1024);

    LineReader.Line first = reader.next();
    assertThat(first.error(), is(RejectCodes.RECORD_TOO_LARGE));
    assertThat(first.detail(), containsString("is " + (size + 11) + " bytes"));
    assertThat(first.detail(), containsString("raise --maxRecordBytes")); // the option's name
    assertThat(first.excerpt().length(), is(Reject.EXCERPT_CHARS));
    assertThat(reader.lineBufferCapacity(), lessThanOrEqualTo(1024 * 1024 + 1));
    assertThat(reader.next().text(), is("after"));
    assertThat(reader.hasNext(), is(false));
  }

  @Test
  void anIoErrorEndsTheIterationWithTruncatedInputAfterTheCompleteLines() {
    InputStream failing = new FailingStream(utf8("one\ntwo\n\npart"), new EOFException("boom"));
    List<LineReader.Line> lines = readAll(failing, 100);

    assertThat(describe(lines), contains("1:one", "2:two", "4:!truncated_input"));
    LineReader.Line last = lines.get(2);
    assertThat(last.excerpt(), is("part"));
    assertThat(last.detail(), containsString("EOFException: boom"));
    assertThat(last.detail(), containsString("the 3 lines before it were read"));
    assertThat(last.detail(), containsString("the partial line 4 (4 bytes) was dropped"));
  }

  @Test
  void anIoErrorAtTheStartIsReportedOnLineOne() {
    List<LineReader.Line> lines =
        readAll(new FailingStream(new byte[0], new IOException("disk gone")), 100);
    assertThat(describe(lines), contains("1:!truncated_input"));
    assertThat(lines.get(0).excerpt(), is(""));
    assertThat(lines.get(0).detail(), containsString("no partial line"));
  }

  @Test
  void aTruncatedGzipKeepsEveryCompleteLine() throws IOException {
    StringBuilder content = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      content.append("{\"id\":").append(i).append(",\"text\":\"line number ").append(i);
      content.append(" with some words to make it less compressible ").append(i * 7919);
      content.append("\"}\n");
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(utf8(content.toString()));
    }
    byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);

    List<LineReader.Line> lines = readAll(new GZIPInputStream(new ByteArrayInputStream(cut)), 1000);

    LineReader.Line last = lines.get(lines.size() - 1);
    assertThat(last.error(), is(RejectCodes.TRUNCATED_INPUT));
    assertThat(last.detail(), containsString("EOFException"));
    for (int i = 0; i < lines.size() - 1; i++) {
      assertThat(lines.get(i).number(), is(i + 1L));
      assertThat(lines.get(i).text(), startsWith("{\"id\":" + (i + 1) + ","));
      assertThat(lines.get(i).text(), containsString("\"}"));
    }
    assertThat(last.number(), is((long) lines.size()));
  }

  @Test
  void nextAfterTheEndThrows() {
    LineReader reader = new LineReader(new ByteArrayInputStream(utf8("a")), 10);
    reader.next();
    NoSuchElementException e = assertThrows(NoSuchElementException.class, reader::next);
    assertThat(e.getMessage(), is("no more lines after line 1"));
  }

  @Test
  void errorLinesBecomeRejectsAndRecordsRefuse() {
    List<LineReader.Line> lines = readAll(new ByteArrayInputStream(utf8("0123456789A\nok")), 10);
    Reject reject = lines.get(0).toReject("in/a.jsonl.gz");
    assertThat(reject.source(), is("in/a.jsonl.gz"));
    assertThat(reject.position(), is("1"));
    assertThat(reject.reasonCode(), is("record_too_large"));
    assertThat(reject.detail(), equalTo(lines.get(0).detail()));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> lines.get(1).toReject("in/a.jsonl.gz"));
    assertThat(e.getMessage(), containsString("line 2 of in/a.jsonl.gz is a record"));
  }

  @Test
  void validatesConstructorArguments() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LineReader(new ByteArrayInputStream(new byte[0]), 0));
    assertThat(
        e.getMessage(), is("maxLineBytes must be positive and below Integer.MAX_VALUE, was 0"));
    assertThrows(IllegalArgumentException.class, () -> new LineReader(null, 10));
  }

  /** Yields head, then {@code size} bytes of 'x' without ever holding them, then tail. */
  private static final class GeneratedStream extends InputStream {
    private final byte[] head;
    private final byte[] tail;
    private final long size;
    private long pos;

    GeneratedStream(String head, long size, String tail) {
      this.head = utf8(head);
      this.tail = utf8(tail);
      this.size = size;
    }

    @Override
    public int read() {
      long total = head.length + size + tail.length;
      if (pos >= total) {
        return -1;
      }
      long p = pos++;
      if (p < head.length) {
        return head[(int) p];
      }
      if (p < head.length + size) {
        return 'x';
      }
      return tail[(int) (p - head.length - size)];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = 0;
      while (n < len) {
        int c = read();
        if (c < 0) {
          return n == 0 ? -1 : n;
        }
        b[off + n++] = (byte) c;
      }
      return n;
    }
  }

  /** Yields its bytes, then throws instead of reporting the end. */
  private static final class FailingStream extends InputStream {
    private final ByteArrayInputStream data;
    private final IOException failure;

    FailingStream(byte[] bytes, IOException failure) {
      this.data = new ByteArrayInputStream(bytes);
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      int c = data.read();
      if (c < 0) {
        throw failure;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = data.read(b, off, len);
      if (n < 0) {
        throw failure;
      }
      return n;
    }
  }
}
