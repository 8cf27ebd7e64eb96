package org.newsstance.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The progress line printed while the pipeline runs, from the pipeline's Metrics: articles read,
 * their rate, duplicates, rejects and the elapsed time.
 *
 * <p>On a terminal the line is refreshed in place ({@code \r}) every 2 seconds; otherwise (a log
 * file, CI) one plain line is printed every 20 seconds, so a log is never flooded, and a short run
 * prints nothing. Metrics come from {@link PipelineResult#metrics()} once the runner has returned a
 * result while the job is still running: the DirectRunner does (the launcher turns off its
 * {@code blockOnRun}). The FlinkRunner's {@code run()} returns only when a batch job has ended,
 * so on Flink the line shows the elapsed time only. Counts here are the runner's "attempted"
 * values, for watching; the exact totals are in {@code manifest.json}.
 */
final class Progress implements AutoCloseable {
  static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(2);
  static final Duration LOG_INTERVAL = Duration.ofSeconds(20);

  /** Counter totals at one moment; a value is -1 when the runner reports no metrics yet. */
  record Snapshot(long articlesRead, long duplicates, long rejected) {
    static final Snapshot NONE = new Snapshot(-1, -1, -1);
  }

  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final AtomicReference<PipelineResult> result = new AtomicReference<>();
  private final ScheduledExecutorService timer;
  private int lastWidth;

  private Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "newsstance-progress");
              t.setDaemon(true);
              return t;
            });
    long period = (terminal ? TERMINAL_INTERVAL : LOG_INTERVAL).toMillis();
    timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /** Starts printing to {@code out}, or returns a no-op when {@code quiet}. */
  static Progress start(boolean quiet, PrintStream out, boolean terminal) {
    return quiet ? null : new Progress(out, terminal);
  }

  /** True when the process talks to a terminal (Java gives a console only then). */
  static boolean onTerminal() {
    return System.console() != null;
  }

  /** Lets the line show Metrics from now on. */
  void watch(PipelineResult r) {
    result.set(r);
  }

  private synchronized void tick() {
    try {
      String line = line(snapshot(result.get()), Duration.ofNanos(System.nanoTime() - startNanos));
      if (terminal) {
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        lastWidth = line.length();
      } else {
        out.println(line);
      }
      out.flush();
    } catch (RuntimeException e) {
      // A progress line is never worth failing a run for; the next tick tries again.
    }
  }

  /** Sums the counters the line shows, over all steps; {@link Snapshot#NONE} without metrics. */
  static Snapshot snapshot(PipelineResult r) {
    if (r == null) {
      return Snapshot.NONE;
    }
    MetricQueryResults q;
    try {
      q = r.metrics().queryMetrics(MetricsFilter.builder().build());
    } catch (RuntimeException e) {
      return Snapshot.NONE; // a runner that cannot report metrics while running
    }
    Map<String, Long> sums = new TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      Long v = c.getAttempted();
      String name = c.getName().getName();
      if (v != null) {
        sums.merge(name.startsWith("duplicates_by_") ? "duplicates" : name, v, Long::sum);
      }
    }
    return new Snapshot(
        sums.getOrDefault("articles_read", 0L),
        sums.getOrDefault("duplicates", 0L),
        sums.getOrDefault("rejected", 0L));
  }

  /** The progress line for a snapshot after {@code elapsed}. */
  static String line(Snapshot s, Duration elapsed) {
    long secs = elapsed.toSeconds();
    String time =
        String.format(Locale.ROOT, "%d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
    if (s.articlesRead() < 0) {
      return "newsstance: running, " + time + " elapsed";
    }
    double rate = elapsed.toMillis() <= 0 ? 0 : s.articlesRead() * 1000.0 / elapsed.toMillis();
    return String.format(
        Locale.ROOT,
        "newsstance: %,d articles read (%,.0f/s), %,d duplicates, %,d rejected, %s elapsed",
        s.articlesRead(), rate, s.duplicates(), s.rejected(), time);
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (terminal && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      out.flush();
    }
  }
}
