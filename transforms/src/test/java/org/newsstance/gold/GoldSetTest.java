package org.newsstance.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading several gold files as one training or cross-validation set. */
class GoldSetTest {

  private static final String HEADER =
      "doc_id\tsentence_no\tregister\tunity_relevant\tunity\tburden_relevant\tburden\tphenomena"
          + "\tsentence\n";

  private static GoldSet read(String source, String rows, List<String> dims) throws Exception {
    return GoldSet.readLabelled(new StringReader(HEADER + rows), source, dims);
  }

  @Test
  void concatKeepsEveryDocumentInOrderAndTheDimensionsAllSetsHave() throws Exception {
    GoldSet a = read("a.tsv", "a-1\t1\twire\t1\t1\t0\t0\t-\tAllies stand together.\n"
        + "a-1\t2\twire\t0\t0\t1\t-1\t-\tThe target is madness.\n", List.of("unity", "burden"));
    GoldSet b = read("b.tsv", "b-1\t1\twire\t1\t-1\t0\t0\t-\tThe alliance is split.\n",
        List.of("unity", "burden", "other"));
    GoldSet both = GoldSet.concat(List.of(a, b));
    assertEquals("a.tsv+b.tsv", both.source());
    assertEquals(List.of("unity", "burden"), both.dimensions());
    assertEquals(List.of("a-1", "b-1"), List.copyOf(both.documents().keySet()));
    assertEquals(List.of(1, -1, -1), both.sentences().stream()
        .map(s -> s.labels().get(s.docId().equals("b-1") ? "unity" : s.sentenceNo() == 1
            ? "unity" : "burden")).toList());
  }

  @Test
  void concatRefusesADocumentIdUsedInTwoSets() throws Exception {
    GoldSet a = read("a.tsv", "x-1\t1\twire\t1\t1\t0\t0\t-\tAllies stand together.\n",
        List.of("unity"));
    GoldSet b = read("b.tsv", "x-1\t1\twire\t1\t-1\t0\t0\t-\tThe alliance is split.\n",
        List.of("unity"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GoldSet.concat(List.of(a, b)));
    assertTrue(e.getMessage().contains("'x-1'") && e.getMessage().contains("a.tsv")
        && e.getMessage().contains("b.tsv"), e.getMessage());
  }
}
