package org.newsstance.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers rows and writes them as sorted runs ({@link SortedRuns}) of at most {@code rowsPerRun}
 * rows under one folder: the memory bound of every step that sorts table rows. Not thread-safe;
 * one per DoFn instance and bundle.
 */
final class RunWriter {
  private final String runDir;
  private final int rowsPerRun;
  private List<SortedRuns.Row> buffer = new ArrayList<>();

  RunWriter(String runDir, int rowsPerRun) {
    this.runDir = runDir;
    this.rowsPerRun = rowsPerRun;
  }

  /** Adds a row; returns the name of the run this filled and wrote, or {@code null}. */
  String add(String key, String line, String owner) throws IOException {
    buffer.add(new SortedRuns.Row(key, line, owner));
    return buffer.size() >= rowsPerRun ? flush() : null;
  }

  /** Writes the buffered rows as a run and returns its name, or {@code null} if there were none. */
  String flush() throws IOException {
    if (buffer.isEmpty()) {
      return null;
    }
    String run = SortedRuns.writeRun(runDir, buffer);
    buffer = new ArrayList<>();
    return run;
  }
}
