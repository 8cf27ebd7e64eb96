package org.newsstance.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Every option of a newsstance run; the runner's own options come on top. */
public interface NewsstanceOptions extends InputOptions, ScoringOptions, OutputOptions, DeduplicationOptions {}
