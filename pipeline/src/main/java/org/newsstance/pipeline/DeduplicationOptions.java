package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How duplicates and syndicated copies are counted (see docs/DUPLICATES.md). */
public interface DeduplicationOptions extends PipelineOptions {
  @Description(
      "Count each cluster of syndicated copies (the same story in several outlets) once in"
          + " outlet_week.csv: only the earliest published copy is aggregated, in its own outlet"
          + " and week. Default false: every outlet's copy counts for that outlet.")
  @Default.Boolean(false)
  Boolean getCountSyndicatedOnce();

  void setCountSyndicatedOnce(Boolean value);

  @Description(
      "How the duplicate decision runs: 'grouped' (Beam groupings over hash buckets, bounded"
          + " memory, for any corpus), 'inMemory' (one step that holds a light copy of every"
          + " article, about 2.5 kB each at its peak), or 'auto': inMemory on the DirectRunner"
          + " (whose groupings slow down with the square of the corpus), and on embedded Flink"
          + " when the input has at most as many records as fit in half the heap (about 191,000"
          + " at run-local.sh's -Xmx1g; counted by one scan of the input before the job starts); grouped"
          + " otherwise. The verdicts are the same; the manifest says which ran and why.")
  @Default.String("auto")
  String getDuplicateDecision();

  void setDuplicateDecision(String value);
}
