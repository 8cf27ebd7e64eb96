package org.newsstance.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

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
 * one by one so that a corrupt record can be skipped and named by its offset. Each file is
 * streamed; articles are then redistributed so that one big file does not serialise the scoring
 * stage. The parsing itself lives in plain classes ({@link JsonLinesArticleReader}, {@link
 * CsvArticleReader}, {@link WarcArticleReader}); the DoFn only opens files and routes outcomes.
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

  private final List<KV<String, String>> files;
  private final Settings settings;

  /** Everything a worker needs to read a file; small and serialisable. */
  record Settings(
      int maxRecordBytes,
      int maxTextChars,
      InputFormat format,
      CsvColumns csvColumns,
      OutletTable outlets)
      implements Serializable {}

  private ReadArticles(List<KV<String, String>> files, Settings settings) {
    this.files = files;
    this.settings = settings;
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
            OutletTable.empty()));
  }

  /** Records longer than this many bytes are rejected as {@code record_too_large}. */
  public ReadArticles withMaxRecordBytes(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 1024, was " + bytes);
    }
    Settings s = settings;
    return new ReadArticles(
        files, new Settings(bytes, s.maxTextChars(), s.format(), s.csvColumns(), s.outlets()));
  }

  /** Article texts longer than this many characters are rejected as {@code record_too_large}. */
  public ReadArticles withMaxTextChars(int chars) {
    if (chars < 1) {
      throw new IllegalArgumentException("maxTextChars must be positive, was " + chars);
    }
    Settings s = settings;
    return new ReadArticles(
        files, new Settings(s.maxRecordBytes(), chars, s.format(), s.csvColumns(), s.outlets()));
  }

  /** Reads every file as {@code format}; {@link InputFormat#AUTO} (the default) decides per file. */
  public ReadArticles withFormat(InputFormat format) {
    if (format == null) {
      throw new IllegalArgumentException("format must not be null; use InputFormat.AUTO");
    }
    Settings s = settings;
    return new ReadArticles(
        files, new Settings(s.maxRecordBytes(), s.maxTextChars(), format, s.csvColumns(), s.outlets()));
  }

  /** Maps CSV columns to article fields (default: columns named like the fields). */
  public ReadArticles withCsvColumns(CsvColumns columns) {
    if (columns == null) {
      throw new IllegalArgumentException("columns must not be null; use CsvColumns.defaults()");
    }
    Settings s = settings;
    return new ReadArticles(
        files, new Settings(s.maxRecordBytes(), s.maxTextChars(), s.format(), columns, s.outlets()));
  }

  /** Names outlets from hosts with this table (default: no mappings, registrable domains). */
  public ReadArticles withOutlets(OutletTable outlets) {
    if (outlets == null) {
      throw new IllegalArgumentException("outlets must not be null; use OutletTable.empty()");
    }
    Settings s = settings;
    return new ReadArticles(
        files, new Settings(s.maxRecordBytes(), s.maxTextChars(), s.format(), s.csvColumns(), outlets));
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple parsed =
        begin
            .apply(
                "ListFiles",
                Create.of(files).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply("OneFilePerWorker", Reshuffle.viaRandomKey())
            .apply(
                "ParseFiles",
                ParDo.of(new ReadFileFn(settings))
                    .withOutputTags(
                        ARTICLES, TupleTagList.of(REJECTS).and(RECORDS_READ).and(SKIPPED)));
    PCollection<Article> spread =
        parsed
            .get(ARTICLES)
            .apply("SpreadArticles", Reshuffle.<Article>viaRandomKey().withNumBuckets(SPREAD_BUCKETS));
    parsed.get(RECORDS_READ).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    parsed.get(SKIPPED).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return PCollectionTuple.of(ARTICLES, spread)
        .and(REJECTS, parsed.get(REJECTS))
        .and(RECORDS_READ, parsed.get(RECORDS_READ))
        .and(SKIPPED, parsed.get(SKIPPED));
  }

  /** Opens one file in its format and routes what its reader yields. */
  static final class ReadFileFn extends DoFn<KV<String, String>, Article> {
    private final Counter recordsRead = Metrics.counter(ReadArticles.class, "records_read");
    private final Counter articlesRead = Metrics.counter(ReadArticles.class, "articles_read");
    private final Counter rejected = Metrics.counter(ReadArticles.class, "rejected");
    private final Counter skipped = Metrics.counter(ReadArticles.class, "warc_skipped");
    private final Settings settings;
    private transient ArticleJsonParser parser;
    private transient ArticleFactory factory;

    ReadFileFn(Settings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      parser =
          ArticleJsonParser.create()
              .withMaxTextChars(settings.maxTextChars())
              .withOutlets(settings.outlets());
      factory = ArticleFactory.of(settings.outlets(), settings.maxTextChars());
    }

    @ProcessElement
    public void process(@Element KV<String, String> file, MultiOutputReceiver out) {
      String path = file.getKey();
      String source = file.getValue();
      long records = 0;
      Map<String, Long> skippedKinds = new TreeMap<>();
      try {
        MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(path);
        Opened opened = open(meta, path, settings.format());
        try (InputStream in = opened.in()) {
          ArticleSource reader = reader(opened, source);
          ReadOutcome o;
          while ((o = reader.next()) != null) {
            if (o.article() != null) {
              records++;
              articlesRead.inc();
              out.get(ARTICLES).output(o.article());
            } else if (o.reject() != null) {
              records++;
              reject(out, o.reject());
            } else {
              skipped.inc();
              skippedKinds.merge(SKIPPED_PREFIX + o.skippedKind(), 1L, Long::sum);
            }
          }
        }
        if (records == 0 && skippedKinds.isEmpty()) {
          records = 1;
          reject(
              out,
              new Reject(
                  source,
                  "",
                  "empty_file",
                  "the file holds no records; check that it is the intended input",
                  ""));
        }
      } catch (IOException | RuntimeException e) {
        // The file could not be opened or decompressed at all: one reject for the whole file.
        records++;
        reject(
            out,
            new Reject(
                source,
                "",
                "unreadable_file",
                e.getClass().getSimpleName()
                    + ": "
                    + e.getMessage()
                    + "; check that the file exists, is readable and matches its extension"
                    + " and --format",
                ""));
      }
      recordsRead.inc(records);
      out.get(RECORDS_READ).output(KV.of(source, records));
      for (Map.Entry<String, Long> e : skippedKinds.entrySet()) {
        out.get(SKIPPED).output(KV.of(e.getKey(), e.getValue()));
      }
    }

    /** An open file with the format it is read in. */
    private record Opened(InputStream in, InputFormat format, boolean gzipMembers) {}

    /**
     * Opens the file: raw for a gzip WARC (its members are read one by one), decompressed by
     * extension otherwise, with its format decided (by option, extension or first bytes).
     */
    private static Opened open(MatchResult.Metadata meta, String path, InputFormat requested)
        throws IOException {
      InputFormat byName = InputFormat.resolve(requested, path, null, 0);
      if (byName == InputFormat.WARC && InputFormat.isGzipWarc(path)) {
        return new Opened(Channels.newInputStream(FileSystems.open(meta.resourceId())), byName, true);
      }
      BufferedInputStream in =
          new BufferedInputStream(
              Channels.newInputStream(
                  Compression.detect(path).readDecompressed(FileSystems.open(meta.resourceId()))),
              64 * 1024);
      if (byName != InputFormat.AUTO) {
        return new Opened(in, byName, false);
      }
      byte[] head = new byte[InputFormat.SNIFF_BYTES];
      in.mark(head.length);
      int n = in.readNBytes(head, 0, head.length);
      in.reset();
      return new Opened(in, InputFormat.sniff(head, n), false);
    }

    private ArticleSource reader(Opened file, String source) {
      int max = settings.maxRecordBytes();
      switch (file.format()) {
        case WARC:
          return new WarcArticleReader(file.in(), file.gzipMembers(), source, factory, max);
        case CSV:
          return new CsvArticleReader(file.in(), source, settings.csvColumns(), factory, max);
        default:
          return new JsonLinesArticleReader(file.in(), source, parser, max);
      }
    }

    private void reject(MultiOutputReceiver out, Reject r) {
      rejected.inc();
      out.get(REJECTS).output(r);
    }
  }
}
