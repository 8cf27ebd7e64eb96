package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written feature extraction equals its regex definition (what was measured). */
class StanceModelTest {

  @Test
  void wordFeaturesEqualTheRegexSplit() {
    for (String s : List.of("NATO's allies, \"united\" -- at 2 % of GDP (2029)!",
        "  leading space", "trailing space  ", "", "%%%", "Ünïcödé ½ ² Ⅻ words… and—dashes",
        "emoji \uD83D\uDE00 and \uD835\uDC00 math letter", "broken \uD800 surrogate",
        "It's the allies’ turn; don't")) {
      Set<String> expected = new LinkedHashSet<>();
      for (String w : StanceModel.WORD_SPLIT.split(s.toLowerCase(Locale.ROOT))) {
        if (!w.isEmpty()) {
          expected.add("w:" + w);
        }
      }
      assertEquals(new ArrayList<>(expected), StanceModel.wordFeatures(s), s);
    }
  }

  @Test
  void bigramFeaturesFollowTheWordsInSentenceOrderWithoutRepeats() {
    assertEquals(List.of("w:not", "w:divided", "w:at", "w:all", "b:not_divided", "b:divided_at",
            "b:at_all", "b:all_not"),
        StanceModel.wordFeatures("Not divided, at all -- not divided!",
            StanceModel.Features.WORDS_BIGRAMS_AND_DICTIONARY));
    assertEquals(StanceModel.wordFeatures("Not divided, at all"),
        StanceModel.wordFeatures("Not divided, at all", StanceModel.Features.WORDS_AND_DICTIONARY));
  }

  @Test
  void withoutWeightsEqualsTheRegex() {
    for (String c : List.of("+united(1.00)", "-rift(0.75)[neg]", "+bickering(0.60)[warn]",
        "target:nato", "-pull out (of)(1.5)", "(12)", "x(1.)", "x(.5)", "a(1)(2.5)b", "()",
        "((1.0))")) {
      assertEquals(StanceModel.CUE_WEIGHT.matcher(c).replaceAll(""),
          StanceModel.withoutWeights(c), c);
    }
  }
}
