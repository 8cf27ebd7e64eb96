package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** How sentences are scored. */
public interface ScoringOptions extends PipelineOptions {
  @Description(
      "Directory with the stance dictionaries (same layout as datasets/lexicons/); empty = the"
          + " bundled dictionaries.")
  @Default.String("")
  String getLexiconDir();

  void setLexiconDir(String value);
}
