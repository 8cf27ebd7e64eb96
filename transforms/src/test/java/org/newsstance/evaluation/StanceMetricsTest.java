package org.newsstance.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Metrics on a tiny confusion matrix computed by hand. */
class StanceMetricsTest {

  /**
   * gold\pred  -1  0  +1
   *   -1        2  1   1
   *    0        1  3   0
   *   +1        0  1   3
   */
  private static StanceMetrics example() {
    StanceMetrics m = new StanceMetrics();
    int[][] counts = {{2, 1, 1}, {1, 3, 0}, {0, 1, 3}};
    for (int g = 0; g < 3; g++) {
      for (int p = 0; p < 3; p++) {
        for (int k = 0; k < counts[g][p]; k++) {
          m.add(g - 1, p - 1);
        }
      }
    }
    return m;
  }

  @Test
  void handComputed() {
    StanceMetrics m = example();
    assertEquals(12, m.total());
    // anti: P = 2/3, R = 2/4, F1 = 2*(2/3)(1/2)/(2/3+1/2) = 4/7
    assertEquals(2.0 / 3, m.precision(-1), 1e-12);
    assertEquals(0.5, m.recall(-1), 1e-12);
    assertEquals(4.0 / 7, m.f1(-1), 1e-12);
    // pro: P = 3/4, R = 3/4, F1 = 3/4
    assertEquals(0.75, m.f1(1), 1e-12);
    // none: P = 3/5, R = 3/4, F1 = 2/3
    assertEquals(2.0 / 3, m.f1(0), 1e-12);
    assertEquals((4.0 / 7 + 0.75) / 2, m.fAvg(), 1e-12);
    assertEquals((4.0 / 7 + 0.75 + 2.0 / 3) / 3, m.macroF1(), 1e-12);
    assertEquals(8.0 / 12, m.accuracy(), 1e-12);
  }

  @Test
  void emptyClassScoresZero() {
    StanceMetrics m = new StanceMetrics();
    m.add(0, 0);
    assertEquals(0.0, m.f1(1));
    assertEquals(0.0, m.fAvg());
    assertThrows(IllegalArgumentException.class, () -> m.add(2, 0));
  }
}
