package org.newsstance.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads input files into articles: JSON lines (also news-please dumps), CSV exports and WARC
 * archives, chosen per file by {@link InputFormat}. Every article candidate ends up in exactly one
 * output: {@link #ARTICLES} or {@link #REJECTS} (the dead letter, with file, line or byte offset
 * and reason). {@link #RECORDS_READ} carries, per input file, how many candidates were read, so
 * the run's manifest can check that nothing disappeared; {@link #SKIPPED} carries the WARC records
 * that are not article candidates (requests, revisits, images, 404s …), per file and kind, as
 * {@code KV<"warc_skipped.<kind>", count>}: they are counted, but not in {@code records_read}.
 *
 * <p>Files are given as {@code KV<path, displayName>}: the path is opened, the display name (the
 * path as the user typed it) is what outputs show. {@code .gz}, {@code .bz2} and other Beam
 * compressions are decompressed by extension, except {@code .warc.gz}, whose gzip members are read
 * one by one so that a corrupt record can be skipped and named by its offset.
 *
 * <p><b>Chunks.</b> First each file is planned ({@link PlanChunksFn}): an uncompressed JSON Lines
 * file larger than the chunk size ({@link #withChunkBytes}, default 256 KiB) is cut at line
 * boundaries by one streamed pass over its bytes ({@link LineChunks}), every other file is one
 * whole-file chunk: CSV (a record may span lines inside quotes, and the header is needed by every
 * chunk), WARC and compressed files (boundaries need decompression). Only the small chunk
 * descriptors ({@link FileChunk}) are then redistributed, and each worker parses its chunks and
 * hands the articles straight on (to cleaning and scoring, in the same slot on Flink): one big
 * file is parsed by every worker, and its text is never shuffled. A chunk keeps the file's line
 * numbers, offsets and reject messages, so the outcomes are exactly those of one read of the
 * whole file.
 *
 * <p><b>Streaming.</b> Each chunk is streamed by a splittable DoFn ({@link ReadFileFn}) whose
 * restriction is the range of the chunk's record indexes, so a runner may hand its articles on in
 * parts while the rest is still being read: the DirectRunner checkpoints every 100 outputs or
 * second, so neither one file's articles nor the whole corpus is held in memory. Flink in batch
 * mode reads each chunk in one go. {@link #RECORDS_READ} is summed per file, so it comes once per
 * file whatever the chunks; {@link #SKIPPED} comes once per file and kind (only WARC files, read
 * whole, skip records).
 *
 * <p><b>Spread.</b> Articles of files read whole are redistributed by default ({@link
 * #withSpread}), so that one big WARC or CSV file does not serialise the scoring stage on a
 * runner that reads it in one go. Articles of a file cut into chunks are not: the chunks are
 * already spread, and a file is only cut when it has at least two chunks' worth of bytes.
 *
 * <p>The parsing itself lives in plain classes ({@link JsonLinesArticleReader}, {@link
 * CsvArticleReader}, {@link WarcArticleReader}, numbered by {@link FileRecords}, chunks planned by
 * {@link LineChunks}); the DoFns only open files and route outcomes.
 */
public final class ReadArticles extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<Article> ARTICLES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> RECORDS_READ = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> SKIPPED = new TupleTag<>() {};

  /** Prefix of the skipped-record count keys. */
  public static final String SKIPPED_PREFIX = "warc_skipped.";

  /** Lines (and WARC HTTP bodies) above this many bytes are rejected without being buffered. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

  /**
   * Keys used to redistribute articles: enough to keep every worker busy, few enough that the
   * DirectRunner (whose cost grows with the number of distinct keys) is not slowed down.
   */
  static final int SPREAD_BUCKETS = 64;

  /**
   * Default least size of a chunk of an uncompressed JSON Lines file ({@link #withChunkBytes}):
   * 256 KiB, some 60 news articles (docs/INPUTS.md says why).
   */
  public static final long DEFAULT_CHUNK_BYTES = 256 * 1024;

  /** Articles of files read whole; spread when {@link #spread}. Internal to the expansion. */
  static final TupleTag<Article> WHOLE_FILE_ARTICLES = new TupleTag<>() {};

  private final List<KV<String, String>> files;
  private final Settings settings;
  private final boolean spread;
  private final long chunkBytes;

  /** Everything a worker needs to read a file; small and serialisable. */
  record Settings(
      int maxRecordBytes,
      int maxTextChars,
      InputFormat format,
      CsvColumns csvColumns,
      OutletTable outlets,
      CsvColumns jsonFields,
      String jsonRecords)
      implements Serializable {
    Settings withCsvColumns(CsvColumns csv) {
      return new Settings(
          maxRecordBytes, maxTextChars, format, csv, outlets, jsonFields, jsonRecords);
    }

    Settings withJson(CsvColumns fields, String records) {
      return new Settings(
          maxRecordBytes, maxTextChars, format, csvColumns, outlets, fields, records);
    }

    Settings withLimits(int recordBytes, int textChars) {
      return new Settings(
          recordBytes, textChars, format, csvColumns, outlets, jsonFields, jsonRecords);
    }

    Settings withFormat(InputFormat f) {
      return new Settings(
          maxRecordBytes, maxTextChars, f, csvColumns, outlets, jsonFields, jsonRecords);
    }

    Settings withOutlets(OutletTable table) {
      return new Settings(
          maxRecordBytes, maxTextChars, format, csvColumns, table, jsonFields, jsonRecords);
    }
  }

  private ReadArticles(
      List<KV<String, String>> files, Settings settings, boolean spread, long chunkBytes) {
    this.files = files;
    this.settings = settings;
    this.spread = spread;
    this.chunkBytes = chunkBytes;
  }

  /** Reads the given files: each {@code KV<path to open, name to show in outputs>}. */
  public static ReadArticles fromFiles(List<KV<String, String>> files) {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("at least one input file is needed, got none");
    }
    return new ReadArticles(
        List.copyOf(files),
        new Settings(
            DEFAULT_MAX_RECORD_BYTES,
            ArticleJsonParser.DEFAULT_MAX_TEXT_CHARS,
            InputFormat.AUTO,
            CsvColumns.defaults(),
            OutletTable.empty(),
            CsvColumns.defaults(),
            ""),
        true,
        DEFAULT_CHUNK_BYTES);
  }

  /** Records longer than this many bytes are rejected as {@code record_too_large}. */
  public ReadArticles withMaxRecordBytes(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 1024, was " + bytes);
    }
    return new ReadArticles(
        files, settings.withLimits(bytes, settings.maxTextChars()), spread, chunkBytes);
  }

  /** Article texts longer than this many characters are rejected as {@code record_too_large}. */
  public ReadArticles withMaxTextChars(int chars) {
    if (chars < 1) {
      throw new IllegalArgumentException("maxTextChars must be positive, was " + chars);
    }
    return new ReadArticles(
        files, settings.withLimits(settings.maxRecordBytes(), chars), spread, chunkBytes);
  }

  /** Reads every file as {@code format}; {@link InputFormat#AUTO} (the default) decides per file. */
  public ReadArticles withFormat(InputFormat format) {
    if (format == null) {
      throw new IllegalArgumentException("format must not be null; use InputFormat.AUTO");
    }
    return new ReadArticles(files, settings.withFormat(format), spread, chunkBytes);
  }

  /** Maps CSV columns to article fields (default: columns named like the fields). */
  public ReadArticles withCsvColumns(CsvColumns columns) {
    if (columns == null) {
      throw new IllegalArgumentException("columns must not be null; use CsvColumns.defaults()");
    }
    return new ReadArticles(files, settings.withCsvColumns(columns), spread, chunkBytes);
  }

  /** Maps JSON keys to article fields ({@code --jsonFields}; default: keys named like the fields). */
  public ReadArticles withJsonFields(CsvColumns fields) {
    if (fields == null) {
      throw new IllegalArgumentException("fields must not be null; use CsvColumns.defaults()");
    }
    return new ReadArticles(
        files, settings.withJson(fields, settings.jsonRecords()), spread, chunkBytes);
  }

  /**
   * In JSON documents, the key under which a top-level wrapper object holds the records ({@code
   * --jsonRecords}, e.g. {@code articles}); empty (the default) for none.
   */
  public ReadArticles withJsonRecords(String key) {
    return new ReadArticles(
        files,
        settings.withJson(settings.jsonFields(), key == null ? "" : key.trim()),
        spread,
        chunkBytes);
  }

  /** Names outlets from hosts with this table (default: no mappings, registrable domains). */
  public ReadArticles withOutlets(OutletTable outlets) {
    if (outlets == null) {
      throw new IllegalArgumentException("outlets must not be null; use OutletTable.empty()");
    }
    return new ReadArticles(files, settings.withOutlets(outlets), spread, chunkBytes);
  }

  /**
   * Whether a file of this format (as resolved by option and name, {@link InputFormat#resolve})
   * may be cut into chunks: only uncompressed JSON Lines, or a file whose content must say (AUTO).
   */
  static boolean mayBeCut(InputFormat byName, String path) {
    return (byName == InputFormat.JSONL || byName == InputFormat.AUTO)
        && Compression.detect(path) == Compression.UNCOMPRESSED;
  }

  /**
   * Whether a file is read whole by one worker although it is big enough to be worth spreading
   * (more than {@code chunkBytes}): CSV, WARC, compressed files, and files whose first bytes
   * ({@code head}) are not JSON Lines: another format when option and name do not say it, or a
   * JSON document ({@link InputFormat#isJsonDocument}; {@code recordsPath} is {@code
   * --jsonRecords}, empty for none: API pages are read whole).
   * The rule {@link PlanChunksFn} cuts by; the launcher asks it to decide {@link #withSpread}.
   */
  public static boolean readWholeAndBig(
      InputFormat format,
      String path,
      long sizeBytes,
      long chunkBytes,
      byte[] head,
      int headLength,
      String recordsPath) {
    if (sizeBytes >= 0 && sizeBytes <= chunkBytes) {
      return false;
    }
    InputFormat byName = InputFormat.resolve(format, path, null, 0);
    if (!mayBeCut(byName, path)) {
      return true;
    }
    return !linesByContent(byName, path, head, headLength, recordsPath);
  }

  /**
   * Whether a file that {@link #mayBeCut} by option and name is, by its first bytes, JSON Lines
   * that can be cut at UTF-8 line ends: JSON by content when the name does not say, not a JSON
   * document ({@link InputFormat#isJsonDocument}), not UTF-16. The one rule {@link PlanChunksFn}
   * and {@link #readWholeAndBig} both apply.
   */
  static boolean linesByContent(
      InputFormat byName, String path, byte[] head, int headLength, String recordsPath) {
    return InputFormat.resolve(byName, path, head, headLength) == InputFormat.JSONL
        && !InputFormat.isJsonDocument(path, head, headLength, recordsPath)
        && !Utf16AsUtf8.startsWithUtf16Mark(head, headLength);
  }

  /**
   * Whether the articles of files read whole (CSV, WARC, compressed or small files; not those of
   * JSON Lines files cut into chunks, which are spread already) are redistributed over {@value
   * #SPREAD_BUCKETS} random keys after reading (default true). Needed where one worker reads a
   * whole file, as on Flink, so that one big WARC or CSV file is not scored by one slot. Turn it
   * off on the DirectRunner: it already hands the articles of a file on in small bundles that its
   * executor scores in parallel, and its shuffle would hold every article in memory until all
   * input is read; it is also very slow there on the many small bundles the chunked read makes
   * (reading one 100,000-article file: 14 s without the spread, not done after 300 s with it).
   * Turn it off too when no input is big and read whole ({@link #readWholeAndBig}): the spread
   * branch joins the chunked articles again, and Flink's batch planner makes such a join a
   * blocking exchange, so every article was parsed and written to disk before the first one
   * was scored. Without it, the articles go from parsing to scoring in the same slot.
   */
  public ReadArticles withSpread(boolean spread) {
    return new ReadArticles(files, settings, spread, chunkBytes);
  }

  /**
   * The least size of a chunk when an uncompressed JSON Lines file is cut into chunks that
   * workers parse in parallel (default {@value #DEFAULT_CHUNK_BYTES} bytes). Smaller chunks
   * share one big file more evenly among the workers (chunks are dealt to them at random), at
   * the cost of one file open and seek each. At least 1024.
   */
  public ReadArticles withChunkBytes(long bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("chunkBytes must be at least 1024, was " + bytes);
    }
    return new ReadArticles(files, settings, spread, bytes);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple parsed =
        begin
            .apply(
                "ListFiles",
                Create.of(files).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply("OneFilePerWorker", Reshuffle.viaRandomKey())
            .apply("PlanChunks", ParDo.of(new PlanChunksFn(settings.format(), chunkBytes, settings.jsonRecords())))
            .setCoder(FileChunkCoder.of())
            .apply("SpreadChunks", Reshuffle.viaRandomKey())
            .apply(
                "ParseChunks",
                ParDo.of(new ReadFileFn(settings, UUID.randomUUID().toString(), spread))
                    .withOutputTags(
                        ARTICLES,
                        TupleTagList.of(WHOLE_FILE_ARTICLES)
                            .and(REJECTS)
                            .and(RECORDS_READ)
                            .and(SKIPPED)));
    PCollection<Article> articles = parsed.get(ARTICLES);
    if (spread) {
      PCollection<Article> spreadArticles =
          parsed
              .get(WHOLE_FILE_ARTICLES)
              .apply("SpreadArticles", Reshuffle.<Article>viaRandomKey().withNumBuckets(SPREAD_BUCKETS));
      articles =
          PCollectionList.of(articles).and(spreadArticles).apply("AllArticles", Flatten.pCollections());
    }
    KvCoder<String, Long> countCoder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollection<KV<String, Long>> recordsRead =
        parsed
            .get(RECORDS_READ)
            .setCoder(countCoder)
            .apply("RecordsPerFile", Sum.longsPerKey());
    parsed.get(SKIPPED).setCoder(countCoder);
    return PCollectionTuple.of(ARTICLES, articles)
        .and(REJECTS, parsed.get(REJECTS))
        .and(RECORDS_READ, recordsRead)
        .and(SKIPPED, parsed.get(SKIPPED));
  }

  /**
   * Cuts each file into the {@link FileChunk}s that are parsed in parallel: an uncompressed JSON
   * Lines file larger than {@code chunkBytes} by one pass over its bytes ({@link LineChunks}),
   * every other file (CSV, WARC, compressed, small) as one whole-file chunk. A file that cannot
   * be matched, opened or scanned is one whole-file chunk as well: reading it then reports the
   * problem exactly as before (an {@code unreadable_file} reject naming the file).
   */
  static final class PlanChunksFn extends DoFn<KV<String, String>, FileChunk> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanChunksFn.class);

    private final Counter chunked = Metrics.counter(ReadArticles.class, "files_read_in_chunks");
    private final Counter chunks = Metrics.counter(ReadArticles.class, "file_chunks");
    private final InputFormat format;
    private final long chunkBytes;
    private final String recordsPath;

    /** @param recordsPath {@code --jsonRecords}: a file of one-line API pages is not cut */
    PlanChunksFn(InputFormat format, long chunkBytes, String recordsPath) {
      this.format = format;
      this.chunkBytes = chunkBytes;
      this.recordsPath = recordsPath == null ? "" : recordsPath;
    }

    @ProcessElement
    public void process(@Element KV<String, String> file, OutputReceiver<FileChunk> out) {
      List<FileChunk> plan = plan(file.getKey(), file.getValue());
      if (plan.size() > 1) {
        chunked.inc();
        LOG.debug("{}: read in {} chunks", file.getValue(), plan.size());
      }
      chunks.inc(plan.size());
      plan.forEach(out::output);
    }

    List<FileChunk> plan(String path, String source) {
      List<FileChunk> whole = List.of(FileChunk.wholeFile(path, source));
      InputFormat byName = InputFormat.resolve(format, path, null, 0);
      if (!mayBeCut(byName, path)) {
        return whole;
      }
      try {
        MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(path);
        if (meta.sizeBytes() >= 0 && meta.sizeBytes() <= chunkBytes) {
          return whole;
        }
        try (InputStream in =
            new BufferedInputStream(
                Channels.newInputStream(FileSystems.open(meta.resourceId())), 64 * 1024)) {
          byte[] head = new byte[InputFormat.SNIFF_BYTES];
          in.mark(head.length);
          int n = in.readNBytes(head, 0, head.length);
          in.reset();
          if (!linesByContent(byName, path, head, n, recordsPath)) {
            return whole;
          }
          return LineChunks.plan(in, path, source, chunkBytes);
        }
      } catch (IOException | RuntimeException e) {
        // Not swallowed: reading the file whole meets the same problem and rejects it.
        LOG.debug("{}: cannot plan chunks ({}); reading it whole", source, e.toString());
        return whole;
      }
    }
  }

  /** Deterministic coder of {@link FileChunk}. */
  static final class FileChunkCoder extends AtomicCoder<FileChunk> {
    private static final FileChunkCoder INSTANCE = new FileChunkCoder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();

    static FileChunkCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FileChunk c, OutputStream out) throws IOException {
      STRING.encode(c.path(), out);
      STRING.encode(c.source(), out);
      LONG.encode(c.startOffset(), out);
      LONG.encode(c.endOffset(), out);
      LONG.encode(c.linesBefore(), out);
    }

    @Override
    public FileChunk decode(InputStream in) throws IOException {
      return new FileChunk(
          STRING.decode(in), STRING.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /**
   * Reads one {@link FileChunk} (a whole file in its format, or a byte range of a JSON Lines file)
   * and routes what its reader yields: articles of whole files to {@link #WHOLE_FILE_ARTICLES}
   * (to be spread), of byte ranges to {@link #ARTICLES}. A splittable DoFn whose restriction is a
   * range of outcome indexes in the chunk ({@link FileRecords}), claimed one at a time, plus one
   * index past the last outcome at which the chunk's totals are output. A runner can therefore
   * checkpoint after any outcome (the DirectRunner does, every 100 outputs or second, and hands on
   * each part as its own bundle) and resume later: with the file still open when the resumption
   * runs in the same JVM ({@link OpenFileCache}), otherwise by re-reading the chunk and passing
   * over the outcomes already output. Runners that read each element whole (Flink in batch) read
   * the chunk in one go. Only checkpoints split the range: a chunk's records can only be found by
   * reading them in order (which is why chunks are planned before, by bytes).
   */
  @DoFn.BoundedPerElement
  static final class ReadFileFn extends DoFn<FileChunk, Article> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadFileFn.class);

    private final Counter recordsRead = Metrics.counter(ReadArticles.class, "records_read");
    private final Counter articlesRead = Metrics.counter(ReadArticles.class, "articles_read");
    private final Counter rejected = Metrics.counter(ReadArticles.class, "rejected");
    private final Counter skipped = Metrics.counter(ReadArticles.class, "warc_skipped");
    private final Counter reread = Metrics.counter(ReadArticles.class, "files_reread_to_resume");
    private final Settings settings;

    /** Names this read's files in the JVM-wide {@link OpenFileCache}. */
    private final String readId;

    /** Whether whole files' articles go to {@link #WHOLE_FILE_ARTICLES} (to be spread). */
    private final boolean separateWholeFiles;

    private transient ArticleJsonParser parser;
    private transient ArticleFactory factory;

    ReadFileFn(Settings settings, String readId, boolean separateWholeFiles) {
      this.settings = settings;
      this.readId = readId;
      this.separateWholeFiles = separateWholeFiles;
    }

    @Setup
    public void setup() {
      parser =
          ArticleJsonParser.create()
              .withMaxTextChars(settings.maxTextChars())
              .withOutlets(settings.outlets())
              .withFields(settings.jsonFields());
      factory = ArticleFactory.of(settings.outlets(), settings.maxTextChars());
    }

    @Teardown
    public void teardown() {
      OpenFileCache.closeAll(readId);
    }

    @GetInitialRestriction
    public OffsetRange initialRestriction(@Element FileChunk chunk) {
      return new OffsetRange(0, Long.MAX_VALUE);
    }

    @NewTracker
    public OffsetRangeTracker newTracker(@Restriction OffsetRange range) {
      return new CheckpointOnlyTracker(range);
    }

    @GetRestrictionCoder
    public Coder<OffsetRange> restrictionCoder() {
      return OffsetRange.Coder.of();
    }

    @ProcessElement
    public ProcessContinuation process(
        @Element FileChunk chunk,
        RestrictionTracker<OffsetRange, Long> tracker,
        MultiOutputReceiver out) {
      String path = chunk.path();
      String source = chunk.source();
      long start = chunk.startOffset();
      long from = tracker.currentRestriction().getFrom();
      FileRecords records =
          OpenFileCache.take(new OpenFileCache.Key(readId, path, source, start, from));
      if (records == null) {
        records = FileRecords.open(source, chunk.isWholeFile(), () -> open(chunk));
        if (from > 0) {
          reread.inc();
          LOG.debug("{}: re-reading the chunk to resume at outcome {}", chunk, from);
        }
        if (!records.skipTo(from)) {
          records.close();
          if (from == records.position() + 1) {
            // Only the totals' index was left, and it was claimed before the checkpoint.
            tracker.tryClaim(Long.MAX_VALUE);
            return ProcessContinuation.stop();
          }
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT,
                  "%s: the file changed while it was being read: reading resumed at outcome %d,"
                      + " but the file now has %d; run again on input files that are not being"
                      + " written",
                  source,
                  from,
                  records.position()));
        }
      }
      try {
        while (true) {
          ReadOutcome o = records.peek();
          long index = records.position();
          if (!tracker.tryClaim(index)) {
            // Checkpointed: the runner resumes at this index, maybe right here, maybe elsewhere.
            OpenFileCache.park(
                new OpenFileCache.Key(readId, path, source, start, index), records);
            records = null;
            return ProcessContinuation.stop();
          }
          if (o == null) {
            // Past the last outcome: the whole file's totals, once per file whatever the chunks.
            out.get(RECORDS_READ).output(KV.of(source, records.records()));
            for (Map.Entry<String, Long> e : records.skippedKinds().entrySet()) {
              out.get(SKIPPED).output(KV.of(SKIPPED_PREFIX + e.getKey(), e.getValue()));
            }
            tracker.tryClaim(Long.MAX_VALUE); // always false: marks the range as done
            return ProcessContinuation.stop();
          }
          records.advance();
          route(o, separateWholeFiles && chunk.isWholeFile() ? WHOLE_FILE_ARTICLES : ARTICLES, out);
        }
      } finally {
        if (records != null) {
          records.close();
        }
      }
    }

    private void route(ReadOutcome o, TupleTag<Article> articles, MultiOutputReceiver out) {
      if (o.article() != null) {
        recordsRead.inc();
        articlesRead.inc();
        out.get(articles).output(o.article());
      } else if (o.reject() != null) {
        recordsRead.inc();
        rejected.inc();
        out.get(REJECTS).output(o.reject());
      } else {
        skipped.inc();
      }
    }

    /** Opens the chunk's file and its reader; the caller closes the stream. */
    private FileRecords.Opened open(FileChunk chunk) throws IOException {
      MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(chunk.path());
      if (chunk.isWholeFile()) {
        Opened opened = open(meta, chunk.path(), settings.format(), settings.jsonRecords());
        return new FileRecords.Opened(reader(opened, chunk.source()), opened.in());
      }
      // A byte range of an uncompressed JSON Lines file (the only kind LineChunks cuts).
      ReadableByteChannel channel = FileSystems.open(meta.resourceId());
      InputStream in;
      try {
        if (channel instanceof SeekableByteChannel seekable) {
          seekable.position(chunk.startOffset());
          in = Channels.newInputStream(channel);
        } else {
          in = Channels.newInputStream(channel);
          in.skipNBytes(chunk.startOffset());
        }
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      InputStream range = new RangeInputStream(in, chunk.length());
      return new FileRecords.Opened(
          new JsonLinesArticleReader(
              range,
              chunk.startOffset(),
              chunk.linesBefore(),
              chunk.source(),
              parser,
              settings.maxRecordBytes()),
          range);
    }

    /** An open file with the format it is read in. */
    private record Opened(
        InputStream in, InputFormat format, boolean gzipMembers, boolean jsonDocument) {}

    /**
     * Opens the file: raw for a gzip WARC (its members are read one by one), decompressed by
     * extension otherwise, with its format decided (by option, extension or first bytes).
     */
    private static Opened open(
        MatchResult.Metadata meta, String path, InputFormat requested, String recordsPath)
        throws IOException {
      InputFormat byName = InputFormat.resolve(requested, path, null, 0);
      if (byName == InputFormat.WARC && InputFormat.isGzipWarc(path)) {
        return new Opened(
            Channels.newInputStream(FileSystems.open(meta.resourceId())), byName, true, false);
      }
      BufferedInputStream in =
          new BufferedInputStream(
              Channels.newInputStream(
                  Decompression.open(path, FileSystems.open(meta.resourceId()))),
              64 * 1024);
      if (byName != InputFormat.WARC) {
        in = Utf16AsUtf8.view(in); // a UTF-16 JSON or CSV export is read as UTF-8
      }
      byte[] head = new byte[InputFormat.SNIFF_BYTES];
      in.mark(head.length);
      int n = in.readNBytes(head, 0, head.length);
      in.reset();
      InputFormat format = byName != InputFormat.AUTO ? byName : InputFormat.sniff(head, n);
      return new Opened(
          in,
          format,
          false,
          format == InputFormat.JSONL && InputFormat.isJsonDocument(path, head, n, recordsPath));
    }

    private ArticleSource reader(Opened file, String source) throws IOException {
      int max = settings.maxRecordBytes();
      switch (file.format()) {
        case WARC:
          return new WarcArticleReader(file.in(), file.gzipMembers(), source, factory, max);
        case CSV:
          return new CsvArticleReader(file.in(), source, settings.csvColumns(), factory, max);
        default:
          return file.jsonDocument()
              ? new JsonDocumentArticleReader(file.in(), source, parser, max, settings.jsonRecords())
              : new JsonLinesArticleReader(file.in(), source, parser, max);
      }
    }
  }

  /** The next {@code length} bytes of a stream; closing it closes the stream. */
  static final class RangeInputStream extends FilterInputStream {
    private long left;

    RangeInputStream(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /**
   * The range tracker of {@link ReadFileFn}: checkpoints (splits at fraction 0) as usual, but
   * refuses every other split, because an index in the middle of {@code [k, Long.MAX_VALUE)} is
   * not a place in the file; a file's outcomes are only found by reading them in order.
   */
  static final class CheckpointOnlyTracker extends OffsetRangeTracker {
    CheckpointOnlyTracker(OffsetRange range) {
      super(range);
    }

    @Override
    public SplitResult<OffsetRange> trySplit(double fractionOfRemainder) {
      return fractionOfRemainder > 0 ? null : super.trySplit(fractionOfRemainder);
    }
  }
}
