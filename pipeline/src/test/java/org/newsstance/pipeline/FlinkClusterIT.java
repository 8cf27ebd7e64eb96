package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsstance.tools.GenerateCorpus;

/**
 * The pipeline on a real Flink 1.19 session cluster (scripts/flink-cluster.sh), submitted with
 * scripts/run-flink.sh exactly as a user would: the tables must be byte-identical to the
 * DirectRunner's (the checked-in files of {@link NewsstanceEndToEndTest}, which were made from the
 * same input string {@code ../datasets/sample}), and a job that does not succeed must publish
 * nothing and leave the previous results as they were. Script output: {@code target/it-logs/}.
 */
@ExtendWith(LocalFlinkCluster.class)
class FlinkClusterIT {
  static final Path PIPELINE = LocalFlinkCluster.repoRoot().resolve("pipeline");
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

  @Test
  void sampleOnClusterIsByteIdenticalToDirectRunner() throws Exception {
    Path out = PIPELINE.resolve("target/it/cluster-sample");
    deleteTree(out);
    // cwd pipeline/ and the same --input string as NewsstanceEndToEndTest, so the source columns
    // match; a relative --output also checks that the launcher resolves it for the workers.
    LocalFlinkCluster.Result r =
        LocalFlinkCluster.runScript(
            "run-flink-sample",
            List.of("scripts/run-flink.sh", "--input=../datasets/sample", "--output=target/it/cluster-sample"),
            PIPELINE, JOB_TIMEOUT);
    System.err.printf("[FlinkClusterIT] sample on the cluster: run-flink.sh took %.1f s%n", r.took().toMillis() / 1e3);
    assertThat("run-flink.sh failed, see " + r.log() + " and " + LocalFlinkCluster.clusterLogs(),
        r.exitCode(), is(0));
    String jobId = LocalFlinkCluster.jobIdIn(r.output());
    assertThat("run-flink.sh printed no 'flink job id: <hex>' line, see " + r.log(), jobId, notNullValue());
    assertThat(LocalFlinkCluster.get("/jobs/" + jobId).path("state").asText(), is("FINISHED"));

    for (String table : NewsstanceMain.PUBLISHED) {
      Path expected = PIPELINE.resolve("src/test/resources/NewsstanceEndToEndTest").resolve(table);
      assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out.resolve(table)),
          table + " from the cluster differs from the DirectRunner's " + expected);
    }
    assertThat(Files.exists(out.resolve(OutputFolder.SUCCESS)), is(true));
    String manifest = Files.readString(out.resolve(NewsstanceMain.MANIFEST), StandardCharsets.UTF_8);
    assertThat(manifest, containsString("\"runner\" : \"FlinkRunner\""));
    assertThat("inputs keep the names as typed", manifest,
        containsString("\"path\" : \"../datasets/sample/articles-2024.jsonl\""));
    assertThat("no staging folder is left behind", stagingFolders(out), is(List.of()));
  }

  @Test
  void cancelledJobPublishesNothingAndKeepsThePreviousResults() throws Exception {
    Path work = PIPELINE.resolve("target/it/cluster-cancel");
    deleteTree(work);
    Path corpus = work.resolve("corpus/corpus.jsonl");
    GenerateCorpus.fromDatasets(LocalFlinkCluster.repoRoot().resolve("datasets")).write(corpus, 1500, 3);
    // Previous results: a complete, published folder.
    Path out = work.resolve("out");
    Files.createDirectories(out);
    for (String table : NewsstanceMain.PUBLISHED) {
      Files.copy(PIPELINE.resolve("src/test/resources/NewsstanceEndToEndTest").resolve(table), out.resolve(table));
    }
    Files.writeString(out.resolve(NewsstanceMain.MANIFEST), "{\"previous\": true}\n");
    Files.createFile(out.resolve(OutputFolder.SUCCESS));
    Map<String, byte[]> before = snapshot(out);

    Process p =
        LocalFlinkCluster.startScript(
            "run-flink-cancel",
            List.of("scripts/run-flink.sh", "--input=" + corpus.getParent(), "--output=" + out),
            LocalFlinkCluster.repoRoot());
    Path log = LocalFlinkCluster.logDir().resolve("run-flink-cancel.log");
    try {
      String jobId = null;
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      while (jobId == null || !"RUNNING".equals(LocalFlinkCluster.get("/jobs/" + jobId).path("state").asText())) {
        if (!p.isAlive()) {
          fail("run-flink.sh ended (exit " + p.exitValue() + ") before its job ran; see " + log);
        }
        if (System.nanoTime() > deadline) {
          fail("the job did not reach RUNNING within 4 minutes; see " + log);
        }
        LocalFlinkCluster.sleep(500);
        jobId = LocalFlinkCluster.jobIdIn(Files.readString(log, StandardCharsets.UTF_8));
      }
      LocalFlinkCluster.sleep(3000);
      LocalFlinkCluster.cancel(jobId);
      if (!p.waitFor(JOB_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
        fail("run-flink.sh did not end after the job was cancelled; see " + log);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat("run-flink.sh must fail when the job does not succeed; see " + log, p.exitValue(), is(not(0)));
      assertThat(output, containsString("run-flink: error: flink job " + jobId + " ended CANCELED"));
      assertThat(LocalFlinkCluster.get("/jobs/" + jobId).path("state").asText(), is("CANCELED"));
    } finally {
      LocalFlinkCluster.destroyTree(p);
    }
    Map<String, byte[]> after = snapshot(out);
    assertThat("the output folder has exactly the previous files (and _SUCCESS)", after.keySet(), is(before.keySet()));
    for (String name : before.keySet()) {
      assertArrayEquals(before.get(name), after.get(name), name + " was changed by a failed run");
    }
  }

  /** Published files and their bytes; staging folders ({@code _tmp-*}) are not results. */
  static Map<String, byte[]> snapshot(Path dir) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (!n.startsWith("_tmp-")) {
          m.put(n, Files.isDirectory(p) ? new byte[] {'d'} : Files.readAllBytes(p));
        }
      }
    }
    return m;
  }

  static List<String> stagingFolders(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("_tmp-")).sorted().toList();
    }
  }

  static void deleteTree(Path p) throws Exception {
    if (Files.exists(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
