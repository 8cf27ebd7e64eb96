package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new dimension is one data file: copy the lexicons, drop in sanctions.tsv, score. */
class AddDimensionTest {

  @TempDir Path dir;

  private void copyBuiltInLexicons() throws IOException {
    ClassLoader cl = getClass().getClassLoader();
    byte[] index = read(cl, ScoringResources.CLASSPATH_ROOT + "index.tsv");
    Files.write(dir.resolve("index.tsv"), index);
    for (String line : new String(index, StandardCharsets.UTF_8).lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String file = line.split("\t")[1];
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      Files.write(target, read(cl, ScoringResources.CLASSPATH_ROOT + file));
    }
    Files.write(dir.resolve("sanctions.tsv"),
        read(cl, "org/newsstance/scoring/AddDimensionTest/sanctions.tsv"));
  }

  private static byte[] read(ClassLoader cl, String name) throws IOException {
    try (InputStream in = cl.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void extraFileIsAScoredDimension() throws IOException {
    copyBuiltInLexicons();
    ScoringResources r = ScoringResources.shared(dir.toString());
    assertEquals(List.of("unity", "burden", "sanctions"), r.dimensions());
    assertTrue(!r.lexiconVersion().equals(ScoringResources.shared().lexiconVersion()));

    StanceScorer scorer = new StanceScorer(r);
    List<List<SentenceScore>> out = scorer.scoreArticle(List.of(
        "EU ministers agreed to tighten sanctions on Moscow.",
        "Hungary said the sanctions were ineffective and should not be extended.",
        "The alliance remains united."));
    SentenceScore first = out.get(0).get(2);
    assertEquals("sanctions", first.dimension());
    assertTrue(first.relevant());
    assertEquals(1, first.label());
    assertEquals(-1, out.get(1).get(2).label());
    assertFalse(out.get(2).get(2).relevant());
    // the shared modifiers apply to the new dimension too
    assertTrue(out.get(1).get(2).cues().contains("neg:not"), out.get(1).get(2).cues().toString());
    // no gold labels for it in the training split: scored by the dictionary alone, while the
    // built-in dimensions are combined with their models
    assertFalse(r.combiner().hasModel(2));
    assertTrue(r.combiner().hasModel(0));
    List<List<SentenceScore>> dictionaryOnly =
        new StanceScorer(r.withSetting("model", 0)).scoreArticle(List.of(
            "EU ministers agreed to tighten sanctions on Moscow.",
            "Hungary said the sanctions were ineffective and should not be extended.",
            "The alliance remains united."));
    for (int i = 0; i < 3; i++) {
      assertEquals(dictionaryOnly.get(i).get(2), out.get(i).get(2));
    }
  }

  @Test
  void indexLineFixesTheOrder() throws IOException {
    copyBuiltInLexicons();
    String index = Files.readString(dir.resolve("index.tsv"));
    Files.writeString(dir.resolve("index.tsv"),
        index.replace("dimension\tunity.tsv\n", "dimension\tsanctions.tsv\ndimension\tunity.tsv\n"));
    ScoringResources r = ScoringResources.shared(dir.toString());
    assertEquals(List.of("sanctions", "unity", "burden"), r.dimensions());
  }
}
