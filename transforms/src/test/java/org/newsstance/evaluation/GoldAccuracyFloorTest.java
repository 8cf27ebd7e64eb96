package org.newsstance.evaluation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.newsstance.gold.GoldSet;
import org.newsstance.scoring.ScoringResources;

/**
 * Accuracy never regresses silently: the bundled scorer's agreement with the held-out gold split
 * ({@code datasets/gold/test.tsv}) must stay at or above floors set just under the result when
 * they were last raised. Raise a floor when the scorer improves (on dev!); never lower one
 * without writing down why in the commit.
 *
 * <p>Measured 2026-11-27 after the generalisation pass: unity F_avg 0.528, macro-F1 0.621; burden
 * F_avg 0.490, macro-F1 0.588 (first dictionary version: unity 0.494 / 0.598). After the second
 * pass (second session): unity 0.515 / 0.614 (lower, floors kept), burden 0.490 / 0.593 (burden
 * floors raised to just under). After shipping the combination (dictionary + maxent model on
 * words and dictionary evidence, trained on dev): unity 0.529 / 0.624, burden 0.579 / 0.662;
 * all four floors raised to just under. Issue 3, training the model on dev + dev3: unity 0.564 /
 * 0.652, burden 0.550 / 0.643, under the burden floors, so not shipped and the floors kept (the
 * shipped scorer, trained on dev, still gives 0.529 / 0.624 and 0.579 / 0.662). Issue 3, second
 * round (chosen without the test split by the rule in docs/SCORING.md: class weighting, a
 * relevance model, the dictionary's label when the model is unsure): unity 0.549 / 0.641, burden
 * 0.588 / 0.667; all four floors raised to just under. Issue 3, third round (same rule:
 * offtopic_scope, a relevance veto, the relevance model on dev + dev3 and only on sentences with
 * dictionary evidence, an article topic model): unity 0.556 / 0.653, burden 0.630 / 0.709; all
 * four floors raised to just under.
 */
class GoldAccuracyFloorTest {
  private static final double UNITY_F_AVG_FLOOR = 0.55;
  private static final double UNITY_MACRO_F1_FLOOR = 0.65;
  private static final double BURDEN_F_AVG_FLOOR = 0.62;
  private static final double BURDEN_MACRO_F1_FLOOR = 0.70;

  @Test
  void testSplitAgreementStaysAboveTheFloors() throws Exception {
    ScoringResources resources = ScoringResources.shared();
    GoldSet test = GoldSet.read(RepoFiles.find("datasets/gold/test.tsv"), resources.dimensions());
    Evaluate.Result r =
        Evaluate.evaluate(test, resources, 0, new PrintStream(OutputStream.nullOutputStream()));
    assertThat("unity F_avg", r.labels().get("unity").fAvg(), greaterThanOrEqualTo(UNITY_F_AVG_FLOOR));
    assertThat(
        "unity macro-F1", r.labels().get("unity").macroF1(), greaterThanOrEqualTo(UNITY_MACRO_F1_FLOOR));
    assertThat(
        "burden F_avg", r.labels().get("burden").fAvg(), greaterThanOrEqualTo(BURDEN_F_AVG_FLOOR));
    assertThat(
        "burden macro-F1",
        r.labels().get("burden").macroF1(),
        greaterThanOrEqualTo(BURDEN_MACRO_F1_FLOOR));
  }
}
