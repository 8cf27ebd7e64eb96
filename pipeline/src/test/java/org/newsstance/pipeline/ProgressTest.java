package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void lineShowsCountsRateAndElapsedTime() {
    assertThat(
        Progress.line(new Progress.Snapshot(12_345, 67, 8), Duration.ofSeconds(3725)),
        is("newsstance: 12,345 articles read (3/s), 67 duplicates, 8 rejected, 1:02:05 elapsed"));
  }

  @Test
  void withoutMetricsOnlyTheElapsedTimeIsShown() {
    assertThat(
        Progress.line(Progress.Snapshot.NONE, Duration.ofSeconds(75)),
        is("newsstance: running, 0:01:15 elapsed"));
    assertThat(Progress.snapshot(null), is(Progress.Snapshot.NONE));
  }
}
