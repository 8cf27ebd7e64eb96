package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScoringResourcesTest {

  @Test
  void classpathLexicons() {
    ScoringResources r = ScoringResources.shared();
    assertEquals(List.of("unity", "burden"), r.dimensions());
    assertTrue(r.lexiconVersion().matches("[0-9a-f]{12}"), r.lexiconVersion());
    assertTrue(r.labelThreshold() > 0 && r.labelThreshold() < 1);
    assertSame(r, ScoringResources.shared());
    assertSame(r, ScoringResources.shared(""));
  }

  @Test
  void everyLexiconFileIsIndexed() throws IOException {
    Path dir = Path.of("..", "datasets", "lexicons");
    String index = Files.readString(dir.resolve("index.tsv"));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".tsv")).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.equals("index.tsv")) {
          assertTrue(index.contains("\t" + rel), rel + " is not listed in index.tsv");
        }
      }
    }
  }

  @Test
  void directoryLexiconsMatchClasspath() {
    ScoringResources dir = ScoringResources.shared("../datasets/lexicons");
    assertEquals(ScoringResources.shared().lexiconVersion(), dir.lexiconVersion());
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path tmp = Files.createTempDirectory("lex");
    Files.writeString(tmp.resolve("index.tsv"), "dimension\tx.tsv\nsettings\ts.tsv\n");
    Files.writeString(tmp.resolve("x.tsv"), "pro\tgood\tlots\n");
    Files.writeString(tmp.resolve("s.tsv"), "setting\tlabel_threshold\t0.2\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoringResources.shared(tmp.toString()));
    assertTrue(e.getMessage().contains("x.tsv:1") && e.getMessage().contains("lots"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ScoringResources.shared(tmp.resolve("missing").toString()));
  }
}
