package org.newsstance.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Writes rows as one CSV file with a header, rows ordered by their sort key, so the same input
 * gives the same bytes on every runner. Input elements are {@code KV<sortKey, csvLine>}.
 *
 * <p>The header travels through the pipeline as a row with the smallest possible key, so an
 * empty table still gets its file. Line endings are LF, or CRLF with a UTF-8 byte-order mark
 * in Excel mode.
 */
public final class WriteCsvTable extends PTransform<PCollection<KV<String, String>>, PDone> {
  private static final String HEADER_KEY = "\u0000";

  private final String directory;
  private final String fileName;
  private final String header;
  private final boolean excel;

  private WriteCsvTable(String directory, String fileName, String header, boolean excel) {
    this.directory = directory;
    this.fileName = fileName;
    this.header = header;
    this.excel = excel;
  }

  /** Writes {@code fileName} under {@code directory} with the given columns. */
  public static WriteCsvTable to(String directory, String fileName, List<String> columns) {
    if (directory == null || directory.isEmpty()) {
      throw new IllegalArgumentException("output directory must be set, was empty");
    }
    if (fileName == null || fileName.isEmpty() || fileName.contains("/")) {
      throw new IllegalArgumentException("fileName must be a plain file name, was " + fileName);
    }
    return new WriteCsvTable(directory, fileName, Tables.header(columns), false);
  }

  /** UTF-8 with a byte-order mark and CRLF line endings, so Excel opens accents correctly. */
  public WriteCsvTable withExcel(boolean excelMode) {
    return new WriteCsvTable(directory, fileName, header, excelMode);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> rows) {
    PCollection<KV<String, String>> headerRow =
        rows.getPipeline()
            .apply(
                "Header",
                Create.of(KV.of(HEADER_KEY, header))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    PCollectionList.of(headerRow)
        .and(rows)
        .apply("WithHeader", Flatten.pCollections())
        .apply("OneGroup", WithKeys.<Integer, KV<String, String>>of(0).withKeyType(TypeDescriptors.integers()))
        .apply("GatherRows", GroupByKey.create())
        .apply("SortAndWrite", ParDo.of(new WriteSortedFn(directory, fileName, excel)));
    return PDone.in(rows.getPipeline());
  }

  /** Sorts all rows of the table by key and writes the file in one go. */
  static final class WriteSortedFn extends DoFn<KV<Integer, Iterable<KV<String, String>>>, Void> {
    private final String directory;
    private final String fileName;
    private final boolean excel;

    WriteSortedFn(String directory, String fileName, boolean excel) {
      this.directory = directory;
      this.fileName = fileName;
      this.excel = excel;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, String>>> all) throws IOException {
      List<KV<String, String>> rows = new ArrayList<>();
      for (KV<String, String> row : all.getValue()) {
        rows.add(row);
      }
      rows.sort(Comparator.comparing((KV<String, String> kv) -> kv.getKey())
          .thenComparing(KV::getValue));
      ResourceId dir = FileSystems.matchNewResource(directory, true);
      ResourceId file = dir.resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
      byte[] eol = (excel ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(file, "text/csv"))) {
        if (excel) {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        for (KV<String, String> row : rows) {
          out.write(row.getValue().getBytes(StandardCharsets.UTF_8));
          out.write(eol);
        }
      }
    }
  }
}
