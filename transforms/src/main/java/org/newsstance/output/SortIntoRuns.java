package org.newsstance.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Sorts owned rows ({@code KV<owner, KV<sortKey, line>>}) into runs under a folder, a bundle at a
 * time, and gathers the runs' names into one element ({@code KV<0, names>}), ready for one worker
 * to merge them with {@link SortedRuns}. Each bundle sorts at most {@code rowsPerRun} rows in
 * memory at once, so memory stays bounded whatever the number of rows; only the names are
 * gathered in one place. The gathered names always hold {@link #NO_RUN}, so the merge also runs
 * when there are no rows (an empty table still gets its header).
 */
final class SortIntoRuns
    extends PTransform<PCollection<KV<String, KV<String, String>>>, PCollection<KV<Integer, Iterable<String>>>> {
  /** Stands for "no run" so the gathering step always sees at least one element. */
  static final String NO_RUN = "";

  private final String runDir;
  private final int rowsPerRun;

  SortIntoRuns(String runDir, int rowsPerRun) {
    this.runDir = runDir;
    this.rowsPerRun = rowsPerRun;
  }

  /** The names of the runs in a gathered element, without {@link #NO_RUN}, in a fixed order. */
  static List<String> runsOf(KV<Integer, Iterable<String>> gathered) {
    List<String> runs = new ArrayList<>();
    for (String run : gathered.getValue()) {
      if (!run.equals(NO_RUN)) {
        runs.add(run);
      }
    }
    runs.sort(null); // a fixed order; the merge's result does not depend on it
    return runs;
  }

  @Override
  public PCollection<KV<Integer, Iterable<String>>> expand(
      PCollection<KV<String, KV<String, String>>> rows) {
    PCollection<String> runs =
        rows.apply("SortRuns", ParDo.of(new WriteSortedRunsFn(runDir, rowsPerRun)))
            .setCoder(StringUtf8Coder.of());
    PCollection<String> none =
        rows.getPipeline().apply("NoRun", Create.of(NO_RUN).withCoder(StringUtf8Coder.of()));
    return PCollectionList.of(none)
        .and(runs)
        .apply("AllRuns", Flatten.pCollections())
        .apply("OneGroup", WithKeys.<Integer, String>of(0).withKeyType(TypeDescriptors.integers()))
        .apply("GatherRunNames", GroupByKey.create());
  }

  /** Buffers a bundle's rows and spills them as sorted runs; outputs the runs' names. */
  static final class WriteSortedRunsFn extends DoFn<KV<String, KV<String, String>>, String> {
    private final String runDir;
    private final int rowsPerRun;
    private transient List<SortedRuns.Row> buffer;

    WriteSortedRunsFn(String runDir, int rowsPerRun) {
      this.runDir = runDir;
      this.rowsPerRun = rowsPerRun;
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element KV<String, KV<String, String>> row, OutputReceiver<String> out)
        throws IOException {
      buffer.add(new SortedRuns.Row(row.getValue().getKey(), row.getValue().getValue(), row.getKey()));
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
}
