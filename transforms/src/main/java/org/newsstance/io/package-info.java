/**
 * Reading input files into {@code model} types. One {@link org.newsstance.io.ArticleSource} per
 * format: {@link org.newsstance.io.JsonLinesArticleReader} ({@link org.newsstance.io.LineReader}
 * and {@link org.newsstance.io.ArticleJsonParser}), {@link org.newsstance.io.CsvArticleReader}
 * (with {@link org.newsstance.io.CsvColumns}) and {@link org.newsstance.io.WarcArticleReader}
 * (gzip members, jwarc, and {@link org.newsstance.io.HtmlArticleExtractor} on jsoup). All build
 * articles through {@link org.newsstance.io.ArticleFactory}, with {@link
 * org.newsstance.io.PublishedDates}, {@link org.newsstance.io.UrlCanonicalizer} and {@link
 * org.newsstance.io.OutletTable}, so the same story gives the same article from any format.
 * {@link org.newsstance.io.LineChunks} cuts a big uncompressed JSON Lines file into {@link
 * org.newsstance.io.FileChunk}s that workers parse in parallel with the file's own line numbers.
 * {@link org.newsstance.io.FileRecords} numbers a file's (or chunk's) outcomes so that the
 * splittable read can stop after any record and resume from scratch; {@link org.newsstance.io.OpenFileCache} keeps
 * a few files open between chunks so that resuming in the same JVM is cheap. Everything but
 * {@link org.newsstance.io.ReadArticles} is plain Java without Beam imports, so the DoFn stays a
 * thin adapter and the logic has fast unit tests. May depend only on {@code
 * org.newsstance.model} (and Jackson, commons-csv, jwarc, jsoup, slf4j, Beam's vendored Guava
 * for the public suffix list); the pipeline's readers depend on it.
 */
package org.newsstance.io;
