package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsstance.scoring.ScorerTestSupport.SCORER;
import static org.newsstance.scoring.ScorerTestSupport.dictionaryLast;
import static org.newsstance.scoring.ScorerTestSupport.dictionaryOne;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of the dictionary's rules on hand-written sentences, one linguistic phenomenon per
 * test (the rules whose cues every scorer reports and the trained model reads; the shipped
 * combination is tested in {@code StanceCombinerTest} and on the gold splits). Tests of odd input
 * and of the pre-filter use the shipped scorer.
 */
class StanceScorerTest {

  @Test
  void inflectionsAndMultiWordCuesMatch() {
    assertEquals(1, dictionaryOne("unity", "NATO allies stood shoulder to shoulder.").label());
    assertEquals(-1, dictionaryOne("unity", "NATO is deeply divided over Ukraine.").label());
    assertEquals(-1, dictionaryOne("unity", "The rifts within NATO are widening.").label());
    assertTrue(dictionaryOne("unity", "NATO's allies are united.").cues().contains("target:nato"));
  }

  @Test
  void negationFlipsWithinItsScope() {
    assertEquals(1, dictionaryOne("unity", "NATO is not divided.").label());
    assertEquals(1, dictionaryOne("unity", "The alliance isn't divided, NATO officials said.").label());
    assertEquals(-1, dictionaryOne("unity", "NATO is no longer united.").label());
    assertEquals(-1, dictionaryOne("unity", "NATO allies are no longer reliable.").label());
    assertTrue(dictionaryOne("unity", "NATO is not divided.").cues().contains("neg:not"));
  }

  @Test
  void negationStopsAtClauseBoundary() {
    SentenceScore s = dictionaryOne("unity", "Nobody expected it, not even NATO, but the allies remain united.");
    assertEquals(1, s.label());
  }

  @Test
  void neverBeenMoreIsAnIntensifierNotANegation() {
    assertEquals(1, dictionaryOne("unity", "NATO has never been more united.").label());
    assertEquals(1, dictionaryOne("unity", "NATO has never been stronger.").label());
  }

  @Test
  void hedgesShrinkMagnitudeNotSign() {
    SentenceScore plain = dictionaryOne("unity", "Washington is withdrawing troops from NATO's eastern flank.");
    SentenceScore hedged =
        dictionaryOne("unity", "Washington was reportedly considering withdrawing troops from NATO's eastern flank.");
    assertEquals(-1, plain.label());
    assertEquals(-1, hedged.label());
    assertTrue(Math.abs(hedged.score()) < Math.abs(plain.score()));
    assertTrue(hedged.cues().contains("hedge:reportedly"));
  }

  @Test
  void reportedSpeechCountsLikeOwnWords() {
    assertEquals(-1, dictionaryOne("unity", "The minister warned that NATO could fall apart.").label());
    assertEquals(1, dictionaryOne("unity", "She insisted the alliance is rock solid, NATO said.").label());
    assertEquals(1, dictionaryOne("unity", "He warned against going it alone, urging NATO allies to act.").label());
  }

  @Test
  void warningFrameTurnsDivisionIntoTheDangerWarnedAgainst() {
    SentenceScore s = dictionaryOne("unity",
        "Leaders warned that any quarrel over money would only hand Moscow a propaganda victory.");
    assertEquals(1, s.label());
    assertTrue(s.cues().contains("warn:propaganda victory"), s.cues().toString());
    assertEquals(1, dictionaryOne("unity",
        "A NATO drawdown in Romania would be a serious mistake, the minister said.").label());
    // without a warning frame the same division is reported as it stands
    assertEquals(-1, dictionaryOne("unity", "A bitter quarrel over money split the NATO summit.").label());
    // a contrast marker ends the warning's reach: the rift after "but" is reported
    SentenceScore split = dictionaryOne("unity",
        "Bickering would be a gift to Moscow, but the rift inside NATO is deep.");
    assertTrue(split.cues().stream().anyMatch(c -> c.startsWith("-rift(") && !c.endsWith("[warn]")),
        split.cues().toString());
    assertTrue(split.cues().stream().anyMatch(c -> c.startsWith("+bickering(")),
        split.cues().toString());
  }

  @Test
  void consequenceAndRefutationFramesTurnDivisionIntoTheDangerOrTheRefutedClaim() {
    assertEquals(1, dictionaryOne("unity",
        "A public quarrel among NATO allies would only embolden Moscow, the envoy said.").label());
    assertEquals(1, dictionaryOne("unity",
        "Pundits have declared NATO dead many times, and it has proved them wrong.").label());
    // Reporting the division itself stays division.
    assertEquals(-1, dictionaryOne("unity", "A public quarrel among NATO allies broke out in Brussels.")
        .label());
  }

  @Test
  void blockingDivisionIsCohesionAndBlockingCohesionIsDivision() {
    assertEquals(1, dictionaryOne("unity",
        "Senators vowed to block any attempt to pull out of NATO.").label());
    assertEquals(1, dictionaryOne("unity", "Diplomats worked through the night to avert a NATO split.")
        .label());
    assertEquals(-1, dictionaryOne("unity", "Hungary blocked a joint statement of the NATO allies.")
        .label());
  }

  @Test
  void denialOfDivisionAffirmingCohesionIsPro() {
    SentenceScore s = dictionaryOne("unity",
        "Rutte played down talk of a rift, saying NATO was stronger than ever.");
    assertEquals(1, s.label());
  }

  @Test
  void mainClauseAfterButWeighsMore() {
    assertEquals(1, dictionaryOne("unity", "There were tensions at the NATO summit, but the allies remain united.")
        .label());
    assertEquals(-1, dictionaryOne("unity", "NATO allies pledged unity, but deep divisions remain.").label());
    assertEquals(1, dictionaryOne("unity", "Despite tensions, NATO allies remain firmly united.").label());
  }

  @Test
  void weakTargetNeedsArticleContext() {
    // "the bloc" alone is nothing; after NATO is named, it is the alliance.
    assertFalse(dictionaryOne("unity", "The bloc met on Tuesday.").relevant());
    assertTrue(dictionaryLast("unity", "NATO leaders gathered in The Hague.", "The bloc met on Tuesday.")
        .relevant());
    SentenceScore later = dictionaryLast("unity", "NATO foreign ministers met in Brussels.",
        "The weather was cold.", "The alliance has rarely looked so divided.");
    assertTrue(later.relevant());
    assertEquals(-1, later.label());
  }

  @Test
  void genericCommitmentWordsDoNotCarryArticleContextAcrossDimensions() {
    String opening = "NATO ministers debated the goal of 3.5 % of GDP for defence spending.";
    // "committed" is a weak burden cue: without a burden target it is a unity sentence only.
    SentenceScore generic = dictionaryLast("burden", opening,
        "The Danish minister said her country remained fully committed.");
    assertFalse(generic.relevant(), generic.cues().toString());
    // A strong burden cue still borrows the article's context.
    assertTrue(dictionaryLast("burden", opening, "Some members have been freeloading for years.")
        .relevant());
  }

  @Test
  void offTopicUsesOfCueWordsAreNotTargets() {
    assertFalse(dictionaryOne("unity", "The airline alliance remains united on pricing.").relevant());
    assertFalse(dictionaryOne("unity", "The retail alliance said members stood together.").relevant());
    assertFalse(dictionaryOne("burden", "Billionaires should pay their fair share of taxes.").relevant());
    assertFalse(dictionaryOne("burden", "The team's defence was shaky in the second half.").relevant());
    assertFalse(dictionaryOne("burden", "The defence lawyer asked for more time.").relevant());
  }

  @Test
  void burdenPhenomena() {
    assertEquals(1, dictionaryOne("burden", "European allies must spend more on defence.").label());
    assertEquals(1, dictionaryOne("burden", "Germany is still not pulling its weight on defence spending.")
        .label());
    assertEquals(-1, dictionaryOne("burden", "The prime minister rejected the 5 % target as madness.").label());
    assertEquals(-1, dictionaryOne("burden", "Spain refused to raise defence spending.").label());
    assertEquals(0, dictionaryOne("burden", "Norway spends 2.1 % of GDP on defence.").label());
    assertEquals(1, dictionaryOne("burden", "Trump demanded that allies pay more for their defence.").label());
  }

  @Test
  void troopReductionsInNewsPhrasingAreDivision() {
    // CODEBOOK unity -1: threats to cut troops; a hedged rumour keeps its sign.
    SentenceScore rumour = dictionaryLast("unity", "NATO ministers meet in Brussels.",
        "The White House is said to be weighing pulling troops from Lithuania.");
    assertEquals(-1, rumour.label());
    assertTrue(rumour.cues().stream().anyMatch(c -> c.startsWith("-pull")),
        rumour.cues().toString());
    assertEquals(-1, dictionaryOne("unity",
        "NATO planners expect a reduction of American forces in Poland next year.").label());
  }

  @Test
  void conditionalCommitmentIsDivisionButDurativeAsLongAsIsNot() {
    assertEquals(-1, dictionaryOne("unity",
        "He said America would defend its NATO allies as long as they paid.").label());
    assertEquals(-1, dictionaryOne("unity",
        "The guarantee to NATO members holds only provided that they spend enough.").label());
    assertEquals(1, dictionaryOne("unity",
        "NATO allies will stand by Kyiv for as long as it takes, the minister said.").label());
  }

  @Test
  void reportedOppositionToSpendingResists() {
    assertEquals(-1, dictionaryOne("burden",
        "Thousands marched against higher military spending in Madrid on Saturday.").label());
    assertEquals(-1, dictionaryOne("burden",
        "The finance minister said the 3.5 % target was not compatible with the debt plan.")
        .label());
    assertEquals(-1, dictionaryOne("burden",
        "Rome will reach the defence spending goal at its own pace, the premier said.").label());
    // undoing an increase resists; undoing a decline raises
    assertEquals(-1, dictionaryOne("burden",
        "The new government will reverse the increase in defence spending.").label());
    assertEquals(1, dictionaryOne("burden",
        "The coalition vowed to reverse years of decline in defence spending.").label());
  }

  @Test
  void resultShapeFollowsDimensions() {
    List<List<SentenceScore>> r = SCORER.scoreArticle(List.of("NATO is united.", "Rain."));
    assertEquals(2, r.size());
    for (List<SentenceScore> s : r) {
      assertEquals(ScoringResources.shared().dimensions(),
          s.stream().map(SentenceScore::dimension).toList());
    }
  }

  @Test
  void neverThrowsOnOddInput() {
    char[] huge = new char[200_000];
    Arrays.fill(huge, 'a');
    for (int i = 0; i < huge.length; i += 7) {
      huge[i] = ' ';
    }
    List<String> odd = new ArrayList<>();
    odd.add("");
    odd.add(null);
    odd.add("   ");
    odd.add("NATO\u0000is\u0007 united\u001b[0m");
    odd.add("\uD800 broken surrogate NATO");
    odd.add(new String(huge) + " NATO is divided");
    odd.add("%%%% 5 % ,,, ;;; ''' ??? ...");
    odd.add("NATO " + "not ".repeat(5000) + "united");
    List<List<SentenceScore>> r = SCORER.scoreArticle(odd);
    assertEquals(odd.size(), r.size());
    for (List<SentenceScore> s : r) {
      for (SentenceScore x : s) {
        assertTrue(x.score() >= -1 && x.score() <= 1);
      }
    }
    assertTrue(SCORER.scoreArticle(null).isEmpty());
    assertTrue(SCORER.scoreArticle(List.of()).isEmpty());
  }

  @Test
  void scoresAreBoundedAndLabelFollowsThreshold() {
    double t = ScoringResources.shared().labelThreshold();
    for (String s : List.of("NATO is united.", "NATO is divided.", "NATO met today.",
        "NATO is united, strong, solid, cohesive and more united than ever.")) {
      SentenceScore x = dictionaryOne("unity", s);
      assertTrue(x.score() >= -1 && x.score() <= 1);
      assertEquals(x.score() >= t ? 1 : x.score() <= -t ? -1 : 0, x.label());
    }
  }

  @Test
  void framingCuesSurviveNegation() {
    assertEquals(1, dictionaryOne("burden", "\"Finland did not join NATO to be a passenger,\" the defence minister said.")
        .label());
    assertEquals(-1, dictionaryOne("burden", "\"We will not be bullied into an arms race on defence spending,\" he said.")
        .label());
  }

  @Test
  void bareDenialIsWeakDenialWithAffirmationIsPro() {
    assertEquals(0, dictionaryOne("unity", "The White House denied a report that the US would withdraw from NATO.")
        .label());
    assertEquals(1, dictionaryOne("unity", "The White House denied a report that the US would withdraw from NATO,"
        + " saying its commitment was stronger than ever.").label());
  }

  @Test
  void theQuestionPutIsNotTheAnswer() {
    assertEquals(1, dictionaryOne("unity", "Asked whether NATO was divided, he said the allies were united.").label());
  }

  @Test
  void ratherThanAndNoWithout() {
    assertEquals(1, dictionaryOne("unity", "Sweden chose to join NATO rather than stand alone.").label());
    assertEquals(1, dictionaryOne("unity", "There is no security in Europe without NATO, she said.").label());
  }

  @Test
  void tokenStopsDoNotMakeAnArticleOffTopic() {
    // "fell" is a token stop (a past figure), not an off-topic phrase like "airline alliance"
    SentenceScore s = dictionaryOne("burden", "Since the Berlin Wall fell, European governments pocketed the peace"
        + " dividend and left the Pentagon to pick up the tab.");
    assertTrue(s.relevant());
    assertEquals(1, s.label());
  }

  @Test
  void accentsAreFolded() {
    assertEquals(-1, dictionaryOne("unity", "The NATO summit ended without a joint communiqué.").label());
  }

  @Test
  void prefilterNeverChangesAScore() {
    StanceScorer all = new StanceScorer(ScoringResources.shared().withSetting("prefilter", 0));
    List<List<String>> articles = List.of(
        List.of("Rain is forecast for the weekend.", "Shares rose 3 % in early trading.",
            "The striker scored twice."),
        List.of("The alliance is divided.", "Spending rose by 11 %.", "NATO met in Brussels.",
            "Crowds gathered outside."),
        List.of("Critics say the allies are drifting apart.", "Taxes will rise by 2 %."),
        List.of("The airline alliance said members stood together.", "The split was bitter."));
    for (List<String> a : articles) {
      assertEquals(all.scoreArticle(a), SCORER.scoreArticle(a), a.toString());
    }
  }
}
