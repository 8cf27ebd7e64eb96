package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped combination of the dictionary and the maxent model trained on dev. */
class StanceCombinerTest {

  private static final List<String> ARTICLE = List.of(
      "NATO leaders gathered in The Hague on Tuesday.",
      "The allies stood shoulder to shoulder against the threat.",
      "Several capitals called the new spending target unrealistic and unaffordable.",
      "Critics warned that a quarrel over money would only hand Moscow a propaganda victory.",
      "The striker scored twice in the second half.",
      "Warsaw will raise its defence budget to 4 % of GDP next year.");

  @Test
  void trainedOnTheDevSplitForEveryBuiltInDimension() {
    StanceCombiner c = ScoringResources.shared().combiner();
    assertEquals(446, c.trainingSentences(), "datasets/gold/dev.tsv only, not dev2 or dev3");
    for (int d = 0; d < ScoringResources.shared().dimensions().size(); d++) {
      assertTrue(c.hasModel(d), ScoringResources.shared().dimensions().get(d));
    }
  }

  @Test
  void trainingIsDeterministic() {
    // Two independent trainings (a copy of the resources has its own combiner) score alike.
    ScoringResources a = ScoringResources.shared();
    ScoringResources b = a.withSetting("model", 1);
    assertNotSame(a.combiner(), b.combiner());
    assertEquals(new StanceScorer(a).scoreArticle(ARTICLE),
        new StanceScorer(b).scoreArticle(ARTICLE));
  }

  @Test
  void relevanceAndCuesComeFromTheDictionaryAndTheModelRunsOnlyOnRelevantSentences() {
    List<List<SentenceScore>> dict = ScorerTestSupport.DICTIONARY.scoreArticle(ARTICLE);
    List<List<SentenceScore>> shipped = ScorerTestSupport.SCORER.scoreArticle(ARTICLE);
    int combined = 0;
    for (int i = 0; i < ARTICLE.size(); i++) {
      for (int d = 0; d < dict.get(i).size(); d++) {
        SentenceScore x = dict.get(i).get(d);
        SentenceScore y = shipped.get(i).get(d);
        assertEquals(x.relevant(), y.relevant());
        if (!x.relevant()) {
          assertEquals(x, y, "an irrelevant sentence is left alone");
          continue;
        }
        combined++;
        // the dictionary's cues, then the model's probabilities
        assertEquals(x.cues(), y.cues().subList(0, x.cues().size()));
        assertEquals(x.cues().size() + 1, y.cues().size());
        assertTrue(y.cues().get(y.cues().size() - 1).startsWith("model:-1/0/+1="), y.cues()
            .toString());
        assertTrue(y.score() >= -1 && y.score() <= 1);
        assertTrue(y.label() >= -1 && y.label() <= 1);
      }
    }
    assertTrue(combined >= 5, "the article has relevant sentences");
    assertFalse(shipped.get(4).get(0).relevant(), "football is off-topic");
  }

  @Test
  void combineIsScoreFromProbabilitiesAndLabelFromTheMostProbableClass() {
    SentenceScore dict = new SentenceScore("unity", true, 0.6, 1, List.of("+united(1.00)"));
    SentenceScore x = StanceCombiner.combine(dict, new double[] {0.2, 0.45, 0.35});
    assertEquals(0.15, x.score(), 1e-9);
    assertEquals(0, x.label(), "0 is the most probable class");
    assertEquals(List.of("+united(1.00)", "model:-1/0/+1=0.20/0.45/0.35"), x.cues());
    assertEquals(-1, StanceCombiner.combine(dict, new double[] {0.5, 0.2, 0.3}).label());
    assertEquals(1, StanceCombiner.combine(dict, new double[] {0.1, 0.2, 0.7}).label());
    // ties: 0 first, then -1
    assertEquals(0, StanceCombiner.argmax(new double[] {0.4, 0.4, 0.2}));
    assertEquals(-1, StanceCombiner.argmax(new double[] {0.4, 0.2, 0.4}));
    SentenceScore irrelevant = new SentenceScore("unity", false, 0.0, 0, List.of());
    assertEquals(irrelevant, StanceCombiner.combine(irrelevant, new double[] {0.9, 0.05, 0.05}));
  }

  @Test
  void twoDecimalsPrintsLikeFormat() {
    for (double p : new double[] {0, 1, 0.005, 0.015, 0.125, 0.994999, 0.995, 0.333333, 0.07,
        1e-9, 0.4449999, 0.5}) {
      assertEquals(String.format(java.util.Locale.ROOT, "%.2f", p), StanceCombiner.twoDecimals(p),
          String.valueOf(p));
    }
  }

  @Test
  void settingModelZeroIsTheDictionaryAlone() {
    ScoringResources off = ScoringResources.shared().withSetting("model", 0);
    assertEquals(ScorerTestSupport.DICTIONARY.scoreArticle(ARTICLE),
        new StanceScorer(off).scoreArticle(ARTICLE));
  }
}
