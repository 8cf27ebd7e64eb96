package org.newsstance.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.newsstance.model.Fixtures.article;
import static org.newsstance.model.Fixtures.scored;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.newsstance.aggregate.ClusterRules;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.ScoredArticleCoder;
import org.newsstance.model.SentenceEvidence;

public class DrawCodingSampleTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void runKeysParseBackAndSortByStratumThenRankThenSentence() {
    Random random = new Random(3);
    List<CodingSample.Candidate> candidates = new ArrayList<>();
    String[] strata = {"a\u0001unity\u00011", "a\u0001unity\u0001-1", "b,\"x\"\u0001burden\u00010", "é"};
    for (int i = 0; i < 400; i++) {
      long rank = i % 7 == 0 ? -random.nextLong(1, Long.MAX_VALUE) : random.nextLong(); // high bit
      candidates.add(
          new CodingSample.Candidate(
              strata[i % strata.length], i % 5 == 0 ? 42L : rank, "s\u0001" + (i % 13), "row" + i));
    }
    List<CodingSample.Candidate> byKey = new ArrayList<>(candidates);
    byKey.sort(Comparator.comparing(DrawCodingSample::runKey));
    for (CodingSample.Candidate c : candidates) {
      assertThat(DrawCodingSample.fromRunRow(DrawCodingSample.runKey(c), c.row()), is(c));
    }
    // within each stratum the run order is CodingSample.compare's order, and strata are contiguous
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < byKey.size(); i++) {
      CodingSample.Candidate c = byKey.get(i);
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(c.stratum())) {
        assertThat("stratum " + c.stratum() + " appears twice", seen.contains(c.stratum()), is(false));
        seen.add(c.stratum());
      } else {
        assertThat(CodingSample.compare(byKey.get(i - 1), c) <= 0, is(true));
      }
    }
    assertThat(seen.size(), is(strata.length));
  }

  @Test
  public void leavesOutTheSentencesOfDroppedArticles() throws Exception {
    ScoredArticle kept = withSentences(scored(article("k", "herald", "https://h/k", "2024-12-03", "f1", 1), "t1", 3, 0.5));
    ScoredArticle copy = withSentences(scored(article("d", "herald", "https://h/d", "2024-12-03", "f1", 2), "t1", 3, 0.5));
    PCollectionView<Map<String, Iterable<String>>> dropped =
        p.apply(
                "Dropped",
                Create.of(KV.of(ClusterRules.node(copy), ""))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(View.asMultimap());
    String work = tmp.newFolder("work").getPath();
    var rows =
        p.apply("Articles", Create.of(kept, copy).withCoder(ScoredArticleCoder.of()))
            .apply(
                WriteSentenceRuns.into(work)
                    .withCodingSampleCandidates(work, List.of("unity"), 5)
                    .withRowsPerRun(2))
            .get(WriteSentenceRuns.CANDIDATE_RUNS)
            .apply(DrawCodingSample.of(100, work, dropped));
    PAssert.that(
            rows.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via((KV<String, String> r) -> r.getValue().split(",")[1] + "#" + r.getValue().split(",")[5])))
        .containsInAnyOrder("k#1", "k#2", "k#3");
    p.run().waitUntilFinish();
  }

  static ScoredArticle withSentences(ScoredArticle a) {
    List<SentenceEvidence> evidence = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      evidence.add(new SentenceEvidence(i, "unity", 0.5, 1, "cue", "Sentence " + i + " of the story."));
    }
    return a.withEvidence(evidence);
  }
}
