package org.newsstance.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.newsstance.io.ArticleJsonParser;
import org.newsstance.io.LineReader;
import org.newsstance.model.Article;
import org.newsstance.model.ScoredArticle;
import org.newsstance.scoring.ArticleScorer;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.text.TextCleaner;

/**
 * The benchmark's physical reference ("limit"): the same per-article work as the pipeline —
 * parse, clean, split, score — in a plain Java loop over all cores, without Beam. One reader
 * thread streams the files into a bounded queue; one worker per core parses, cleans and scores.
 *
 * <p>Usage: {@code java -cp newsstance-bundled.jar org.newsstance.tools.BenchLimit FILE...
 * [--threads=N]}. Prints one line: {@code articles=N seconds=S articles_per_s=R}.
 */
public final class BenchLimit {
  private static final String END = "\u0000end";

  private BenchLimit() {}

  public static void main(String[] args) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> files = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--threads=")) {
        threads = Integer.parseInt(a.substring("--threads=".length()));
      } else {
        files.add(a);
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: BenchLimit FILE... [--threads=N]");
      System.exit(2);
    }
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    ScoringResources resources = ScoringResources.shared();
    TextCleaner cleaner = TextCleaner.fromClasspath();
    ArticleJsonParser parser = ArticleJsonParser.create();
    // Warm the models before the clock starts, like a worker's @Setup.
    ArticleScorer.create(resources);

    BlockingQueue<String> queue = new ArrayBlockingQueue<>(4096);
    AtomicLong articles = new AtomicLong();
    AtomicLong sentences = new AtomicLong();
    long start = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                ArticleScorer scorer = ArticleScorer.create(resources);
                long n = 0;
                long s = 0;
                try {
                  while (true) {
                    String line = queue.take();
                    if (line == END) {
                      break;
                    }
                    ArticleJsonParser.Result r = parser.parse(line, "bench", 0);
                    if (!r.isArticle()) {
                      continue;
                    }
                    Article a = r.article();
                    TextCleaner.Cleaned c = cleaner.clean(a.text());
                    ScoredArticle scored = scorer.score(a.withCleanedText(c.text(), c.linesRemoved()));
                    n++;
                    s += scored.sentences();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                articles.addAndGet(n);
                sentences.addAndGet(s);
              },
              "bench-worker-" + t);
      w.start();
      workers.add(w);
    }
    for (String f : files) {
      try (InputStream in =
          Channels.newInputStream(
              Compression.detect(f)
                  .readDecompressed(FileSystems.open(FileSystems.matchSingleFileSpec(f).resourceId())))) {
        LineReader reader = new LineReader(in);
        while (reader.hasNext()) {
          LineReader.Line line = reader.next();
          if (!line.isError()) {
            queue.put(line.text());
          }
        }
      } catch (IOException e) {
        System.err.println("BenchLimit: cannot read " + f + ": " + e.getMessage());
        System.exit(1);
      }
    }
    for (int t = 0; t < threads; t++) {
      queue.put(END);
    }
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "articles=%d sentences=%d seconds=%.3f articles_per_s=%.1f threads=%d%n",
        articles.get(),
        sentences.get(),
        seconds,
        articles.get() / seconds,
        threads);
  }
}
