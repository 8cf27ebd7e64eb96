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
import java.util.function.Predicate;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * External sorting of table rows in bounded memory: rows are sorted in memory in chunks and
 * written as <em>runs</em> (files of length-prefixed key, line and owner), and runs are merged
 * with a k-way merge that holds one row per run. Ties between equal keys are broken by the line
 * itself, so the order never depends on how a runner split the input. Works on any Beam
 * filesystem.
 *
 * <p>A row's <em>owner</em> (the article it came from, or empty) lets the merge drop rows that
 * turned out not to belong in the table after they were written: the sentences of an article
 * found to be a duplicate once all articles were scored.
 */
final class SortedRuns {
  /** Runs merged at once; more runs are first merged into intermediate runs. */
  static final int MAX_OPEN_RUNS = 128;

  /** A table row: its sort key, its CSV line, and the owner it is dropped with (or empty). */
  record Row(String key, String line, String owner) {}

  static final Comparator<Row> ROW_ORDER =
      Comparator.comparing(Row::key).thenComparing(Row::line);

  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  private SortedRuns() {}

  /** Sorts {@code rows} and writes them as a new run under {@code runDir}; returns its path. */
  static String writeRun(String runDir, List<Row> rows) throws IOException {
    rows.sort(ROW_ORDER);
    ResourceId dir = FileSystems.matchNewResource(runDir, true);
    ResourceId file = dir.resolve(UUID.randomUUID() + ".run", StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        new BufferedOutputStream(
            Channels.newOutputStream(FileSystems.create(file, "application/octet-stream")), 1 << 16)) {
      for (Row row : rows) {
        write(row, out);
      }
    }
    return file.toString();
  }

  private static void write(Row row, OutputStream out) throws IOException {
    STRING.encode(row.key(), out);
    STRING.encode(row.line(), out);
    STRING.encode(row.owner(), out);
  }

  /** Writes the merged lines of every run to {@code out}, each followed by {@code eol}. */
  static void mergeLines(
      String runDir, List<String> runs, Predicate<String> keepOwner, OutputStream out, byte[] eol)
      throws IOException {
    mergeRows(runDir, runs, keepOwner, row -> {
      out.write(row.line().getBytes(StandardCharsets.UTF_8));
      out.write(eol);
    });
  }

  /** Passes every kept row of every run to {@code sink}, in {@link #ROW_ORDER}. */
  static void mergeRows(String runDir, List<String> runs, Predicate<String> keepOwner, RowSink sink)
      throws IOException {
    List<String> pending = new ArrayList<>(runs);
    while (pending.size() > MAX_OPEN_RUNS) {
      List<String> batch = new ArrayList<>(pending.subList(0, MAX_OPEN_RUNS));
      pending = new ArrayList<>(pending.subList(MAX_OPEN_RUNS, pending.size()));
      pending.add(mergeIntoRun(runDir, batch, keepOwner));
    }
    merge(pending, keepOwner, sink);
  }

  private static String mergeIntoRun(String runDir, List<String> runs, Predicate<String> keepOwner)
      throws IOException {
    ResourceId dir = FileSystems.matchNewResource(runDir, true);
    ResourceId file = dir.resolve(UUID.randomUUID() + ".run", StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        new BufferedOutputStream(
            Channels.newOutputStream(FileSystems.create(file, "application/octet-stream")), 1 << 16)) {
      merge(runs, keepOwner, row -> write(row, out));
    }
    return file.toString();
  }

  interface RowSink {
    void accept(Row row) throws IOException;
  }

  /** One open run and its current row. */
  private static final class Cursor {
    final InputStream in;
    Row head;

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
      String line = STRING.decode(in);
      head = new Row(key, line, STRING.decode(in));
      return true;
    }
  }

  private static void merge(List<String> runs, Predicate<String> keepOwner, RowSink sink)
      throws IOException {
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
        if (keepOwner.test(c.head.owner())) {
          sink.accept(c.head);
        }
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
