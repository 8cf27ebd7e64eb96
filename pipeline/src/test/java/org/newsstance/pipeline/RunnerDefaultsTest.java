package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class RunnerDefaultsTest {
  private static NewsstanceOptions applied(String... args) {
    NewsstanceOptions options = PipelineOptionsFactory.fromArgs(args).as(NewsstanceOptions.class);
    NewsstanceMain.applyRunnerDefaults(options, args);
    return options;
  }

  @Test
  void realDirectRunsSkipTheElementChecksUnlessAsked() {
    DirectOptions plain = applied("--runner=DirectRunner").as(DirectOptions.class);
    assertThat(plain.isEnforceImmutability(), is(false));
    assertThat(plain.isEnforceEncodability(), is(false));
    assertThat(plain.isBlockOnRun(), is(false));
    assertThat(plain.getTargetParallelism(), is(Runtime.getRuntime().availableProcessors() + 1));

    DirectOptions asked =
        applied(
                "--runner=DirectRunner",
                "--enforceImmutability=true",
                "--enforceEncodability=true",
                "--targetParallelism=7")
            .as(DirectOptions.class);
    assertThat(asked.getTargetParallelism(), is(7));
    assertThat(asked.isEnforceImmutability(), is(true));
    assertThat(asked.isEnforceEncodability(), is(true));
  }

  @Test
  void flinkRunsHandOnElementsWithoutCopiesUnlessAsked() {
    assertThat(applied("--runner=FlinkRunner").as(FlinkPipelineOptions.class).getFasterCopy(), is(true));
    assertThat(
        applied("--runner=FlinkRunner", "--fasterCopy=false").as(FlinkPipelineOptions.class).getFasterCopy(),
        is(false));
  }
}
