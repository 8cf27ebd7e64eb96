package org.newsstance.io;

import java.io.InputStream;

/**
 * Streams a JSON Lines file into articles: {@link LineReader} frames the lines, {@link
 * ArticleJsonParser} parses each. Every non-blank line is one record. Not thread-safe; the caller
 * closes the stream.
 */
public final class JsonLinesArticleReader implements ArticleSource {
  private final LineReader lines;
  private final ArticleJsonParser parser;
  private final String source;

  public JsonLinesArticleReader(
      InputStream decompressed, String source, ArticleJsonParser parser, int maxRecordBytes) {
    this(new LineReader(decompressed, maxRecordBytes), source, parser);
  }

  /**
   * Reads the lines of one chunk of an uncompressed file ({@link FileChunk}): {@code part} holds
   * the file's bytes from {@code startOffset} (a line start) to the chunk's end, after {@code
   * linesBefore} lines. Line numbers and offsets are those of the whole file.
   */
  JsonLinesArticleReader(
      InputStream part,
      long startOffset,
      long linesBefore,
      String source,
      ArticleJsonParser parser,
      int maxRecordBytes) {
    this(new LineReader(part, maxRecordBytes, startOffset, linesBefore), source, parser);
  }

  private JsonLinesArticleReader(LineReader lines, String source, ArticleJsonParser parser) {
    this.lines = lines;
    this.parser = parser;
    this.source = source;
  }

  @Override
  public ReadOutcome next() {
    if (!lines.hasNext()) {
      return null;
    }
    ArticleJsonParser.Result r = parser.parse(lines.next(), source);
    return r.isArticle() ? ReadOutcome.of(r.article()) : ReadOutcome.of(r.reject());
  }
}
