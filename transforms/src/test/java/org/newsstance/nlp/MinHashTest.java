package org.newsstance.nlp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayWithSize;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import org.junit.jupiter.api.Test;

/** The threshold against the edits the issue names, on a realistic wire story. */
class MinHashTest {
  static final String STORY = SampleStories.STORY;
  static final String SAME_TOPIC = SampleStories.SAME_TOPIC;

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
    assertNear(SampleStories.trimmed());
  }

  @Test
  void aFewChangedWordsAreANearDuplicate() {
    assertNear(SampleStories.edited());
  }

  @Test
  void aRewrittenLeadParagraphIsANearDuplicate() {
    String edited =
        "Alliance ministers met in Brussels to discuss sharing the cost of air defence.\n\n"
            + STORY.substring(STORY.indexOf("\n\n") + 2);
    assertNear(edited);
  }

  @Test
  void aRewrittenLeadAndACutEndTogetherFallBelowTheThreshold() {
    // Documented limit (docs/DUPLICATES.md): a third of the text changed is a different version.
    String edited =
        "Alliance ministers met in Brussels to discuss sharing the cost of air defence.\n\n"
            + STORY.substring(STORY.indexOf("\n\n") + 2, STORY.lastIndexOf("\n\n"));
    assertThat(MinHash.nearDuplicates(MinHash.signature(STORY), MinHash.signature(edited)), is(false));
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
