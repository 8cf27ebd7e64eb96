package org.newsstance.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadArticles.ReadFileFn} is a splittable DoFn over a file's record indexes: reading it in
 * chunks, each resumed by a fresh DoFn that must re-read the file (no open file to continue), or
 * by the same DoFn that continues the file it left open, gives exactly what one uninterrupted
 * read gives, for every format, compression and kind of damage, and every chunk size.
 */
class ReadFileFnTest {
  private static final ReadArticles.Settings SETTINGS =
      new ReadArticles.Settings(
          ReadArticles.DEFAULT_MAX_RECORD_BYTES,
          ArticleJsonParser.DEFAULT_MAX_TEXT_CHARS,
          InputFormat.AUTO,
          CsvColumns.defaults(),
          OutletTable.bundled(),
          CsvColumns.defaults(),
          "");

  @TempDir Path tmp;

  private static final String JSONL =
      "{\"text\":\"One.\",\"outlet\":\"o\"}\n"
          + "\n"
          + "{\"text\":\"Two.\",\"outlet\":\"o\"}\n"
          + "not json\n"
          + "   \n"
          + "{\"outlet\":\"o\"}\n"
          + "{\"text\":\"Three.\",\"outlet\":\"o\",\"published\":\"2025-01-02\"}\n";

  private static final String CSV =
      "text,outlet\n"
          + "Three,o\n"
          + "\"Four, with\na line break\",o\n"
          + "\"bad\"quote,o\n"
          + "Five,o,extra\n"
          + "Six,o\n";

  /** What one chunk of the DoFn output, each value tagged with its output. */
  record Chunk(List<String> outputs, OffsetRange residual) {}

  private KV<String, String> write(String name, byte[] data) throws IOException {
    Path f = tmp.resolve(name);
    Files.write(f, data);
    return KV.of(f.toString(), name);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(out)) {
      o.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream o = new BZip2CompressorOutputStream(out)) {
      o.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every kind of input file the reader handles, good and damaged. */
  private List<KV<String, String>> files() throws IOException {
    byte[] jsonlGz = gzip(utf8(JSONL));
    byte[] invalidUtf8 = utf8(JSONL + "{\"text\":\"caf\u00e9\",\"outlet\":\"o\"}\n");
    invalidUtf8[invalidUtf8.length - 20] = (byte) 0xC3; // a lone lead byte: invalid_utf8
    return List.of(
        write("a.jsonl", utf8(JSONL)),
        write("b.jsonl.gz", jsonlGz),
        write("c.jsonl.gz", Arrays.copyOf(jsonlGz, jsonlGz.length - 12)), // truncated
        write("d.jsonl", invalidUtf8),
        write("e.csv.bz2", bzip2(utf8(CSV))),
        write("f.csv", utf8("title,outlet\nNo text column,o\n")), // missing_column
        write("g.warc", WarcFixtures.archive(false)),
        write("h.warc.gz", WarcFixtures.archive(true)), // with a corrupt member
        write("i.warc.gz", Arrays.copyOf(WarcFixtures.archive(true), 900)), // truncated
        write("j.jsonl", new byte[0]),
        write("k.data", utf8(CSV)),
        KV.of(tmp.resolve("missing.jsonl").toString(), "missing.jsonl"));
  }

  @Test
  void resumingInAFreshReaderGivesWhatOneUninterruptedReadGives() throws IOException {
    for (KV<String, String> file : files()) {
      List<String> whole = readInChunks(file, Integer.MAX_VALUE, false);
      assertEquals(
          1, whole.stream().filter(s -> s.startsWith("records_read=")).count(), file + ": " + whole);
      for (int chunk : new int[] {1, 2, 3, 5}) {
        assertEquals(
            whole, readInChunks(file, chunk, false), file.getValue() + " in chunks of " + chunk);
      }
    }
  }

  @Test
  void resumingWhereTheOpenFileWasLeftGivesTheSameAndTakesIt() throws IOException {
    for (KV<String, String> file : files()) {
      List<String> whole = readInChunks(file, Integer.MAX_VALUE, false);
      for (int chunk : new int[] {1, 3}) {
        assertEquals(
            whole, readInChunks(file, chunk, true), file.getValue() + " in chunks of " + chunk);
      }
    }
  }

  @Test
  void aCheckpointParksTheOpenFileAndTheResumptionTakesIt() throws IOException {
    KV<String, String> file = write("big.jsonl", utf8(JSONL.repeat(20)));
    ReadArticles.ReadFileFn fn = newFn();
    Chunk first = process(fn, file, new OffsetRange(0, Long.MAX_VALUE), 10);
    assertEquals(new OffsetRange(10, Long.MAX_VALUE), first.residual());
    assertEquals(1, OpenFileCache.parked(readId(fn)));
    Chunk rest = process(fn, file, first.residual(), Integer.MAX_VALUE);
    assertNull(rest.residual());
    assertEquals(0, OpenFileCache.parked(readId(fn)), "the resumption took the parked file");
    assertEquals("records_read=100", rest.outputs().get(rest.outputs().size() - 1));
    fn.teardown();
  }

  @Test
  void theTotalsComeOncePerFileAndReconcile() throws IOException {
    KV<String, String> file = write("h.warc.gz", WarcFixtures.archive(true));
    List<String> out = readInChunks(file, 1, false);
    long articles = out.stream().filter(s -> s.startsWith("article ")).count();
    long rejects = out.stream().filter(s -> s.startsWith("reject ")).count();
    assertEquals(List.of("records_read=" + (articles + rejects)),
        out.stream().filter(s -> s.startsWith("records_read=")).toList());
    assertEquals(
        List.of(
            "skipped warc_skipped.non_html=1",
            "skipped warc_skipped.request=1",
            "skipped warc_skipped.revisit=1",
            "skipped warc_skipped.status_404=1",
            "skipped warc_skipped.warcinfo=1"),
        out.stream().filter(s -> s.startsWith("skipped ")).toList());
    assertEquals(3, articles);
    assertEquals(1, rejects);
  }

  @Test
  void emptyAndMissingFilesAreOneRecordEach() throws IOException {
    for (KV<String, String> file :
        List.of(write("empty.jsonl", new byte[0]), KV.of(tmp.resolve("no").toString(), "no"))) {
      List<String> out = readInChunks(file, 1, false);
      assertEquals(2, out.size(), out.toString());
      assertTrue(
          out.get(0).startsWith("reject " + file.getValue() + "::")
              && (out.get(0).contains("empty_file") || out.get(0).contains("unreadable_file")),
          out.get(0));
      assertEquals("records_read=1", out.get(1));
    }
  }

  @Test
  void aCompressionThisBuildCannotDecompressIsOneUnreadableFileNotACrash() throws IOException {
    // .zst: Beam detects Zstandard by name, but zstd-jni is not bundled; its NoClassDefFoundError
    // used to end the whole run.
    KV<String, String> file =
        write("articles.jsonl.zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 'x'});
    List<String> out = readInChunks(file, 1, false);
    assertEquals(2, out.size(), out.toString());
    assertTrue(out.get(0).startsWith("reject articles.jsonl.zst::unreadable_file"), out.get(0));
    assertTrue(out.get(0).contains("zstd -d"), out.get(0));
    assertEquals("records_read=1", out.get(1));
  }

  @Test
  void aFileThatShrankBetweenChunksFailsLoudly() throws IOException {
    KV<String, String> file = write("shrinks.jsonl", utf8(JSONL.repeat(3)));
    ReadArticles.ReadFileFn fn = newFn();
    Chunk first = process(fn, file, new OffsetRange(0, Long.MAX_VALUE), 10);
    fn.teardown();
    Files.write(Path.of(file.getKey()), utf8(JSONL));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> process(newFn(), file, first.residual(), Integer.MAX_VALUE));
    assertTrue(e.getMessage().startsWith("shrinks.jsonl: the file changed"), e.getMessage());
  }

  @Test
  void byteRangeChunksReadAndResumedGiveWhatTheWholeFileGives() throws IOException {
    String damaged =
        "\uFEFF"
            + JSONL.replace("\n", "\r\n")
            + JSONL.repeat(5)
            + "{\"text\":\"Last, without a newline.\",\"outlet\":\"o\"}";
    KV<String, String> file = write("chunked.jsonl", utf8(damaged));
    List<String> whole = readInChunks(file, Integer.MAX_VALUE, false);
    List<FileChunk> chunks =
        new ReadArticles.PlanChunksFn(InputFormat.AUTO, 100, "").plan(file.getKey(), file.getValue());
    assertTrue(chunks.size() > 5, chunks.toString());
    for (int claims : new int[] {1, 2, 3, Integer.MAX_VALUE}) {
      for (boolean sameFn : new boolean[] {false, true}) {
        List<String> pieced = new ArrayList<>();
        long records = 0;
        for (FileChunk c : chunks) {
          for (String s : readInChunks(c, claims, sameFn)) {
            if (s.startsWith("records_read=")) {
              records += Long.parseLong(s.substring("records_read=".length()));
            } else {
              pieced.add(s);
            }
          }
        }
        pieced.add("records_read=" + records);
        assertEquals(
            whole, pieced, "chunks resumed after " + claims + " claims, same fn " + sameFn);
      }
    }
  }

  @Test
  void onlyUncompressedJsonLinesFilesAreCut() throws IOException {
    String many = JSONL.repeat(20);
    ReadArticles.PlanChunksFn plan = new ReadArticles.PlanChunksFn(InputFormat.AUTO, 100, "");
    for (KV<String, String> f :
        List.of(
            write("a.jsonl", utf8(many)),
            write("sniffed.data", utf8(many)),
            write("b.jsonl.gz", gzip(utf8(many))),
            write("c.csv", utf8(CSV.repeat(20))),
            write("d.data", utf8(CSV.repeat(20))),
            write("g.warc", WarcFixtures.archive(false)),
            write("small.jsonl", utf8(JSONL)),
            write("pretty.json", utf8("[\n" + JSONL.repeat(20).replace("}\n", "},\n") + "{}]\n")),
            write("array.data", utf8("[" + JSONL.repeat(20).replace("}\n", "},") + "{}]")),
            KV.of(tmp.resolve("missing.jsonl").toString(), "missing.jsonl"))) {
      List<FileChunk> chunks = plan.plan(f.getKey(), f.getValue());
      boolean cut = f.getValue().equals("a.jsonl") || f.getValue().equals("sniffed.data");
      if (cut) {
        assertTrue(chunks.size() > 1, f.getValue() + ": " + chunks);
      } else {
        assertEquals(List.of(FileChunk.wholeFile(f.getKey(), f.getValue())), chunks);
      }
    }
    // --format=csv reads a .jsonl file as CSV: whole.
    KV<String, String> forced = write("e.jsonl", utf8(many));
    assertEquals(
        1, new ReadArticles.PlanChunksFn(InputFormat.CSV, 100, "").plan(forced.getKey(), "e").size());
    // JSON Lines of API pages with --jsonRecords: each line is a wrapper, read whole
    String page = "{\"status\":\"ok\",\"articles\":[{\"text\":\"One.\",\"outlet\":\"o\"}]}\n";
    KV<String, String> pages = write("pages.jsonl", utf8(page.repeat(20)));
    assertEquals(
        1,
        new ReadArticles.PlanChunksFn(InputFormat.AUTO, 100, "articles")
            .plan(pages.getKey(), "pages.jsonl")
            .size());
    assertTrue(
        new ReadArticles.PlanChunksFn(InputFormat.AUTO, 100, "").plan(pages.getKey(), "p").size() > 1);
  }

  @Test
  void onlyCheckpointsSplitTheRange() {
    ReadArticles.CheckpointOnlyTracker t =
        new ReadArticles.CheckpointOnlyTracker(new OffsetRange(0, Long.MAX_VALUE));
    assertTrue(t.tryClaim(0L));
    assertNull(t.trySplit(0.5));
    SplitResult<OffsetRange> checkpoint = t.trySplit(0);
    assertEquals(new OffsetRange(1, Long.MAX_VALUE), checkpoint.getResidual());
  }

  // ---------------------------------------------------------------- harness

  private static ReadArticles.ReadFileFn newFn() {
    ReadArticles.ReadFileFn fn = new ReadArticles.ReadFileFn(SETTINGS, UUID.randomUUID().toString(), true);
    fn.setup();
    return fn;
  }

  private static String readId(ReadArticles.ReadFileFn fn) {
    try {
      java.lang.reflect.Field f = ReadArticles.ReadFileFn.class.getDeclaredField("readId");
      f.setAccessible(true);
      return (String) f.get(fn);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Reads a file in chunks of {@code claims} claimed indexes, each chunk ended by a checkpoint;
   * every resumption runs in a fresh DoFn (nothing left open to continue), or in the same one
   * when {@code sameFn}.
   */
  private static List<String> readInChunks(KV<String, String> file, int claims, boolean sameFn) {
    return readInChunks(FileChunk.wholeFile(file.getKey(), file.getValue()), claims, sameFn);
  }

  /** As {@link #readInChunks(KV, int, boolean)}, for one {@link FileChunk}. */
  private static List<String> readInChunks(FileChunk file, int claims, boolean sameFn) {
    List<String> all = new ArrayList<>();
    ReadArticles.ReadFileFn fn = newFn();
    OffsetRange range = new OffsetRange(0, Long.MAX_VALUE);
    int chunks = 0;
    while (range != null) {
      Chunk c = process(fn, file, range, claims);
      all.addAll(c.outputs());
      range = c.residual();
      if (!sameFn) {
        fn.teardown();
        fn = newFn();
      }
      if (++chunks > 10_000) {
        throw new AssertionError(file + ": no end after " + chunks + " chunks");
      }
    }
    fn.teardown();
    return all;
  }

  /** One call of the DoFn on {@code range}, checkpointed after {@code claims} claims. */
  private static Chunk process(
      ReadArticles.ReadFileFn fn, KV<String, String> file, OffsetRange range, int claims) {
    return process(fn, FileChunk.wholeFile(file.getKey(), file.getValue()), range, claims);
  }

  private static Chunk process(
      ReadArticles.ReadFileFn fn, FileChunk file, OffsetRange range, int claims) {
    List<String> out = new ArrayList<>();
    CheckpointingTracker tracker = new CheckpointingTracker(fn.newTracker(range), claims);
    DoFn.ProcessContinuation c = fn.process(file, tracker, new Collecting(out));
    assertEquals(DoFn.ProcessContinuation.stop(), c);
    if (tracker.residual == null) {
      tracker.checkDone();
      return new Chunk(out, null);
    }
    return new Chunk(out, tracker.residual.getResidual());
  }

  /** Checkpoints (splits at fraction 0, as a runner does) once {@code claims} claims succeeded. */
  private static final class CheckpointingTracker extends RestrictionTracker<OffsetRange, Long> {
    private final RestrictionTracker<OffsetRange, Long> inner;
    private int claimsLeft;
    SplitResult<OffsetRange> residual;

    CheckpointingTracker(RestrictionTracker<OffsetRange, Long> inner, int claims) {
      this.inner = inner;
      this.claimsLeft = claims;
    }

    @Override
    public boolean tryClaim(Long position) {
      if (claimsLeft == 0 && residual == null) {
        residual = inner.trySplit(0);
      }
      boolean claimed = inner.tryClaim(position);
      if (claimed) {
        claimsLeft--;
      }
      return claimed;
    }

    @Override
    public OffsetRange currentRestriction() {
      return inner.currentRestriction();
    }

    @Override
    public SplitResult<OffsetRange> trySplit(double fractionOfRemainder) {
      return inner.trySplit(fractionOfRemainder);
    }

    @Override
    public void checkDone() {
      inner.checkDone();
    }

    @Override
    public IsBounded isBounded() {
      return IsBounded.BOUNDED;
    }
  }

  /** Collects every output as text, tagged with its output. */
  private record Collecting(List<String> out) implements DoFn.MultiOutputReceiver {
    @Override
    @SuppressWarnings("unchecked")
    public <T> DoFn.OutputReceiver<T> get(TupleTag<T> tag) {
      return new DoFn.OutputReceiver<T>() {
        @Override
        public void output(T value) {
          out.add(describe(tag, value));
        }

        @Override
        public void outputWithTimestamp(T value, Instant timestamp) {
          output(value);
        }
      };
    }

    @Override
    public <T> DoFn.OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
      throw new UnsupportedOperationException("ReadFileFn outputs no rows");
    }

    private static String describe(TupleTag<?> tag, Object value) {
      if (tag.equals(ReadArticles.ARTICLES) || tag.equals(ReadArticles.WHOLE_FILE_ARTICLES)) {
        return "article " + value;
      }
      if (tag.equals(ReadArticles.REJECTS)) {
        org.newsstance.model.Reject r = (org.newsstance.model.Reject) value;
        return "reject " + r.source() + "::" + r.reasonCode() + "@" + r.position() + " " + r;
      }
      KV<?, ?> kv = (KV<?, ?>) value;
      if (tag.equals(ReadArticles.RECORDS_READ)) {
        return "records_read=" + kv.getValue();
      }
      return "skipped " + kv.getKey() + "=" + kv.getValue();
    }
  }
}
