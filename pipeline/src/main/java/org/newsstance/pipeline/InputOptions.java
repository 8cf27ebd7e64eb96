package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where articles come from and how hostile records are bounded. */
public interface InputOptions extends PipelineOptions {
  @Description(
      "Input articles: a file, a directory (its data files: .jsonl .json .ndjson .txt, optionally"
          + " .gz/.bz2) or a glob; several separated by commas.")
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
      "Input records (lines) longer than this many bytes are rejected as record_too_large"
          + " without being held in memory.")
  @Default.Integer(8 * 1024 * 1024)
  Integer getMaxRecordBytes();

  void setMaxRecordBytes(Integer value);

  @Description(
      "Line-removal rules file (name<TAB>regex<TAB>description); empty = the bundled"
          + " datasets/cleaning/boilerplate-patterns.tsv.")
  @Default.String("")
  String getCleaningRules();

  void setCleaningRules(String value);
}
