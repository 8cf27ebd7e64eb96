package org.newsstance.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodingSampleTest {
  private static List<CodingSample.Candidate> stratum(String name, int size, long seed) {
    List<CodingSample.Candidate> l = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      l.add(new CodingSample.Candidate(
          name, CodingSample.rank(seed, name + "-a" + i, 1), name + "-a" + i, "row " + name + i));
    }
    return l;
  }

  @Test
  void rankIsAPureFunctionOfSeedArticleAndSentence() {
    assertThat(CodingSample.rank(7, "a1", 3), is(CodingSample.rank(7, "a1", 3)));
    assertThat(CodingSample.rank(7, "a1", 3), not(CodingSample.rank(8, "a1", 3)));
    assertThat(CodingSample.rank(7, "a1", 3), not(CodingSample.rank(7, "a1", 4)));
  }

  @Test
  void equalAllocationGivesUnusedSharesOfSmallStrataToTheOthers() {
    Map<String, List<CodingSample.Candidate>> strata = new LinkedHashMap<>();
    strata.put("big", stratum("big", 20, 1));
    strata.put("small", stratum("small", 1, 1));
    strata.put("mid", stratum("mid", 4, 1));
    List<CodingSample.Candidate> s = CodingSample.allocate(strata, 10);
    Map<String, Integer> per = new LinkedHashMap<>();
    for (CodingSample.Candidate c : s) {
      per.merge(c.stratum(), 1, Integer::sum);
    }
    assertThat(s.size(), is(10));
    assertThat(per.get("small"), is(1));
    assertThat(per.get("mid"), is(4));
    assertThat(per.get("big"), is(5));
  }

  @Test
  void aSentenceInTwoStrataIsDrawnOnceAndTheDrawIsOrderIndependent() {
    CodingSample.Candidate shared1 = new CodingSample.Candidate("a", 1, "same", "r1");
    CodingSample.Candidate shared2 = new CodingSample.Candidate("b", 1, "same", "r2");
    Map<String, List<CodingSample.Candidate>> strata = new LinkedHashMap<>();
    strata.put("b", List.of(new CodingSample.Candidate("b", 5, "b5", "x"), shared2));
    strata.put("a", List.of(shared1, new CodingSample.Candidate("a", 9, "a9", "y")));
    List<CodingSample.Candidate> s = CodingSample.allocate(strata, 3);
    assertThat(s.size(), is(3));
    assertThat(new HashSet<>(s.stream().map(CodingSample.Candidate::sentenceId).toList()).size(), is(3));
    Map<String, List<CodingSample.Candidate>> reversed = new LinkedHashMap<>();
    reversed.put("a", strata.get("a"));
    reversed.put("b", strata.get("b"));
    assertThat(CodingSample.allocate(reversed, 3), is(s));
  }

  @Test
  void columnsHaveCoderColumnsAndMachineColumnsPerDimension() {
    assertThat(
        CodingSample.columns(List.of("unity", "burden")),
        contains("sample_rank", "article_id", "outlet", "url", "week_start", "sentence_no",
            "sentence", "coder_unity_label", "coder_burden_label", "coder_notes", "stratum",
            "machine_unity_score", "machine_unity_label", "machine_burden_score",
            "machine_burden_label"));
  }
}
