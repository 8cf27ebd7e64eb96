package org.newsstance.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.newsstance.aggregate.ClusterRules;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;

public class WriteSentenceRunsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void passesLightCopiesOnAndTheTableFromTheRunsLeavesOutDroppedArticles() throws Exception {
    ScoredArticle kept = DrawCodingSampleTest.withSentences(
        scored(article("k", "herald", "https://h/k", "2024-12-03", "f1", 1), "t1", 3, 0.5));
    ScoredArticle copy = DrawCodingSampleTest.withSentences(
        scored(article("d", "herald", "https://h/d", "2024-12-03", "f1", 2), "t1", 3, 0.5));
    Path dir = tmp.newFolder("out").toPath();
    PCollectionView<Map<String, Iterable<String>>> dropped =
        p.apply(
                "Dropped",
                Create.of(KV.of(ClusterRules.node(copy), ""))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(View.asMultimap());

    PCollectionTuple split =
        p.apply("Articles", Create.of(kept, copy).withCoder(ScoredArticleCoder.of()))
            .apply(WriteSentenceRuns.into(dir.toString()).withRowsPerRun(2));
    PAssert.that(
            split
                .get(WriteSentenceRuns.LIGHT)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via((ScoredArticle a) -> a.article().id() + ":" + a.evidence().size())))
        .containsInAnyOrder("k:0", "d:0");
    PAssert.that(split.get(WriteSentenceRuns.CANDIDATE_RUNS)).empty();
    split
        .get(WriteSentenceRuns.SENTENCE_RUNS)
        .apply(WriteTables.sentencesTable(dir.toString(), false).fromRuns(dropped));
    p.run().waitUntilFinish();

    List<String> lines =
        Files.readAllLines(dir.resolve(WriteTables.SENTENCES), StandardCharsets.UTF_8);
    assertThat(lines.size(), is(4)); // header and the kept article's three sentences
    for (String line : lines.subList(1, 4)) {
      assertThat(line, line.startsWith("k,herald,"), is(true));
    }
    assertThat(lines.get(1), is(Tables.sentenceRow(kept, kept.evidence().get(0))));
    try (var files = Files.walk(dir.resolve("_runs"))) {
      assertThat(files.filter(Files::isRegularFile).count(), is(0L));
    }
  }
}
