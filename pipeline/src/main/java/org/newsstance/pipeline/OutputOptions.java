package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where and how results are written. */
public interface OutputOptions extends PipelineOptions {
  @Description(
      "Output folder for outlet_week.csv, articles.csv, sentences.csv, rejects.csv and"
          + " manifest.json. Created if missing; files appear only when the run has succeeded.")
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
}
