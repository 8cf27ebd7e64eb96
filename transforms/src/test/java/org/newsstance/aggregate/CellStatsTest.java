package org.newsstance.aggregate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

class CellStatsTest {
  private static final double DEAD_ZONE = 0.1;

  @Test
  void countsVolumeRelevanceAndLabels() {
    CellStats s =
        CellStats.relevantArticle(3, 0.5, DEAD_ZONE)
            .plus(CellStats.relevantArticle(1, -0.4, DEAD_ZONE))
            .plus(CellStats.relevantArticle(2, 0.05, DEAD_ZONE))
            .plus(CellStats.irrelevantArticle());
    assertThat(s.articles(), is(4L));
    assertThat(s.relevantArticles(), is(3L));
    assertThat(s.relevantSentences(), is(6L));
    assertThat(s.pro(), is(1L));
    assertThat(s.anti(), is(1L));
    assertThat(s.neutral(), is(1L));
    assertThat(s.mean(), closeTo((0.5 - 0.4 + 0.05) / 3, 1e-12));
  }

  @Test
  void tIntervalMatchesHandComputation() {
    // scores 0.2, 0.4, 0.6: mean 0.4, sd 0.2, n 3, t(0.95, 2) = 4.302653
    CellStats s =
        CellStats.relevantArticle(1, 0.2, DEAD_ZONE)
            .plus(CellStats.relevantArticle(1, 0.4, DEAD_ZONE))
            .plus(CellStats.relevantArticle(1, 0.6, DEAD_ZONE));
    double half = 4.302653 * 0.2 / Math.sqrt(3);
    double[] ci = s.confidenceInterval(0.95);
    assertThat(s.standardDeviation(), closeTo(0.2, 1e-9));
    assertThat(ci[0], closeTo(0.4 - half, 1e-6));
    assertThat(ci[1], closeTo(0.4 + half, 1e-6));
  }

  @Test
  void intervalIsClampedToTheScoreRange() {
    CellStats s =
        CellStats.relevantArticle(1, 1.0, DEAD_ZONE).plus(CellStats.relevantArticle(1, -0.2, DEAD_ZONE));
    double[] ci = s.confidenceInterval(0.95);
    assertThat(ci[0], is(-1.0));
    assertThat(ci[1], is(1.0));
  }

  @Test
  void noIntervalBelowTwoArticles() {
    assertThat(CellStats.relevantArticle(1, 0.3, DEAD_ZONE).confidenceInterval(0.95), is(nullValue()));
    assertThat(Double.isNaN(CellStats.irrelevantArticle().mean()), is(true));
  }

  @Test
  void mergeOrderDoesNotChangeTheResult() {
    CellStats a = CellStats.relevantArticle(1, 0.123457, DEAD_ZONE);
    CellStats b = CellStats.relevantArticle(2, -0.987654, DEAD_ZONE);
    CellStats c = CellStats.relevantArticle(1, 0.333333, DEAD_ZONE);
    assertThat(a.plus(b).plus(c), is(c.plus(a).plus(b)));
    assertThat(a.plus(b.plus(c)).mean(), is(b.plus(c).plus(a).mean()));
  }
}
