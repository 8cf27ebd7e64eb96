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
    this.lines = new LineReader(decompressed, maxRecordBytes);
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
