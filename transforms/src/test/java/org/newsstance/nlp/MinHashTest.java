package org.newsstance.nlp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayWithSize;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import org.junit.jupiter.api.Test;

/** The threshold against the edits the issue names, on a realistic wire story. */
class MinHashTest {
  static final String STORY =
      "Defence ministers from the alliance met in Brussels on Tuesday to discuss a new plan for"
          + " sharing the cost of air defence along the eastern flank.\n\n"
          + "The proposal, drafted by the German and Polish delegations, would create a common fund"
          + " to which every member contributes according to the size of its economy.\n\n"
          + "Several smaller states said they welcomed the idea but warned that the formula must"
          + " take into account what they already spend on their own armed forces.\n\n"
          + "The secretary general said the talks had been constructive and that a decision was"
          + " expected before the summit in July, when leaders will meet in The Hague.\n\n"
          + "Officials cautioned that the fund would need approval from national parliaments,"
          + " several of which face elections next year and are wary of new spending commitments.\n\n"
          + "A spokesperson for the French ministry said Paris supported the principle but wanted"
          + " more detail on how contracts would be awarded to European manufacturers.";

  static final String SAME_TOPIC =
      "Alliance defence ministers gathered in Brussels this week, where the question of who pays"
          + " for air defence in the east dominated the agenda.\n\n"
          + "Critics argue that a common fund would reward countries that have underinvested for"
          + " years, while supporters say only pooled money can buy systems quickly enough.\n\n"
          + "Poland, which spends more than four percent of its output on the military, has"
          + " pushed hardest for the plan, diplomats said.\n\n"
          + "No agreement is expected before the July summit in The Hague, and several capitals"
          + " have asked for a detailed costing first.";

  @Test
  void identicalTextIsSimilarityOne() {
    assertThat(MinHash.similarity(MinHash.signature(STORY), MinHash.signature(STORY)), is(1.0));
  }

  @Test
  void caseAndPunctuationAndSpacingDoNotMatter() {
    String noisy = STORY.toUpperCase(java.util.Locale.ROOT).replace(",", " ;").replace(" ", "  ");
    assertThat(MinHash.similarity(MinHash.signature(STORY), MinHash.signature(noisy)), is(1.0));
  }

  @Test
  void trimmedLastParagraphIsANearDuplicate() {
    String trimmed = STORY.substring(0, STORY.lastIndexOf("\n\n"));
    assertNear(trimmed);
  }

  @Test
  void aFewChangedWordsAreANearDuplicate() {
    String edited =
        STORY
            .replace("Tuesday", "Wednesday")
            .replace("constructive", "useful")
            .replace("smaller states", "small countries")
            .replace("wary", "afraid");
    assertNear(edited);
  }

  @Test
  void aChangedLeadSentenceAndTrimIsStillANearDuplicate() {
    String edited =
        "Alliance ministers met in Brussels to discuss sharing the cost of air defence.\n\n"
            + STORY.substring(STORY.indexOf("\n\n") + 2, STORY.lastIndexOf("\n\n"));
    assertNear(edited);
  }

  @Test
  void aDifferentArticleOnTheSameTopicIsNot() {
    double s = MinHash.similarity(MinHash.signature(STORY), MinHash.signature(SAME_TOPIC));
    assertThat(s, lessThan(0.2));
    assertThat(MinHash.nearDuplicates(MinHash.signature(STORY), MinHash.signature(SAME_TOPIC)), is(false));
  }

  @Test
  void shortTextsHaveNoSignatureAndAreNeverNearDuplicates() {
    int[] sig = MinHash.signature("Subscribe to read the rest of this story.");
    assertThat(sig.length, is(0));
    assertThat(MinHash.nearDuplicates(sig, sig), is(false));
    assertThat(MinHash.bandKeys(sig), arrayWithSize(0));
  }

  @Test
  void signaturesAndBandKeysAreStableAcrossRuns() {
    // Pinned: a change here changes every cluster id and must be a deliberate, documented one.
    int[] sig = MinHash.signature(STORY);
    assertThat(sig.length, is(MinHash.HASHES));
    assertThat(MinHash.bandKeys(sig), arrayWithSize(MinHash.BANDS));
    assertThat(MinHash.bandKeys(sig)[0], is(MinHash.bandKeys(MinHash.signature(STORY))[0]));
  }

  @Test
  void nearDuplicatesShareABand() {
    String trimmed = STORY.substring(0, STORY.lastIndexOf("\n\n"));
    String[] a = MinHash.bandKeys(MinHash.signature(STORY));
    String[] b = MinHash.bandKeys(MinHash.signature(trimmed));
    boolean shared = false;
    for (int i = 0; i < a.length; i++) {
      shared |= a[i].equals(b[i]);
    }
    assertThat(shared, is(true));
  }

  private static void assertNear(String edited) {
    double s = MinHash.similarity(MinHash.signature(STORY), MinHash.signature(edited));
    assertThat("similarity " + s, s, greaterThanOrEqualTo(MinHash.THRESHOLD));
  }
}
