package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example table of CODEBOOK.md, each sentence scored as a one-sentence article: the
 * dictionary (whose cues are the reported evidence) must get every row right; the shipped
 * combination is held to the same rows, except where listed in {@link #SHIPPED_KNOWN_ERRORS}.
 */
class CodebookExamplesTest {

  @ParameterizedTest(name = "{0} -> unity {1}, burden {2}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          Leaders pledged that an attack on one ally would be met by all of them.        |  1 |  0
          Officials privately doubt Washington would come to the Baltics' aid.            | -1 |  0
          The minister said the alliance had never been more united.                      |  1 |  0
          The summit ended without a joint statement amid open quarrels.                  | -1 |  0
          Warsaw will raise its defence budget to 4 % of GDP next year.                   |  0 |  1
          Several capitals called the new target unrealistic and unaffordable.            |  0 | -1
          Critics say some members have freeloaded on American protection for decades.   |  0 |  1
          Spending rose by 11 % across European members last year.                        |  0 |  0
          The allies agreed to share the costs more fairly so they can stand together.   |  1 |  1
          The striker scored twice in the second half.                                    |  0 |  0
          """)
  void codebookTable(String sentence, int unity, int burden) {
    assertEquals(unity, ScorerTestSupport.dictionaryOne("unity", sentence).label(), "unity");
    assertEquals(burden, ScorerTestSupport.dictionaryOne("burden", sentence).label(), "burden");
    for (String dim : List.of("unity", "burden")) {
      int expected = dim.equals("unity") ? unity : burden;
      int shipped = ScorerTestSupport.one(dim, sentence).label();
      if (SHIPPED_KNOWN_ERRORS.contains(dim + "|" + sentence)) {
        // documented in docs/SCORING.md; fails here once the model gets it right, so the list
        // shrinks instead of hiding a fix
        assertNotEquals(expected, shipped, dim + " (known error of the combination)");
      } else {
        assertEquals(expected, shipped, dim + " (shipped combination)");
      }
    }
  }

  /**
   * Codebook rows the shipped combination gets wrong (the model, trained on 446 dev sentences,
   * overrules a correct dictionary label): {@code dimension|sentence}.
   */
  static final Set<String> SHIPPED_KNOWN_ERRORS = Set.of(
      "unity|Critics say some members have freeloaded on American protection for decades.");

  @ParameterizedTest
  @CsvSource({"unity", "burden"})
  void offTopicSentenceIsNotRelevant(String dim) {
    SentenceScore s = ScorerTestSupport.one(dim, "The striker scored twice in the second half.");
    assertFalse(s.relevant());
    assertEquals(0.0, s.score());
  }
}
