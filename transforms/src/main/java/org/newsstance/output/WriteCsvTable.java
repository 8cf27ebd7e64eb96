package org.newsstance.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes rows as one CSV file with a header, rows ordered by their sort key (ties by the line),
 * so the same input gives the same bytes on every runner. Input elements are {@code KV<sortKey,
 * csvLine>}; {@link #droppingRowsOf} takes rows that name their owner and leaves out those of
 * owners that turn out not to belong (the sentences of duplicate articles).
 *
 * <p>Memory stays bounded whatever the table's size: each bundle sorts its rows in chunks of at
 * most {@link #ROWS_PER_RUN} and writes them as sorted runs into a folder beside the output
 * ({@link RunWriter}); only the runs' names are gathered in one place ({@link GatherRuns}), and one worker merges
 * the runs into the file with a k-way merge (see {@link SortedRuns}). No step ever groups all
 * rows under one key, which the DirectRunner handles in quadratic time. Because runs are written
 * as rows arrive, a table's rows are written while the stages upstream are still running. The
 * header is written by the merge, so an empty table still gets its file. Line endings are LF, or
 * CRLF with a UTF-8 byte-order mark in Excel mode.
 */
public final class WriteCsvTable extends PTransform<PCollection<KV<String, String>>, PDone> {
  /** Rows sorted in memory at once by one bundle before they are spilled as a run. */
  static final int ROWS_PER_RUN = 50_000;

  private static final String NO_OWNER = "";

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

  /**
   * The same table from rows {@code KV<owner, KV<sortKey, csvLine>>}, leaving out every row whose
   * owner is a key of {@code droppedOwners}. The rows are sorted into runs as they arrive; only
   * the merge waits for the side input.
   */
  public OwnedRows droppingRowsOf(PCollectionView<Map<String, Iterable<String>>> droppedOwners) {
    return new OwnedRows(this, droppedOwners);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> rows) {
    return rows.apply(
            "WithoutOwner",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(),
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings())))
                .via((KV<String, String> row) -> KV.of(NO_OWNER, row)))
        .setCoder(OwnedRows.CODER)
        .apply("Write", new OwnedRows(this, null));
  }

  /** The folder this table's runs are written to (for rows sorted into runs elsewhere). */
  public String runFolder() {
    return FileSystems.matchNewResource(directory, true)
        .resolve("_runs", StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(fileName, StandardResolveOptions.RESOLVE_DIRECTORY)
        .toString();
  }

  /**
   * The same table from the names of runs already written into {@link #runFolder()} (rows sorted
   * as they were produced, see {@link WriteSentenceRuns}), leaving out the rows of the owners in
   * {@code droppedOwners} (may be {@code null}: keep all).
   */
  public FromRuns fromRuns(PCollectionView<Map<String, Iterable<String>>> droppedOwners) {
    return new FromRuns(this, droppedOwners);
  }

  /** See {@link #droppingRowsOf}. */
  public static final class OwnedRows
      extends PTransform<PCollection<KV<String, KV<String, String>>>, PDone> {
    static final KvCoder<String, KV<String, String>> CODER =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

    private final WriteCsvTable table;
    private final PCollectionView<Map<String, Iterable<String>>> droppedOwners; // may be null

    private OwnedRows(
        WriteCsvTable table, PCollectionView<Map<String, Iterable<String>>> droppedOwners) {
      this.table = table;
      this.droppedOwners = droppedOwners;
    }

    @Override
    public PDone expand(PCollection<KV<String, KV<String, String>>> rows) {
      return rows.apply(
              "SortRuns",
              ParDo.of(new WriteSortedRunsFn(table.runFolder(), table.rowsPerRun)))
          .setCoder(StringUtf8Coder.of())
          .apply("FromRuns", new FromRuns(table, droppedOwners));
    }
  }

  /** See {@link #fromRuns}. */
  public static final class FromRuns extends PTransform<PCollection<String>, PDone> {
    private final WriteCsvTable table;
    private final PCollectionView<Map<String, Iterable<String>>> droppedOwners; // may be null

    private FromRuns(
        WriteCsvTable table, PCollectionView<Map<String, Iterable<String>>> droppedOwners) {
      this.table = table;
      this.droppedOwners = droppedOwners;
    }

    @Override
    public PDone expand(PCollection<String> runNames) {
      MergeRunsFn merge =
          new MergeRunsFn(
              table.directory,
              table.fileName,
              table.header,
              table.excel,
              table.runFolder(),
              droppedOwners);
      runNames
          .apply("GatherRuns", new GatherRuns())
          .apply(
              "MergeAndWrite",
              droppedOwners == null
                  ? ParDo.of(merge)
                  : ParDo.of(merge).withSideInputs(droppedOwners));
      return PDone.in(runNames.getPipeline());
    }
  }

  /** Merges every run into the table file, then deletes the runs (also those of retried work). */
  static final class MergeRunsFn extends DoFn<KV<Integer, Iterable<String>>, Void> {
    private final String directory;
    private final String fileName;
    private final String header;
    private final boolean excel;
    private final String runDir;
    private final PCollectionView<Map<String, Iterable<String>>> droppedOwners; // may be null

    MergeRunsFn(
        String directory,
        String fileName,
        String header,
        boolean excel,
        String runDir,
        PCollectionView<Map<String, Iterable<String>>> droppedOwners) {
      this.directory = directory;
      this.fileName = fileName;
      this.header = header;
      this.excel = excel;
      this.runDir = runDir;
      this.droppedOwners = droppedOwners;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Predicate<String> keep = keptOwners(c, droppedOwners);
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
        SortedRuns.mergeLines(runDir, runsOf(c.element()), keep, out, eol);
      }
      deleteRuns(runDir);
    }
  }

  /** Keeps every owner not in the side input (all of them when there is none). */
  static Predicate<String> keptOwners(
      DoFn<?, ?>.ProcessContext c, PCollectionView<Map<String, Iterable<String>>> droppedOwners) {
    if (droppedOwners == null) {
      return owner -> true;
    }
    Map<String, Iterable<String>> dropped = c.sideInput(droppedOwners);
    return owner -> !dropped.containsKey(owner);
  }

  /** Deletes every run under {@code runDir}, also runs of retried work that nobody merged. */
  static void deleteRuns(String runDir) throws IOException {
    MatchResult match = FileSystems.match(runDir + "*", EmptyMatchTreatment.ALLOW);
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : match.metadata()) {
      files.add(m.resourceId());
    }
    FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /**
   * Gathers run names into one element {@code KV<0, names>}. The names always hold {@link
   * #NO_RUN}, so the merge also runs when there are no rows (an empty table still gets its
   * header).
   */
  static final class GatherRuns
      extends PTransform<PCollection<String>, PCollection<KV<Integer, Iterable<String>>>> {
    /** Stands for "no run" so the gathering step always sees at least one element. */
    static final String NO_RUN = "";

    @Override
    public PCollection<KV<Integer, Iterable<String>>> expand(PCollection<String> runs) {
      PCollection<String> none =
          runs.getPipeline().apply("NoRun", Create.of(NO_RUN).withCoder(StringUtf8Coder.of()));
      return PCollectionList.of(none)
          .and(runs)
          .apply("AllRuns", Flatten.pCollections())
          .apply("OneGroup", WithKeys.<Integer, String>of(0).withKeyType(TypeDescriptors.integers()))
          .apply("GatherRunNames", GroupByKey.create());
    }
  }

  /** The names of the runs in a gathered element, without the placeholder, in a fixed order. */
  static List<String> runsOf(KV<Integer, Iterable<String>> gathered) {
    List<String> runs = new ArrayList<>();
    for (String run : gathered.getValue()) {
      if (!run.equals(GatherRuns.NO_RUN)) {
        runs.add(run);
      }
    }
    runs.sort(null); // a fixed order; the merge's result does not depend on it
    return runs;
  }

  /** Sorts a bundle's rows into runs; outputs the runs' names. */
  static final class WriteSortedRunsFn extends DoFn<KV<String, KV<String, String>>, String> {
    private final String runDir;
    private final int rowsPerRun;
    private transient RunWriter runs;

    WriteSortedRunsFn(String runDir, int rowsPerRun) {
      this.runDir = runDir;
      this.rowsPerRun = rowsPerRun;
    }

    @StartBundle
    public void startBundle() {
      runs = new RunWriter(runDir, rowsPerRun);
    }

    @ProcessElement
    public void process(@Element KV<String, KV<String, String>> row, OutputReceiver<String> out)
        throws IOException {
      String run = runs.add(row.getValue().getKey(), row.getValue().getValue(), row.getKey());
      if (run != null) {
        out.output(run);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      String run = runs.flush();
      if (run != null) {
        c.output(run, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }
  }
}
