package org.newsstance.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LineChunks} cuts a JSON Lines file where reading the chunks one by one gives exactly the
 * outcomes (articles with their line numbers, rejects with their reasons, lines and offsets) of
 * reading the whole file, whatever the line endings, byte-order mark, blank lines, over-long or
 * invalid lines, and wherever the cuts fall.
 */
class LineChunksTest {
  private static final int MAX_RECORD_BYTES = 200;
  private static final ArticleJsonParser PARSER = ArticleJsonParser.create();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String article(int i) {
    return "{\"id\":\"a" + i + "\",\"text\":\"Story " + i + ".\",\"outlet\":\"o\"}";
  }

  private static List<FileChunk> plan(byte[] file, long chunkBytes) throws IOException {
    return LineChunks.plan(new ByteArrayInputStream(file), "p", "s.jsonl", chunkBytes);
  }

  private static List<ReadOutcome> drain(ArticleSource reader) throws IOException {
    List<ReadOutcome> out = new ArrayList<>();
    for (ReadOutcome o = reader.next(); o != null; o = reader.next()) {
      out.add(o);
    }
    return out;
  }

  private static List<ReadOutcome> readWhole(byte[] file) throws IOException {
    return drain(
        new JsonLinesArticleReader(
            new ByteArrayInputStream(file), "s.jsonl", PARSER, MAX_RECORD_BYTES));
  }

  private static List<ReadOutcome> readChunk(byte[] file, FileChunk c) throws IOException {
    int from = (int) c.startOffset();
    int to = c.isWholeFile() ? file.length : (int) c.endOffset();
    return drain(
        new JsonLinesArticleReader(
            new ByteArrayInputStream(Arrays.copyOfRange(file, from, to)),
            c.startOffset(),
            c.linesBefore(),
            "s.jsonl",
            PARSER,
            MAX_RECORD_BYTES));
  }

  /**
   * Plans the file, checks that the chunks tile it with the right line counts and that each but
   * a whole file yields a record, and returns them after checking that reading them one by one
   * gives what reading the whole file gives.
   */
  private static List<FileChunk> checkExact(byte[] file, long chunkBytes) throws IOException {
    List<FileChunk> chunks = plan(file, chunkBytes);
    List<ReadOutcome> whole = readWhole(file);
    List<ReadOutcome> pieced = new ArrayList<>();
    long expectedStart = 0;
    for (FileChunk c : chunks) {
      assertEquals(expectedStart, c.startOffset(), "chunks must tile the file: " + chunks);
      assertEquals(newlines(file, (int) c.startOffset()), c.linesBefore(), c.toString());
      List<ReadOutcome> part = readChunk(file, c);
      if (!c.isWholeFile()) {
        assertTrue(!part.isEmpty(), "a chunk of a cut file yields a record: " + c);
        assertTrue(c.length() >= chunkBytes || c == chunks.get(chunks.size() - 1), c.toString());
      }
      pieced.addAll(part);
      expectedStart = c.isWholeFile() ? file.length : c.endOffset();
    }
    assertEquals(file.length, expectedStart, "chunks must end at the end of the file");
    assertEquals(whole, pieced, "chunks of " + chunkBytes + " bytes: " + chunks);
    return chunks;
  }

  private static long newlines(byte[] file, int before) {
    long n = 0;
    for (int i = 0; i < before; i++) {
      if (file[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Every chunk size from one byte to past the file, so that cuts fall everywhere. */
  private static void checkAllSizes(byte[] file) throws IOException {
    for (int k = 1; k <= file.length + 1; k++) {
      checkExact(file, k);
    }
  }

  @Test
  void crlfBomBlankLinesAndNoTrailingNewline() throws IOException {
    String body =
        "\uFEFF"
            + article(1)
            + "\r\n\r\n"
            + article(2)
            + "\r\n"
            + "   \r\n"
            + "\n"
            + article(3)
            + "\n"
            + "not json\r\n"
            + "{\"outlet\":\"o\"}\n"
            + article(4); // no newline at the end
    byte[] file = utf8(body);
    checkAllSizes(file);
    List<FileChunk> oneLineEach = checkExact(file, 1);
    assertTrue(oneLineEach.size() >= 5, oneLineEach.toString());
  }

  @Test
  void overLongAndInvalidLinesKeepTheirLineNumbersAndOffsets() throws IOException {
    byte[] invalid = utf8(article(7) + "\n");
    invalid[invalid.length - 10] = (byte) 0xC3; // a lone lead byte: invalid_utf8 naming its offset
    String longLine = "{\"text\":\"" + "x".repeat(3 * MAX_RECORD_BYTES) + "\",\"outlet\":\"o\"}\n";
    byte[] head = utf8(article(5) + "\n" + longLine + article(6) + "\n");
    byte[] tail = utf8("\n" + article(8) + "\n\n \n");
    byte[] file = new byte[head.length + invalid.length + tail.length];
    System.arraycopy(head, 0, file, 0, head.length);
    System.arraycopy(invalid, 0, file, head.length, invalid.length);
    System.arraycopy(tail, 0, file, head.length + invalid.length, tail.length);

    List<ReadOutcome> whole = readWhole(file);
    assertEquals(
        List.of("", RejectCodes.RECORD_TOO_LARGE, "", RejectCodes.INVALID_UTF8, ""),
        whole.stream().map(o -> o.reject() == null ? "" : o.reject().reasonCode()).toList());
    checkAllSizes(file);
  }

  @Test
  void cutsExactlyAtTheChunkSizeWhenALineEndsThere() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 10; i < 40; i++) {
      b.append(article(i)).append('\n'); // every line has the same length
    }
    byte[] file = utf8(b.toString());
    int line = article(10).length() + 1;
    List<FileChunk> chunks = checkExact(file, 3L * line);
    assertEquals(10, chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      assertEquals(new FileChunk("p", "s.jsonl", 3L * line * i, 3L * line * (i + 1), 3L * i),
          chunks.get(i));
    }
    // One byte more and each chunk takes a fourth line: 30 lines in chunks of 4, the last of 2.
    List<FileChunk> larger = checkExact(file, 3L * line + 1);
    assertEquals(8, larger.size());
    assertEquals(2L * line, larger.get(7).length());
  }

  @Test
  void trailingBlankLinesJoinTheLastChunk() throws IOException {
    byte[] file = utf8(article(1) + "\n" + article(2) + "\n" + "\n \t\r\n\u3000\n");
    List<FileChunk> chunks = checkExact(file, 1);
    assertEquals(2, chunks.size());
    assertEquals(file.length, chunks.get(1).endOffset());
  }

  @Test
  void aFileThatIsNotCutIsOneWholeFileChunk() throws IOException {
    byte[] small = utf8(article(1) + "\n" + article(2) + "\n");
    assertEquals(List.of(FileChunk.wholeFile("p", "s.jsonl")), checkExact(small, small.length));
    byte[] blank = utf8("\n\n   \n\r\n");
    assertEquals(List.of(FileChunk.wholeFile("p", "s.jsonl")), checkExact(blank, 1));
    assertEquals(List.of(FileChunk.wholeFile("p", "s.jsonl")), checkExact(new byte[0], 1));
    byte[] oneLine = utf8(article(1));
    assertEquals(List.of(FileChunk.wholeFile("p", "s.jsonl")), checkExact(oneLine, 1));
  }

  @Test
  void refusesAChunkSizeBelowOneByte() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> plan(new byte[0], 0));
    assertEquals("chunkBytes must be at least 1, was 0", e.getMessage());
  }
}
