package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newsstance.tools.GenerateCorpus;

/**
 * Kills the cluster's TaskManager ({@code kill -9} by PID) while a job is in its scoring stage,
 * starts a fresh one, and checks that the job restarts (the cluster's fixed-delay restart
 * strategy), finishes, and publishes tables byte-identical to an undisturbed run of the same
 * corpus. The undisturbed run is embedded Flink ({@code run-local.sh --runner=FlinkRunner
 * --flinkMaster=[local]}): no jar upload, so faster than a second cluster run. The test fails unless
 * the job really restarted (its RESTARTING timestamp and exception history).
 */
@ExtendWith(LocalFlinkCluster.class)
class FlinkFaultToleranceIT {
  /** Lines of synthetic corpus; the job must still be scoring when the kill comes. */
  static final int ARTICLES = 4000;

  static final Path WORK = LocalFlinkCluster.repoRoot().resolve("pipeline/target/it/fault");

  @Test
  void jobSurvivesTaskManagerKillAndGivesIdenticalTables() throws Exception {
    FlinkClusterIT.deleteTree(WORK);
    Path corpus = WORK.resolve("corpus/corpus.jsonl");
    long t0 = System.nanoTime();
    GenerateCorpus.fromDatasets(LocalFlinkCluster.repoRoot().resolve("datasets")).write(corpus, ARTICLES, 11);
    String input = corpus.getParent().toString();

    long tRef = System.nanoTime();
    Path reference = WORK.resolve("reference");
    LocalFlinkCluster.Result ref =
        LocalFlinkCluster.runScript(
            "run-local-fault-reference",
            List.of("scripts/run-local.sh", "--runner=FlinkRunner", "--flinkMaster=[local]",
                "--parallelism=2", "--input=" + input, "--output=" + reference),
            LocalFlinkCluster.repoRoot(), Duration.ofMinutes(10));
    assertThat("the undisturbed reference run on embedded Flink failed, see " + ref.log(), ref.exitCode(), is(0));
    double refSeconds = (System.nanoTime() - tRef) / 1e9;

    Path out = WORK.resolve("cluster");
    Path log = LocalFlinkCluster.logDir().resolve("run-flink-fault.log");
    String logs = " (see " + log + " and " + LocalFlinkCluster.clusterLogs() + ")";
    List<String> timeline = new ArrayList<>();
    long tSubmit = System.nanoTime();
    Process p =
        LocalFlinkCluster.startScript(
            "run-flink-fault",
            List.of("scripts/run-flink.sh", "--input=" + input, "--output=" + out),
            LocalFlinkCluster.repoRoot());
    try {
      // 1. Wait for the job id, then for the scoring stage to be under way.
      String jobId = null;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      JsonNode job = null;
      while (true) {
        if (!p.isAlive()) {
          fail("run-flink.sh ended (exit " + p.exitValue() + ") before the TaskManager was killed;"
              + " if the job finished, raise ARTICLES" + logs);
        }
        if (System.nanoTime() > deadline) {
          fail("the job did not reach its scoring stage within 5 minutes" + logs);
        }
        if (jobId == null) {
          jobId = LocalFlinkCluster.jobIdIn(Files.readString(log, StandardCharsets.UTF_8));
        } else {
          job = LocalFlinkCluster.get("/jobs/" + jobId);
          if (job.path("state").asText().equals("RUNNING") && scoring(job)) {
            break;
          }
        }
        LocalFlinkCluster.sleep(250);
      }
      timeline.add(at(tSubmit, String.format(Locale.ROOT, "job %s RUNNING for %.1f s, scoring under way",
          jobId, (System.currentTimeMillis() - job.path("timestamps").path("RUNNING").asLong()) / 1e3)));

      // 2. kill -9 every TaskManager of ours that is alive.
      List<Long> killed = new ArrayList<>();
      try (var pids = Files.newDirectoryStream(LocalFlinkCluster.clusterHome().resolve("pids"), "taskmanager-*.pid")) {
        for (Path f : pids) {
          long pid = Long.parseLong(Files.readString(f).trim());
          Path cmdline = Path.of("/proc/" + pid + "/cmdline");
          // ProcessHandle.Info.commandLine() is empty for such long command lines; read /proc.
          if (Files.exists(cmdline)
              && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains("TaskManagerRunner")) {
            ProcessHandle.of(pid).ifPresent(h -> {
              h.destroyForcibly(); // SIGKILL
              killed.add(pid);
            });
          }
        }
      }
      assertThat("no live TaskManager found to kill in .flink-cluster/pids" + logs, killed.isEmpty(), is(false));
      long tKill = System.nanoTime();
      timeline.add(at(tSubmit, "kill -9 TaskManager PID(s) " + killed + " (job was in its scoring stage)"));

      // 3. The JobManager notices and restarts the job.
      while (!List.of("RESTARTING", "FAILING", "FAILED").contains(LocalFlinkCluster.get("/jobs/" + jobId).path("state").asText())
          && LocalFlinkCluster.get("/jobs/" + jobId).path("timestamps").path("RESTARTING").asLong() == 0) {
        if (System.nanoTime() - tKill > Duration.ofSeconds(90).toNanos()) {
          fail("the job did not go RESTARTING within 90 s of the kill" + logs);
        }
        LocalFlinkCluster.sleep(200);
      }
      timeline.add(at(tSubmit, String.format(Locale.ROOT, "job %s (%.1f s after the kill)",
          LocalFlinkCluster.get("/jobs/" + jobId).path("state").asText(), (System.nanoTime() - tKill) / 1e9)));

      // 4. A fresh TaskManager.
      LocalFlinkCluster.Result tm =
          LocalFlinkCluster.runScript("flink-cluster-start-taskmanager", List.of("scripts/flink-cluster.sh", "start-taskmanager", "--timeout=240"));
      assertThat("start-taskmanager failed, see " + tm.log(), tm.exitCode(), is(0));
      timeline.add(at(tSubmit, "new TaskManager registered (start-taskmanager took " + tm.took().toSeconds() + " s)"));

      // 5. The job finishes.
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        fail("the job did not finish within 10 minutes after the TaskManager was replaced" + logs);
      }
      timeline.add(at(tSubmit, "run-flink.sh ended with exit " + p.exitValue()));
      assertThat("the restarted job failed" + logs, p.exitValue(), is(0));

      JsonNode done = LocalFlinkCluster.get("/jobs/" + jobId);
      assertThat(done.path("state").asText(), is("FINISHED"));
      long restarting = done.path("timestamps").path("RESTARTING").asLong();
      assertThat("the job never restarted, so the test proved nothing" + logs, restarting, greaterThan(0L));
      JsonNode exceptions = LocalFlinkCluster.get("/jobs/" + jobId + "/exceptions");
      assertThat("the job's exception history is empty, so no failure happened" + logs,
          exceptions.path("exceptionHistory").path("entries").size(), greaterThan(0));
      long created = done.path("start-time").asLong();
      timeline.add(String.format(Locale.ROOT,
          "cluster clock, from job creation: last RESTARTING +%.1f s, FINISHED +%.1f s;"
              + " %d failure(s) in the exception history, first: %s",
          (restarting - created) / 1e3,
          (done.path("timestamps").path("FINISHED").asLong() - created) / 1e3,
          exceptions.path("exceptionHistory").path("entries").size(),
          exceptions.path("exceptionHistory").path("entries").path(0).path("exceptionName").asText()));
    } finally {
      LocalFlinkCluster.destroyTree(p);
      System.err.printf(Locale.ROOT,
          "[FlinkFaultToleranceIT] corpus %d lines; embedded-Flink reference %.1f s; timeline from submission:%n  %s%n",
          ARTICLES, refSeconds, String.join("\n  ", timeline));
    }

    for (String table : NewsstanceMain.PUBLISHED) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(table)), Files.readAllBytes(out.resolve(table)),
          table + " after the TaskManager kill differs from the undisturbed run " + reference.resolve(table));
    }
    assertThat(Files.exists(out.resolve(OutputFolder.SUCCESS)), is(true));
    assertThat(FlinkClusterIT.stagingFolders(out), is(List.of()));
    System.err.printf(Locale.ROOT, "[FlinkFaultToleranceIT] total %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  /** True once the vertex that parses the input has finished: the job is scoring. */
  /**
   * Whether the scoring stage is under way: the vertex that scores (chained with reading the
   * file's chunks, which are spread first) is running and has taken in some of its chunks.
   */
  private static boolean scoring(JsonNode job) {
    for (JsonNode v : job.path("vertices")) {
      if (v.path("name").asText().contains("ScoreArticles")
          && v.path("status").asText().equals("RUNNING")
          && v.path("metrics").path("read-records").asLong() > 0) {
        return true;
      }
    }
    return false;
  }

  private static String at(long since, String what) {
    return String.format(Locale.ROOT, "t=%5.1f s  %s", (System.nanoTime() - since) / 1e9, what);
  }
}
