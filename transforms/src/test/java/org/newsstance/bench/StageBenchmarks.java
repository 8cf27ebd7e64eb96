package org.newsstance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.newsstance.io.ArticleJsonParser;
import org.newsstance.nlp.SentenceSplitter;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.scoring.StanceScorer;
import org.newsstance.text.TextCleaner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One number per stage: parsing, cleaning, sentence splitting and scoring, each over the bundled
 * sample's English articles (one operation = one pass over all of them, so the score divided
 * into the article count gives articles per second for that stage on one core). Run with
 * {@code scripts/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StageBenchmarks {
  private List<String> jsonLines;
  private List<String> rawTexts;
  private List<String> cleanedTexts;
  private List<List<String>> sentences;
  private ArticleJsonParser parser;
  private TextCleaner cleaner;
  private SentenceSplitter splitter;
  private StanceScorer scorer;

  @Setup
  public void load() throws IOException {
    Path root = findRoot();
    jsonLines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    rawTexts = new ArrayList<>();
    for (String f : List.of("articles-2024.jsonl", "articles-2025.jsonl")) {
      for (String line : Files.readAllLines(root.resolve("datasets/sample").resolve(f), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        jsonLines.add(line);
        JsonNode n = json.readTree(line);
        if (!"ed-20250130-01".equals(n.path("id").asText())) { // the German article
          rawTexts.add(n.path("text").asText());
        }
      }
    }
    parser = ArticleJsonParser.create();
    cleaner = TextCleaner.fromClasspath();
    splitter = SentenceSplitter.english();
    scorer = new StanceScorer(ScoringResources.shared());
    cleanedTexts = new ArrayList<>();
    sentences = new ArrayList<>();
    for (String t : rawTexts) {
      String c = cleaner.clean(t).text();
      cleanedTexts.add(c);
      sentences.add(splitter.split(c));
    }
  }

  @Benchmark
  public void parseJson(Blackhole bh) {
    for (String line : jsonLines) {
      bh.consume(parser.parse(line, "bench", 1));
    }
  }

  @Benchmark
  public void cleanText(Blackhole bh) {
    for (String t : rawTexts) {
      bh.consume(cleaner.clean(t));
    }
  }

  @Benchmark
  public void splitSentences(Blackhole bh) {
    for (String t : cleanedTexts) {
      bh.consume(splitter.split(t));
    }
  }

  @Benchmark
  public void scoreSentences(Blackhole bh) {
    for (List<String> s : sentences) {
      bh.consume(scorer.scoreArticle(s));
    }
  }

  private static Path findRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("datasets/sample"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("run from inside the newsstance repository");
    }
    return p;
  }
}
