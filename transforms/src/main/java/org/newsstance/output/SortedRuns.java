package org.newsstance.output;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;

/**
 * External sorting of table rows in bounded memory: rows are sorted in memory in chunks and
 * written as <em>runs</em> (files of length-prefixed key/line pairs), and runs are merged with a
 * k-way merge that holds one row per run. Ties between equal keys are broken by the line itself,
 * so the order never depends on how a runner split the input. Works on any Beam filesystem.
 */
final class SortedRuns {
  /** Runs merged at once; more runs are first merged into intermediate runs. */
  static final int MAX_OPEN_RUNS = 128;

  static final Comparator<KV<String, String>> ROW_ORDER =
      Comparator.comparing((KV<String, String> kv) -> kv.getKey()).thenComparing(KV::getValue);

  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  private SortedRuns() {}

  /** Sorts {@code rows} and writes them as a new run under {@code runDir}; returns its path. */
  static String writeRun(String runDir, List<KV<String, String>> rows) throws IOException {
    rows.sort(ROW_ORDER);
    ResourceId dir = FileSystems.matchNewResource(runDir, true);
    ResourceId file = dir.resolve(UUID.randomUUID() + ".run", StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        new BufferedOutputStream(
            Channels.newOutputStream(FileSystems.create(file, "application/octet-stream")), 1 << 16)) {
      for (KV<String, String> row : rows) {
        STRING.encode(row.getKey(), out);
        STRING.encode(row.getValue(), out);
      }
    }
    return file.toString();
  }

  /** Writes the merged lines of every run to {@code out}, each followed by {@code eol}. */
  static void mergeLines(String runDir, List<String> runs, OutputStream out, byte[] eol)
      throws IOException {
    List<String> pending = new ArrayList<>(runs);
    while (pending.size() > MAX_OPEN_RUNS) {
      List<String> batch = new ArrayList<>(pending.subList(0, MAX_OPEN_RUNS));
      pending = new ArrayList<>(pending.subList(MAX_OPEN_RUNS, pending.size()));
      pending.add(mergeIntoRun(runDir, batch));
    }
    merge(pending, (key, line) -> {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write(eol);
    });
  }

  private static String mergeIntoRun(String runDir, List<String> runs) throws IOException {
    ResourceId dir = FileSystems.matchNewResource(runDir, true);
    ResourceId file = dir.resolve(UUID.randomUUID() + ".run", StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        new BufferedOutputStream(
            Channels.newOutputStream(FileSystems.create(file, "application/octet-stream")), 1 << 16)) {
      merge(runs, (key, line) -> {
        STRING.encode(key, out);
        STRING.encode(line, out);
      });
    }
    return file.toString();
  }

  private interface RowSink {
    void accept(String key, String line) throws IOException;
  }

  /** One open run and its current row. */
  private static final class Cursor {
    final InputStream in;
    KV<String, String> head;

    Cursor(InputStream in) {
      this.in = in;
    }

    boolean advance() throws IOException {
      in.mark(1);
      if (in.read() < 0) {
        head = null; // the run is exhausted
        return false;
      }
      in.reset();
      String key = STRING.decode(in);
      head = KV.of(key, STRING.decode(in));
      return true;
    }
  }

  private static void merge(List<String> runs, RowSink sink) throws IOException {
    PriorityQueue<Cursor> heap =
        new PriorityQueue<>((a, b) -> ROW_ORDER.compare(a.head, b.head));
    List<Cursor> open = new ArrayList<>();
    try {
      for (String run : runs) {
        Cursor c =
            new Cursor(
                new BufferedInputStream(
                    Channels.newInputStream(
                        FileSystems.open(FileSystems.matchNewResource(run, false))),
                    1 << 16));
        open.add(c);
        if (c.advance()) {
          heap.add(c);
        }
      }
      while (!heap.isEmpty()) {
        Cursor c = heap.poll();
        sink.accept(c.head.getKey(), c.head.getValue());
        if (c.advance()) {
          heap.add(c);
        }
      }
    } finally {
      for (Cursor c : open) {
        c.in.close();
      }
    }
  }
}
