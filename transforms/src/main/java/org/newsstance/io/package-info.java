/**
 * Reading input records into {@code model} types: {@link org.newsstance.io.LineReader} splits a
 * decompressed stream into UTF-8 lines, {@link org.newsstance.io.ArticleJsonParser} turns one JSON
 * line into an {@code Article} or a {@code Reject}, with {@link org.newsstance.io.PublishedDates}
 * and {@link org.newsstance.io.UrlCanonicalizer} normalising dates and URLs. Plain Java without
 * Beam imports, so the DoFns that call it stay thin adapters and the logic has fast unit tests. May
 * depend only on {@code org.newsstance.model} (and Jackson); the pipeline's readers depend on it.
 */
package org.newsstance.io;
