package org.newsstance.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
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
 * Reads JSON-lines files into articles. Every record ends up in exactly one output: {@link
 * #ARTICLES} or {@link #REJECTS} (the dead letter, with file, line and reason). {@link
 * #RECORDS_READ} carries, per input file, how many records were read, so the run's manifest can
 * check that nothing disappeared.
 *
 * <p>Files are given as {@code KV<path, displayName>}: the path is opened, the display name (the
 * path as the user typed it) is what outputs show. {@code .gz}, {@code .bz2} and other Beam
 * compressions are decompressed by extension. Each file is streamed line by line; articles are
 * then redistributed so that one big file does not serialise the scoring stage.
 */
public final class ReadArticles extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<Article> ARTICLES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> RECORDS_READ = new TupleTag<>() {};

  /** Lines above this many bytes are rejected without being buffered. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

  private final List<KV<String, String>> files;
  private final int maxRecordBytes;
  private final int maxTextChars;

  private ReadArticles(List<KV<String, String>> files, int maxRecordBytes, int maxTextChars) {
    this.files = files;
    this.maxRecordBytes = maxRecordBytes;
    this.maxTextChars = maxTextChars;
  }

  /** Reads the given files: each {@code KV<path to open, name to show in outputs>}. */
  public static ReadArticles fromFiles(List<KV<String, String>> files) {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("at least one input file is needed, got none");
    }
    return new ReadArticles(
        List.copyOf(files), DEFAULT_MAX_RECORD_BYTES, ArticleJsonParser.DEFAULT_MAX_TEXT_CHARS);
  }

  /** Records longer than this many bytes are rejected as {@code record_too_large}. */
  public ReadArticles withMaxRecordBytes(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 1024, was " + bytes);
    }
    return new ReadArticles(files, bytes, maxTextChars);
  }

  /** Article texts longer than this many characters are rejected as {@code record_too_large}. */
  public ReadArticles withMaxTextChars(int chars) {
    if (chars < 1) {
      throw new IllegalArgumentException("maxTextChars must be positive, was " + chars);
    }
    return new ReadArticles(files, maxRecordBytes, chars);
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
                "ParseJsonLines",
                ParDo.of(new ParseJsonLinesFn(maxRecordBytes, maxTextChars))
                    .withOutputTags(ARTICLES, TupleTagList.of(REJECTS).and(RECORDS_READ)));
    PCollection<Article> spread =
        parsed.get(ARTICLES).apply("SpreadArticles", Reshuffle.viaRandomKey());
    parsed.get(RECORDS_READ).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return PCollectionTuple.of(ARTICLES, spread)
        .and(REJECTS, parsed.get(REJECTS))
        .and(RECORDS_READ, parsed.get(RECORDS_READ));
  }

  /** Streams one file through {@link LineReader} and {@link ArticleJsonParser}. */
  static final class ParseJsonLinesFn extends DoFn<KV<String, String>, Article> {
    private final Counter recordsRead = Metrics.counter(ReadArticles.class, "records_read");
    private final Counter articlesRead = Metrics.counter(ReadArticles.class, "articles_read");
    private final Counter rejected = Metrics.counter(ReadArticles.class, "rejected");
    private final int maxRecordBytes;
    private final int maxTextChars;
    private transient ArticleJsonParser parser;

    ParseJsonLinesFn(int maxRecordBytes, int maxTextChars) {
      this.maxRecordBytes = maxRecordBytes;
      this.maxTextChars = maxTextChars;
    }

    @Setup
    public void setup() {
      parser = ArticleJsonParser.create().withMaxTextChars(maxTextChars);
    }

    @ProcessElement
    public void process(@Element KV<String, String> file, MultiOutputReceiver out) {
      String path = file.getKey();
      String source = file.getValue();
      long records = 0;
      try {
        MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(path);
        Compression compression = Compression.detect(path);
        try (InputStream in =
            Channels.newInputStream(compression.readDecompressed(FileSystems.open(meta.resourceId())))) {
          LineReader reader = new LineReader(in, maxRecordBytes);
          while (reader.hasNext()) {
            LineReader.Line line = reader.next();
            records++;
            if (line.isError()) {
              reject(out, line.toReject(source));
              continue;
            }
            ArticleJsonParser.Result result = parser.parse(line.text(), source, line.number());
            if (result.article() != null) {
              articlesRead.inc();
              out.get(ARTICLES).output(result.article());
            } else {
              reject(out, result.reject());
            }
          }
        }
        if (records == 0) {
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
                    + "; check that the file exists, is readable and matches its extension",
                ""));
      }
      recordsRead.inc(records);
      out.get(RECORDS_READ).output(KV.of(source, records));
    }

    private void reject(MultiOutputReceiver out, Reject r) {
      rejected.inc();
      out.get(REJECTS).output(r);
    }
  }
}
