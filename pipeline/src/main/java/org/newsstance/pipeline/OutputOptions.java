package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where and how results are written. */
public interface OutputOptions extends PipelineOptions {
  @Description(
      "Output folder for outlet_week.csv, articles.csv, sentences.csv, rejects.csv,"
          + " report.html, manifest.json (and coding_sample.csv). Created if missing; files appear"
          + " only when the run has succeeded.")
  @Validation.Required
  @Default.String("out")
  String getOutput();

  void setOutput(String value);

  @Description("Cells of outlet_week.csv with fewer relevant articles than this get low_n=true.")
  @Default.Integer(5)
  Integer getMinArticles();

  void setMinArticles(Integer value);

  @Description(
      "Write CSVs for Excel: UTF-8 with a byte-order mark and CRLF line endings (default: plain"
          + " UTF-8 with LF).")
  @Default.Boolean(false)
  Boolean getExcel();

  void setExcel(Boolean value);

  @Description(
      "Draw a validation sample of this many sentences into coding_sample.csv: stratified by"
          + " outlet x dimension x machine label, with empty columns for a human coder. 0 = no"
          + " sample. Score the coded file with scripts/evaluate.sh --against=coding_sample.csv.")
  @Default.Integer(0)
  Integer getCodingSample();

  void setCodingSample(Integer value);

  @Description(
      "Seed of the coding sample: the same seed gives the same sample on every runner; change it"
          + " to draw a different one.")
  @Default.Long(20250101L)
  Long getCodingSampleSeed();

  void setCodingSampleSeed(Long value);

  @Description(
      "Write report.html, a self-contained visual report of the run (charts, tables and evidence"
          + " sentences; opens from disk).")
  @Default.Boolean(true)
  Boolean getReport();

  void setReport(Boolean value);

  @Description(
      "Do not print the progress line while the pipeline runs (the summary at the end is still"
          + " printed).")
  @Default.Boolean(false)
  Boolean getQuiet();

  void setQuiet(Boolean value);
}
