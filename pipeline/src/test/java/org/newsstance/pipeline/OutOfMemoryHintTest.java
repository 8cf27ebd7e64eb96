package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class OutOfMemoryHintTest {
  private static NewsstanceOptions parse(String... args) {
    PipelineOptionsFactory.register(NewsstanceOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(NewsstanceOptions.class);
  }

  @Test
  void onTheDirectRunnerTheHintNamesEmbeddedFlinkAndMoreHeap() {
    String hint = NewsstanceMain.outOfMemoryHint(parse("--runner=DirectRunner"));
    assertThat(hint, containsString("--runner=FlinkRunner --flinkMaster=[local]"));
    assertThat(hint, containsString("NEWSSTANCE_JAVA_OPTS=-Xmx4g"));
    assertThat(hint, containsString("No results were published"));
  }

  @Test
  void onFlinkTheHintDoesNotSendTheUserToFlink() {
    String hint = NewsstanceMain.outOfMemoryHint(parse("--runner=FlinkRunner"));
    assertThat(hint, not(containsString("--runner=FlinkRunner")));
    assertThat(hint, containsString("TaskManager"));
  }
}
