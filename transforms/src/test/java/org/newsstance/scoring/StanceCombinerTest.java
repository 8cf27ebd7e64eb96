package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped combination of the dictionary and the maxent models (stance trained on dev,
 * relevance on dev and dev3).
 */
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
    assertEquals(446, c.trainingSentences(),
        "the stance model: datasets/gold/dev.tsv only, not dev2 or dev3");
    assertEquals(446 + 269, c.relevanceTrainingSentences(),
        "the relevance model: dev.tsv and dev3.tsv, never dev2");
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
  void cuesComeFromTheDictionaryAndOnlyTheRelevanceModelChangesRelevance() {
    List<List<SentenceScore>> dict = ScorerTestSupport.DICTIONARY.scoreArticle(ARTICLE);
    List<List<SentenceScore>> shipped = ScorerTestSupport.SCORER.scoreArticle(ARTICLE);
    int combined = 0;
    for (int i = 0; i < ARTICLE.size(); i++) {
      for (int d = 0; d < dict.get(i).size(); d++) {
        SentenceScore x = dict.get(i).get(d);
        SentenceScore y = shipped.get(i).get(d);
        if (!y.relevant()) {
          if (x.relevant()) {
            // vetoed by the relevance model or the article topic model: the dictionary's cues,
            // then the probability under its threshold
            assertEquals(x.cues(), y.cues().subList(0, x.cues().size()));
            assertEquals(x.cues().size() + 1, y.cues().size(), y.cues().toString());
            String p = y.cues().get(x.cues().size());
            if (p.startsWith("topic:model=")) {
              assertTrue(Double.parseDouble(p.substring(12)) < StanceCombiner.TOPIC_MIN, p);
            } else {
              assertTrue(p.startsWith("relevance:model="), p);
              assertTrue(Double.parseDouble(p.substring(16)) < StanceCombiner.RELEVANCE_VETO, p);
            }
            assertEquals(0.0, y.score());
            assertEquals(0, y.label());
            continue;
          }
          assertEquals(x, y, "a sentence nobody found relevant is left alone");
          continue;
        }
        combined++;
        // the dictionary's cues, then (when promoted) the relevance model's, the model's
        // probabilities and (when gated) the gate
        assertEquals(x.cues(), y.cues().subList(0, x.cues().size()));
        List<String> added = y.cues().subList(x.cues().size(), y.cues().size());
        int k = 0;
        if (!x.relevant()) {
          assertTrue(added.get(k++).startsWith("relevance:model="), y.cues().toString());
        }
        assertTrue(added.get(k++).startsWith("model:-1/0/+1="), y.cues().toString());
        if (k < added.size()) {
          assertEquals("gate:dictionary", added.get(k++), y.cues().toString());
          assertEquals(x.score(), y.score());
          assertEquals(x.label(), y.label());
        }
        assertEquals(added.size(), k, y.cues().toString());
        assertTrue(y.score() >= -1 && y.score() <= 1);
        assertTrue(y.label() >= -1 && y.label() <= 1);
      }
    }
    assertTrue(combined >= 5, "the article has relevant sentences");
    assertFalse(shipped.get(4).get(0).relevant(), "football is off-topic");
    assertFalse(shipped.get(4).get(1).relevant(), "football is off-topic");
  }

  @Test
  void gateKeepsTheDictionaryWhenTheModelIsUnsure() {
    SentenceScore dict = new SentenceScore("unity", true, 0.6, 1, List.of("+united(1.00)"));
    SentenceScore unsure = StanceCombiner.gate(dict, new double[] {0.2, 0.45, 0.35});
    assertEquals(0.6, unsure.score(), 1e-9);
    assertEquals(1, unsure.label(), "top probability 0.45 < 0.5: the dictionary's label");
    assertEquals(List.of("+united(1.00)", "model:-1/0/+1=0.20/0.45/0.35", "gate:dictionary"),
        unsure.cues());
    SentenceScore sure = StanceCombiner.gate(dict, new double[] {0.6, 0.3, 0.1});
    assertEquals(StanceCombiner.combine(dict, new double[] {0.6, 0.3, 0.1}), sure);
    assertEquals(-1, sure.label(), "top probability 0.6 >= 0.5: the model's label");
    assertEquals(StanceCombiner.combine(dict, new double[] {0.5, 0.3, 0.2}),
        StanceCombiner.gate(dict, new double[] {0.5, 0.3, 0.2}), "the gate is strict");
    SentenceScore irrelevant = new SentenceScore("unity", false, 0.0, 0, List.of());
    assertEquals(irrelevant, StanceCombiner.gate(irrelevant, new double[] {0.4, 0.3, 0.3}));
  }

  @Test
  void promoteMakesARelevantSentenceWithTheModelsLabel() {
    SentenceScore dict = new SentenceScore("burden", false, 0.0, 0,
        List.of("no-target", "+step up"));
    SentenceScore x = StanceCombiner.promote(dict, 0.42, new double[] {0.1, 0.3, 0.6});
    assertTrue(x.relevant());
    assertEquals(0.5, x.score(), 1e-9);
    assertEquals(1, x.label());
    assertEquals(List.of("no-target", "+step up", "relevance:model=0.42",
        "model:-1/0/+1=0.10/0.30/0.60"), x.cues());
    // asked only about irrelevant sentences with dictionary evidence, in an on-topic article or
    // with stance cues of their own; a weak target alone ("the bloc", marked no-target) needs the
    // article's context, and a sentence with no evidence at all is never asked
    assertTrue(StanceCombiner.mayPromote(dict, false));
    SentenceScore bare = new SentenceScore("burden", false, 0.0, 0, List.of());
    assertFalse(StanceCombiner.mayPromote(bare, false));
    assertFalse(StanceCombiner.mayPromote(bare, true));
    SentenceScore weakTarget = new SentenceScore("unity", false, 0.0, 0, List.of("no-target"));
    assertFalse(StanceCombiner.mayPromote(weakTarget, false));
    assertTrue(StanceCombiner.mayPromote(weakTarget, true));
    assertFalse(StanceCombiner.mayPromote(
        new SentenceScore("burden", true, 0.5, 1, List.of("+x")), true));
  }

  @Test
  void vetoMakesAnIrrelevantSentenceAndKeepsTheEvidence() {
    SentenceScore dict = new SentenceScore("unity", true, -0.7, -1,
        List.of("target:alliance", "-strains(0.80)"));
    SentenceScore x = StanceCombiner.veto(dict, 0.123);
    assertFalse(x.relevant());
    assertEquals(0.0, x.score());
    assertEquals(0, x.label());
    assertEquals(List.of("target:alliance", "-strains(0.80)", "relevance:model=0.12"), x.cues());
  }

  @Test
  void offTopicMakesAnIrrelevantSentenceAndKeepsTheEvidence() {
    SentenceScore dict = new SentenceScore("unity", true, 0.5, 1,
        List.of("target:article 5", "+protection(0.30)"));
    SentenceScore x = StanceCombiner.offTopic(dict, 0.314);
    assertFalse(x.relevant());
    assertEquals(0.0, x.score());
    assertEquals(0, x.label());
    assertEquals(List.of("target:article 5", "+protection(0.30)", "topic:model=0.31"), x.cues());
  }

  @Test
  void theTopicModelAbstainsOnArticlesShorterThanItWasTrainedOn() {
    // one sentence is too little text for the article topic model: the sentence-level decisions
    // stand (the same sentence inside a long off-topic article could be put off topic)
    List<List<SentenceScore>> one =
        ScorerTestSupport.SCORER.scoreArticle(List.of("The Alliance is more united than ever."));
    assertTrue(one.get(0).get(0).relevant(), one.toString());
    assertEquals(1, one.get(0).get(0).label(), one.toString());
    assertFalse(one.get(0).get(0).cues().stream().anyMatch(c -> c.startsWith("topic:")));
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
    // cue weights too (StanceScorer prints them the same way): above 1, halves of a hundredth,
    // and products of the weights and factors the lexicons use
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      double w = i < 2_000 ? i * 0.005 : random.nextDouble() * 5 * (random.nextBoolean() ? 1 : 0.35);
      assertEquals(String.format(java.util.Locale.ROOT, "%.2f", w), StanceCombiner.twoDecimals(w),
          String.valueOf(w));
    }
  }

  @Test
  void settingModelZeroIsTheDictionaryAlone() {
    ScoringResources off = ScoringResources.shared().withSetting("model", 0);
    assertEquals(ScorerTestSupport.DICTIONARY.scoreArticle(ARTICLE),
        new StanceScorer(off).scoreArticle(ARTICLE));
  }
}
