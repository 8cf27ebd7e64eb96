package org.newsstance.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsstance.gold.GoldSet;
import org.newsstance.gold.GoldSentence;
import org.newsstance.scoring.ScoringResources;

/** The comparison tool: held-out mode prints one row per method and dimension, never a sentence. */
class CrossValidateTest {

  @Test
  void holdoutPrintsEveryMethodPerDimensionAndNoSentence() throws Exception {
    Path dev = RepoFiles.find("datasets/gold/dev.tsv");
    Path heldOut = RepoFiles.find("datasets/gold/dev2.tsv");
    String out = run("--gold=" + dev, "--holdout=" + heldOut, "--iterations=10");
    List<String> dims = ScoringResources.shared().dimensions();
    for (String dim : dims) {
      for (String method : CrossValidate.METHODS) {
        assertTrue(out.lines().anyMatch(l -> l.matches(
            "\\Q" + dim + "\\E\\s+\\Q" + method + "\\E\\s+[01]\\.\\d{3}\\s+[01]\\.\\d{3}")),
            dim + " " + method + " missing in:\n" + out);
      }
    }
    long rows = out.lines().filter(l -> l.matches("\\S+\\s+\\S+\\s+[01]\\.\\d{3}\\s+[01]\\.\\d{3}"))
        .count();
    assertEquals(dims.size() * CrossValidate.METHODS.size(), rows, out);
    for (GoldSentence g : GoldSet.read(heldOut, dims).sentences()) {
      assertFalse(out.contains(g.sentence()), "held-out sentence printed: " + g.sentence());
    }
  }

  @Test
  void refusesToTuneOnTheTestSplit() {
    Path test = RepoFiles.find("datasets/gold/test.tsv");
    assertThrows(IllegalArgumentException.class, () -> run("--gold=" + test));
  }

  private static String run(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      CrossValidate.main(args);
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

}
