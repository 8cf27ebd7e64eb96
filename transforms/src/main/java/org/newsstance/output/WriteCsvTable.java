package org.newsstance.output;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Writes rows as one CSV file with a header, rows ordered by their sort key (ties by the line),
 * so the same input gives the same bytes on every runner. Input elements are {@code KV<sortKey,
 * csvLine>}.
 *
 * <p>Memory stays bounded whatever the table's size: each bundle sorts its rows in chunks of at
 * most {@link #ROWS_PER_RUN} and writes them as sorted runs into a folder beside the output;
 * only the runs' names are gathered in one place, and one worker merges the runs into the file
 * with a k-way merge (see {@link SortedRuns}). No step ever groups all rows under one key, which
 * the DirectRunner handles in quadratic time. The header is written by the merge, so an empty
 * table still gets its file. Line endings are LF, or CRLF with a UTF-8 byte-order mark in Excel
 * mode.
 */
public final class WriteCsvTable extends PTransform<PCollection<KV<String, String>>, PDone> {
  /** Rows sorted in memory at once by one bundle before they are spilled as a run. */
  static final int ROWS_PER_RUN = 50_000;

  /** Stands for "no run" so the gathering step always sees at least one element. */
  private static final String NO_RUN = "";

  private final String directory;
  private final String fileName;
  private final String header;
  private final boolean excel;
  private final int rowsPerRun;

  private WriteCsvTable(
      String directory, String fileName, String header, boolean excel, int rowsPerRun) {
    this.directory = directory;
    this.fileName = fileName;
    this.header = header;
    this.excel = excel;
    this.rowsPerRun = rowsPerRun;
  }

  /** Writes {@code fileName} under {@code directory} with the given columns. */
  public static WriteCsvTable to(String directory, String fileName, List<String> columns) {
    if (directory == null || directory.isEmpty()) {
      throw new IllegalArgumentException("output directory must be set, was empty");
    }
    if (fileName == null || fileName.isEmpty() || fileName.contains("/")) {
      throw new IllegalArgumentException("fileName must be a plain file name, was " + fileName);
    }
    return new WriteCsvTable(directory, fileName, Tables.header(columns), false, ROWS_PER_RUN);
  }

  /** UTF-8 with a byte-order mark and CRLF line endings, so Excel opens accents correctly. */
  public WriteCsvTable withExcel(boolean excelMode) {
    return new WriteCsvTable(directory, fileName, header, excelMode, rowsPerRun);
  }

  /** Rows a bundle sorts in memory before spilling a run (memory bound per worker thread). */
  public WriteCsvTable withRowsPerRun(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rowsPerRun must be at least 1, was " + rows);
    }
    return new WriteCsvTable(directory, fileName, header, excel, rows);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> rows) {
    ResourceId dir = FileSystems.matchNewResource(directory, true);
    String runDir =
        dir.resolve("_runs", StandardResolveOptions.RESOLVE_DIRECTORY)
            .resolve(fileName, StandardResolveOptions.RESOLVE_DIRECTORY)
            .toString();
    PCollection<String> runs =
        rows.apply("SortRuns", ParDo.of(new WriteSortedRunsFn(runDir, rowsPerRun)))
            .setCoder(StringUtf8Coder.of());
    PCollection<String> none =
        rows.getPipeline().apply("NoRun", Create.of(NO_RUN).withCoder(StringUtf8Coder.of()));
    PCollectionList.of(none)
        .and(runs)
        .apply("AllRuns", Flatten.pCollections())
        .apply("OneGroup", WithKeys.<Integer, String>of(0).withKeyType(TypeDescriptors.integers()))
        .apply("GatherRunNames", GroupByKey.create())
        .apply(
            "MergeAndWrite",
            ParDo.of(new MergeRunsFn(directory, fileName, header, excel, runDir)));
    return PDone.in(rows.getPipeline());
  }

  /** Buffers a bundle's rows and spills them as sorted runs; outputs the runs' names. */
  static final class WriteSortedRunsFn extends DoFn<KV<String, String>, String> {
    private final String runDir;
    private final int rowsPerRun;
    private transient List<KV<String, String>> buffer;

    WriteSortedRunsFn(String runDir, int rowsPerRun) {
      this.runDir = runDir;
      this.rowsPerRun = rowsPerRun;
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element KV<String, String> row, OutputReceiver<String> out)
        throws IOException {
      buffer.add(row);
      if (buffer.size() >= rowsPerRun) {
        out.output(SortedRuns.writeRun(runDir, buffer));
        buffer = new ArrayList<>();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      if (!buffer.isEmpty()) {
        c.output(
            SortedRuns.writeRun(runDir, buffer),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
        buffer = new ArrayList<>();
      }
    }
  }

  /** Merges every run into the table file, then deletes the runs (also those of retried work). */
  static final class MergeRunsFn extends DoFn<KV<Integer, Iterable<String>>, Void> {
    private final String directory;
    private final String fileName;
    private final String header;
    private final boolean excel;
    private final String runDir;

    MergeRunsFn(String directory, String fileName, String header, boolean excel, String runDir) {
      this.directory = directory;
      this.fileName = fileName;
      this.header = header;
      this.excel = excel;
      this.runDir = runDir;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> all) throws IOException {
      List<String> runs = new ArrayList<>();
      for (String run : all.getValue()) {
        if (!run.equals(NO_RUN)) {
          runs.add(run);
        }
      }
      runs.sort(null); // a fixed order; the merge's result does not depend on it
      ResourceId dir = FileSystems.matchNewResource(directory, true);
      ResourceId file = dir.resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
      byte[] eol = (excel ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8);
      try (OutputStream out =
          new BufferedOutputStream(
              Channels.newOutputStream(FileSystems.create(file, "text/csv")), 1 << 16)) {
        if (excel) {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(eol);
        SortedRuns.mergeLines(runDir, runs, out, eol);
      }
      deleteRuns();
    }

    private void deleteRuns() throws IOException {
      MatchResult match = FileSystems.match(runDir + "*", EmptyMatchTreatment.ALLOW);
      List<ResourceId> files = new ArrayList<>();
      for (MatchResult.Metadata m : match.metadata()) {
        files.add(m.resourceId());
      }
      FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
