package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.newsstance.io.InputFormat;

/** Where articles come from and how hostile records are bounded. */
public interface InputOptions extends PipelineOptions {
  @Description(
      "Input articles: a file, a directory (its data files: .jsonl .json .ndjson .jl .txt .csv"
          + " .tsv .warc, optionally .gz/.bz2) or a glob; several separated by commas.")
  @Validation.Required
  @Default.String("datasets/sample")
  String getInput();

  void setInput(String value);

  @Description(
      "Article texts longer than this many characters are rejected as record_too_large.")
  @Default.Integer(2_000_000)
  Integer getMaxTextChars();

  void setMaxTextChars(Integer value);

  @Description(
      "Input records (lines, CSV records, WARC HTTP bodies) longer than this many bytes are"
          + " rejected as record_too_large without being held in memory.")
  @Default.Integer(8 * 1024 * 1024)
  Integer getMaxRecordBytes();

  void setMaxRecordBytes(Integer value);

  @Description(
      "Input format: auto (per file, by extension, else by content: WARC/1. is WARC, a leading {"
          + " or [ is JSON, anything else CSV), jsonl, csv or warc. JSON is JSON lines, or one"
          + " document (an indented object, an array of objects) when it starts with [ or a lone"
          + " { line and is not named .jsonl, .ndjson or .jl.")
  @Default.Enum("AUTO")
  InputFormat getFormat();

  void setFormat(InputFormat value);

  @Description(
      "CSV columns that hold the article fields, as field=column pairs, e.g."
          + " text=body,published=date,outlet=source,title=headline,url=link. Fields: text, url,"
          + " outlet, published, title, id, language; a field not named is read from the column of"
          + " its own name when there is one. Empty = every field from its own column.")
  @Default.String("")
  String getCsvColumns();

  void setCsvColumns(String value);

  @Description(
      "JSON keys that hold the article fields, as field=key pairs, e.g."
          + " text=content,published=publishedAt,outlet=source.name (a dotted key that is not a key"
          + " itself is a path into nested objects). Fields as for --csvColumns; a field not named"
          + " is read from the key of its own name (text also from news-please's maintext)."
          + " Empty = every field from its own key.")
  @Default.String("")
  String getJsonFields();

  void setJsonFields(String value);

  @Description(
      "The key under which a top-level JSON object (an API page) holds the array of records,"
          + " e.g. articles for NewsAPI's {\"status\":\"ok\",\"articles\":[...]}, or a dotted"
          + " path through nested objects, e.g. response.results for the Guardian's API; the page's"
          + " other members are ignored. Pages may be pretty-printed, minified, or one per line."
          + " Top-level objects without it are records. Empty = none.")
  @Default.String("")
  String getJsonRecords();

  void setJsonRecords(String value);

  @Description(
      "Outlet table (CSV with header domain,outlet) naming outlets from hosts; empty = the bundled"
          + " datasets/outlets.csv. Hosts not in it give their registrable domain (bbc.co.uk).")
  @Default.String("")
  String getOutlets();

  void setOutlets(String value);

  @Description(
      "Line-removal rules file (name<TAB>regex<TAB>description); empty = the bundled"
          + " datasets/cleaning/boilerplate-patterns.tsv.")
  @Default.String("")
  String getCleaningRules();

  void setCleaningRules(String value);
}
