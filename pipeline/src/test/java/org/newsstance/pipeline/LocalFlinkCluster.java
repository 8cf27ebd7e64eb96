package org.newsstance.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for the integration tests: the project's Flink session cluster, started
 * through {@code scripts/flink-cluster.sh start} before the first test class that uses it and
 * stopped once after the last one (a root-store resource), and by a JVM shutdown hook if the test
 * JVM is killed. A cluster that was already running when the tests began (a developer's) is used
 * and left running. Also runs the project's scripts with their output in {@code
 * target/it-logs/}, whose paths every failure message names.
 */
public final class LocalFlinkCluster implements BeforeAllCallback {
  static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
  static final String REST = "http://127.0.0.1:8081";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalFlinkCluster.class.getName(), k -> Running.start(), Running.class);
  }

  /** The started cluster; JUnit closes it after all tests. */
  static final class Running implements ExtensionContext.Store.CloseableResource {
    private final boolean startedByUs;
    private final Thread hook;

    private Running(boolean startedByUs) {
      this.startedByUs = startedByUs;
      this.hook = new Thread(() -> stopQuietly("JVM shutdown hook"), "stop-flink-cluster");
      if (startedByUs) {
        Runtime.getRuntime().addShutdownHook(hook);
      }
    }

    static Running start() {
      Result status = runScript("flink-cluster-status", List.of("scripts/flink-cluster.sh", "status"));
      if (status.exitCode() == 0) {
        System.err.println("[LocalFlinkCluster] a cluster is already running; using it, not stopping it");
        return new Running(false);
      }
      Result r =
          runScript("flink-cluster-start", List.of("scripts/flink-cluster.sh", "start", "--timeout=240"));
      if (r.exitCode() != 0) {
        runScript("flink-cluster-stop", List.of("scripts/flink-cluster.sh", "stop"));
        fail("scripts/flink-cluster.sh start failed (exit " + r.exitCode() + "), see " + r.log()
            + " and " + repoRoot().resolve(".flink-cluster/log"));
      }
      return new Running(true);
    }

    @Override
    public void close() {
      if (startedByUs) {
        stopQuietly("after the tests");
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down; the hook runs (stop is idempotent).
        }
      }
    }

    private static void stopQuietly(String when) {
      Result r = runScript("flink-cluster-stop", List.of("scripts/flink-cluster.sh", "stop"));
      System.err.println("[LocalFlinkCluster] stopped the cluster " + when + " (exit " + r.exitCode()
          + ", log " + r.log() + ")");
    }
  }

  /** Exit code and output of a script run. */
  record Result(int exitCode, String output, Path log, Duration took) {}

  /** The repository root (the folder with scripts/flink-cluster.sh). */
  static Path repoRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("scripts/flink-cluster.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no scripts/flink-cluster.sh above " + Paths.get("").toAbsolutePath());
    }
    return p;
  }

  static Path logDir() {
    Path d = repoRoot().resolve("pipeline/target/it-logs");
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return d;
  }

  /** Starts a script from the repository root (cwd: {@code workDir}); output goes to a log. */
  static Process startScript(String name, List<String> command, Path workDir) throws IOException {
    List<String> cmd = new ArrayList<>(command);
    cmd.set(0, repoRoot().resolve(cmd.get(0)).toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(logDir().resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("NEWSSTANCE_NO_BUILD", "1"); // the jar is built by this very Maven run
    return pb.start();
  }

  static Result runScript(String name, List<String> command) {
    return runScript(name, command, repoRoot(), SCRIPT_TIMEOUT);
  }

  /** Runs a script to its end; on timeout kills it and its children and fails. */
  static Result runScript(String name, List<String> command, Path workDir, Duration timeout) {
    Path log = logDir().resolve(name + ".log");
    long t0 = System.nanoTime();
    try {
      Process p = startScript(name, command, workDir);
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        destroyTree(p);
        fail(String.join(" ", command) + " did not finish within " + timeout + "; see " + log);
      }
      return new Result(
          p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log,
          Duration.ofNanos(System.nanoTime() - t0));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends a script started by the tests and everything it started (never anything else): TERM
   * first, so run-flink.sh cancels its Flink job instead of leaving it running on the cluster,
   * then KILL whatever is left after 20 s.
   */
  static void destroyTree(Process p) {
    if (p.isAlive()) {
      p.destroy();
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static final Pattern JOB_ID = Pattern.compile("(?m)^flink job id: ([0-9a-f]{32})$");

  /** The job id run-flink.sh printed, or null. */
  static String jobIdIn(String output) {
    Matcher m = JOB_ID.matcher(output);
    return m.find() ? m.group(1) : null;
  }

  static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(REST + path)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + REST + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  static void cancel(String jobId) throws IOException, InterruptedException {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(REST + "/jobs/" + jobId + "?mode=cancel"))
            .timeout(Duration.ofSeconds(10))
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The cluster's state folder: NEWSSTANCE_FLINK_HOME, as scripts/flink-cluster.sh uses it. */
  static Path clusterHome() {
    String home = System.getenv("NEWSSTANCE_FLINK_HOME");
    return home == null || home.isBlank() ? repoRoot().resolve(".flink-cluster") : Paths.get(home).toAbsolutePath();
  }

  static Path clusterLogs() {
    return clusterHome().resolve("log");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
