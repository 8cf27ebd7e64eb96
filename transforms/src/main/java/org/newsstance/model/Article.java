package org.newsstance.model;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One article as read from the input, carried through cleaning and scoring.
 *
 * <p>Immutable. Strings are never null: an absent value is the empty string. {@code source} and
 * {@code position} say where the record came from (file and 1-based line number, or byte offset
 * for archive formats) and give every record a deterministic order for duplicate detection.
 *
 * @param id given id, or a stable id derived from the canonical URL or the content
 * @param outlet outlet name (given, else the URL's host without {@code www.})
 * @param url URL as given
 * @param canonicalUrl URL reduced for duplicate detection (see {@code UrlCanonicalizer})
 * @param published normalised publication time as text (UTC instant, local date-time or date);
 *     the raw value when it could not be parsed; empty when absent
 * @param publishedDate UTC calendar date {@code yyyy-MM-dd}, empty when undated
 * @param dateSource where the date came from ({@code field} for JSON/CSV inputs; archive readers
 *     use {@code meta}, {@code jsonld}, {@code time}, {@code url}, {@code crawl}); empty if undated
 * @param title title, possibly empty
 * @param text article text (raw before cleaning, cleaned after)
 * @param language ISO 639-1 code when given or detected, else empty
 * @param source the input file the record came from
 * @param position 1-based line number (or byte offset) inside {@code source}
 * @param linesRemoved number of non-prose lines removed by cleaning
 */
@DefaultCoder(ArticleCoder.class)
public record Article(
    String id,
    String outlet,
    String url,
    String canonicalUrl,
    String published,
    String publishedDate,
    String dateSource,
    String title,
    String text,
    String language,
    String source,
    long position,
    int linesRemoved) {

  public Article {
    id = nz(id);
    outlet = nz(outlet);
    url = nz(url);
    canonicalUrl = nz(canonicalUrl);
    published = nz(published);
    publishedDate = nz(publishedDate);
    dateSource = nz(dateSource);
    title = nz(title);
    text = nz(text);
    language = nz(language);
    source = nz(source);
  }

  /** A copy with different text and an updated count of removed lines. */
  public Article withCleanedText(String cleanedText, int removed) {
    return new Article(
        id, outlet, url, canonicalUrl, published, publishedDate, dateSource, title, cleanedText,
        language, source, position, removed);
  }

  /** A copy with the language set. */
  public Article withLanguage(String lang) {
    return new Article(
        id, outlet, url, canonicalUrl, published, publishedDate, dateSource, title, text, lang,
        source, position, linesRemoved);
  }

  /** True when the article has a usable publication date. */
  public boolean isDated() {
    return !publishedDate.isEmpty();
  }

  /** Deterministic input order: earlier records win when duplicates are resolved. */
  public String orderKey() {
    return source + "\u0000" + String.format(java.util.Locale.ROOT, "%020d", position);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
