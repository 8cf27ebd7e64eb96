package org.newsstance.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.newsstance.io.CsvColumns;
import org.newsstance.io.OutletTable;
import org.newsstance.io.ReadArticles;
import org.newsstance.output.CodingSample;
import org.newsstance.output.WriteTables;
import org.newsstance.report.HtmlReport;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.text.TextCleaner;

/**
 * Command-line entry point: parses options, checks inputs and the output folder before any work,
 * runs the pipeline on the chosen runner, publishes the tables with {@code manifest.json} and
 * {@code _SUCCESS}, and prints a short summary.
 */
public final class NewsstanceMain {
  /** The tables a run publishes, in the order the summary lists them. */
  public static final List<String> PUBLISHED =
      List.of(
          WriteTables.OUTLET_WEEK, WriteTables.ARTICLES, WriteTables.SENTENCES, WriteTables.REJECTS);

  public static final String MANIFEST = "manifest.json";
  public static final String REPORT = "report.html";

  private NewsstanceMain() {}

  public static void main(String[] args) {
    System.exit(launch(args, System.out, System.err));
  }

  /** Runs with the given arguments and returns the process exit code. */
  static int launch(String[] args, PrintStream out, PrintStream err) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        printHelp(out);
        return 0;
      }
    }
    NewsstanceOptions options;
    try {
      PipelineOptionsFactory.register(NewsstanceOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(NewsstanceOptions.class);
    } catch (IllegalArgumentException e) {
      err.println("newsstance: error: " + firstLine(e.getMessage()) + " (see --help)");
      return 2;
    }
    try {
      RunReport report = run(options, args);
      out.print(report.summary());
      return report.reconciles() ? 0 : 1;
    } catch (UserError e) {
      err.println("newsstance: error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("newsstance: error: " + e.getMessage());
      return 1;
    } catch (RuntimeException | OutOfMemoryError e) {
      err.println("newsstance: the job failed: " + rootMessage(e));
      e.printStackTrace(err);
      if (rootCause(e) instanceof OutOfMemoryError) {
        err.println(outOfMemoryHint(options));
      }
      return 1;
    }
  }

  /**
   * What to do when the heap ran out: the DirectRunner keeps every grouping's input, and its
   * duplicate decision a light copy of every article, in memory.
   */
  static String outOfMemoryHint(NewsstanceOptions options) {
    String runner = options.getRunner().getSimpleName();
    return "newsstance: the Java heap ran out"
        + (runner.equals("DirectRunner")
            ? " (the DirectRunner keeps every grouping's input and a light copy of every article"
                + " in memory, about 2.5 kB each, so its memory grows with the corpus). For corpora"
                + " beyond a few hundred thousand articles run on embedded Flink,"
                + " which spills to disk: scripts/run-local.sh --runner=FlinkRunner"
                + " --flinkMaster=[local] ...; or give the JVM more memory, e.g."
                + " NEWSSTANCE_JAVA_OPTS=-Xmx4g scripts/run-local.sh ..."
            : ". Give the JVM more memory (NEWSSTANCE_JAVA_OPTS=-Xmx4g for run-local.sh, or the"
                + " TaskManager's memory on a cluster) and run again.")
        + " No results were published.";
  }

  /** The outcome of a run: the manifest written and the summary to print. */
  public record RunReport(Manifest manifest, Map<String, Long> counts, String summary) {
    public boolean reconciles() {
      return Manifest.reconciles(counts);
    }
  }

  /** Runs the whole job; used by {@link #launch} and by the end-to-end tests. */
  public static RunReport run(NewsstanceOptions options, String[] args) throws IOException {
    Instant started = Instant.now();
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(started)
            + String.format(Locale.ROOT, "-%04x", ThreadLocalRandom.current().nextInt(0x10000));
    validateNumbers(options);
    InputFiles.Resolution inputs = InputFiles.resolve(options.getInput());
    CsvColumns csvColumns;
    OutletTable outletTable;
    try {
      csvColumns = CsvColumns.parse(options.getCsvColumns());
      CsvColumns.parse(options.getJsonFields(), "--jsonFields");
      outletTable = OutletTable.load(options.getOutlets());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UserError(firstLine(e.getMessage()));
    }
    InputFiles.checkCsvHeaders(
        inputs.files(), options.getFormat(), csvColumns, options.getMaxRecordBytes());
    OutputFolder folder = OutputFolder.prepare(options.getOutput(), runId);
    ScoringResources scoring;
    TextCleaner cleaner;
    try {
      scoring = ScoringResources.shared(options.getLexiconDir());
      cleaner = TextCleaner.load(options.getCleaningRules());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UserError(firstLine(e.getMessage()));
    }

    if (NewsstancePipeline.isDirectRunner(options) || NewsstancePipeline.isEmbeddedFlink(options)) {
      trainModelsInBackground(scoring);
    }
    applyRunnerDefaults(options, args);
    DuplicateDecisionChoice duplicateDecision =
        DuplicateDecisionChoice.choose(options, inputs.files(), Runtime.getRuntime().maxMemory());
    if (duplicateDecision.warning() != null) {
      System.err.println(duplicateDecision.warning());
    }
    Pipeline pipeline = Pipeline.create(options);
    NewsstancePipeline.build(
        pipeline,
        options,
        inputs.files(),
        folder.stagingPath(),
        scoring,
        outletTable,
        duplicateDecision);
    PipelineResult.State state;
    try (Progress progress =
        Progress.start(Boolean.TRUE.equals(options.getQuiet()), System.err, Progress.onTerminal())) {
      PipelineResult result = pipeline.run();
      if (progress != null) {
        progress.watch(result);
      }
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      // A failed job publishes nothing and leaves no half-written staging folder behind.
      folder.deleteStagingFolder();
      throw e;
    }
    if (state != PipelineResult.State.DONE) {
      folder.deleteStagingFolder();
      throw new IllegalStateException(
          "the pipeline ended in state " + state + "; no results were published to " + options.getOutput());
    }
    Instant finished = Instant.now();

    Map<String, Long> counts =
        Manifest.countsFrom(folder.readStaged(WriteTables.COUNTS_FILE), scoring.dimensions());
    String outletWeek = folder.readStaged(WriteTables.OUTLET_WEEK);
    TreeSet<String> outlets = new TreeSet<>();
    TreeSet<String> weeks = new TreeSet<>();
    for (CSVRecord r :
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(new StringReader(stripBom(outletWeek)))) {
      outlets.add(r.get("outlet"));
      weeks.add(r.get("week_start"));
    }

    List<String> outputs = new ArrayList<>(PUBLISHED);
    if (options.getCodingSample() > 0) {
      outputs.add(CodingSample.FILE);
    }
    boolean withReport = !Boolean.FALSE.equals(options.getReport());
    if (withReport) {
      outputs.add(REPORT);
    }

    Manifest manifest = new Manifest();
    manifest
        .put("tool", "newsstance")
        .put("version", version())
        .put("run_id", runId)
        .put("runner", options.getRunner().getSimpleName())
        .put("started_at", started.toString())
        .put("finished_at", finished.toString())
        .put("duration_seconds", Duration.between(started, finished).toMillis() / 1000.0)
        .put("arguments", List.of(args))
        .put("options", effectiveOptions(options))
        .put("inputs", inputList(inputs))
        .put("skipped_files", inputs.skipped())
        .put("outlet_table", outletTable.origin())
        .put("lexicon_version", scoring.lexiconVersion())
        .put("cleaning_rules_version", cleaner.rulesVersion())
        .put("dimensions", scoring.dimensions())
        .put("label_threshold", scoring.labelThreshold())
        .put(DuplicateDecisionChoice.DECISION_KEY, duplicateDecision.value())
        .put(DuplicateDecisionChoice.REASON_KEY, duplicateDecision.reason())
        .put("counts", counts)
        .put("counts_reconcile", Manifest.reconciles(counts))
        .put("outlets", outlets.size())
        .put("weeks", weeks.size())
        .put("outputs", outputs);
    folder.writeStaged(MANIFEST, manifest.toJson());
    if (withReport) {
      writeReport(folder, manifest.toJson());
    }
    List<String> publish = new ArrayList<>(outputs);
    publish.add(MANIFEST);
    folder.publish(publish, List.of(WriteTables.COUNTS_FILE, WriteTables.REPORT_EVIDENCE));

    String summary =
        String.format(
            Locale.ROOT,
            "newsstance: finished in %.1f s on %s%n"
                + "  records read %d = articles %d + duplicates %d + rejected %d%s%n"
                + "%s"
                + "  undated %d, unsupported language %d, sentences %d, lines removed %d%n"
                + "  outlets %d, weeks %d%n"
                + "  results in %s: %s, %s%n",
            Duration.between(started, finished).toMillis() / 1000.0,
            options.getRunner().getSimpleName(),
            counts.get("records_read"),
            counts.get("articles"),
            counts.get("duplicates"),
            counts.get("rejected"),
            Manifest.reconciles(counts) ? "" : "  (DOES NOT ADD UP: please report this)",
            skippedLine(counts),
            counts.get("undated"),
            counts.get("unsupported_language"),
            counts.get("sentences"),
            counts.get("lines_removed"),
            outlets.size(),
            weeks.size(),
            options.getOutput(),
            String.join(", ", outputs),
            MANIFEST);
    return new RunReport(manifest, counts, summary);
  }

  /**
   * Trains the scorer's models ({@link ScoringResources#combiner}) on a daemon thread, for a
   * runner in this JVM: its workers share these resources, and would otherwise train them in
   * their set-up while the job has started (3-4 s, all slots waiting). Here it overlaps the
   * single-threaded start-up (the job graph, the runner). A failure is left for the workers to
   * meet again and report, with the job's error handling.
   */
  private static void trainModelsInBackground(ScoringResources scoring) {
    Thread t =
        new Thread(
            () -> {
              try {
                scoring.combiner();
              } catch (RuntimeException e) {
                // the workers train again and fail with the same error, where it is reported
              }
            },
            "newsstance-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Builds report.html from the staged tables, streaming the large ones. */
  private static void writeReport(OutputFolder folder, String manifestJson) throws IOException {
    StringWriter html = new StringWriter();
    try (Reader outletWeek = folder.openStaged(WriteTables.OUTLET_WEEK);
        // each article's strongest sentence rows: all the report can show, a fraction of the table
        Reader sentences = folder.openStaged(WriteTables.REPORT_EVIDENCE);
        Reader articles = folder.openStaged(WriteTables.ARTICLES)) {
      HtmlReport.create().write(outletWeek, sentences, articles, manifestJson, html);
    }
    folder.writeStaged(REPORT, html.toString());
  }

  /** "  WARC records skipped N (request 3, revisit 1, …)" or nothing when none were. */
  static String skippedLine(Map<String, Long> counts) {
    long total = 0;
    List<String> kinds = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey().startsWith(ReadArticles.SKIPPED_PREFIX)) {
        total += e.getValue();
        kinds.add(e.getKey().substring(ReadArticles.SKIPPED_PREFIX.length()) + " " + e.getValue());
      }
    }
    return total == 0
        ? ""
        : String.format(
            Locale.ROOT,
            "  WARC records skipped (not articles, not in records read) %d: %s%n",
            total,
            String.join(", ", kinds));
  }

  private static void validateNumbers(NewsstanceOptions o) {
    if (o.getMinArticles() == null || o.getMinArticles() < 1) {
      throw new UserError("--minArticles must be at least 1, was " + o.getMinArticles());
    }
    if (o.getMaxTextChars() == null || o.getMaxTextChars() < 1) {
      throw new UserError("--maxTextChars must be positive, was " + o.getMaxTextChars());
    }
    if (o.getCodingSample() == null || o.getCodingSample() < 0) {
      throw new UserError("--codingSample must be 0 (no sample) or more, was " + o.getCodingSample());
    }
    if (!NewsstancePipeline.DUPLICATE_DECISIONS.contains(o.getDuplicateDecision())) {
      throw new UserError(
          "--duplicateDecision must be one of "
              + String.join(", ", NewsstancePipeline.DUPLICATE_DECISIONS)
              + ", was "
              + o.getDuplicateDecision()
              + "; leave it out to let the runner decide (auto)");
    }
    if (o.getCodingSampleSeed() == null) {
      throw new UserError("--codingSampleSeed must be a whole number, was empty");
    }
    if (o.getMaxRecordBytes() == null || o.getMaxRecordBytes() < 1024) {
      throw new UserError("--maxRecordBytes must be at least 1024, was " + o.getMaxRecordBytes());
    }
  }

  private static Map<String, Object> effectiveOptions(NewsstanceOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", o.getInput());
    m.put("output", o.getOutput());
    m.put("runner", o.getRunner().getSimpleName());
    m.put("lexiconDir", o.getLexiconDir());
    m.put("cleaningRules", o.getCleaningRules());
    m.put("minArticles", o.getMinArticles());
    m.put("maxTextChars", o.getMaxTextChars());
    m.put("maxRecordBytes", o.getMaxRecordBytes());
    m.put("format", o.getFormat().optionValue());
    m.put("csvColumns", o.getCsvColumns());
    m.put("jsonFields", o.getJsonFields());
    m.put("jsonRecords", o.getJsonRecords());
    m.put("outlets", o.getOutlets());
    m.put("excel", o.getExcel());
    m.put("codingSample", o.getCodingSample());
    m.put("codingSampleSeed", o.getCodingSampleSeed());
    m.put("report", o.getReport());
    m.put("quiet", o.getQuiet());
    return m;
  }

  private static List<Map<String, Object>> inputList(InputFiles.Resolution inputs) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (InputFiles.InputFile f : inputs.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.displayName());
      m.put("bytes", f.sizeBytes());
      list.add(m);
    }
    return list;
  }

  static String version() {
    try (InputStream in =
        NewsstanceMain.class.getClassLoader().getResourceAsStream("newsstance/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void printHelp(PrintStream out) {
    out.println("newsstance " + version() + ": stance on allied unity and defence burden-sharing,");
    out.println("per outlet and ISO week, from archived news articles.");
    out.println();
    out.println("Usage: scripts/run-local.sh [--input=PATH[,PATH...]] [--output=DIR] [options]");
    out.println();
    PipelineOptionsFactory.printHelp(out, NewsstanceOptions.class);
    out.println("Runner options (e.g. --runner=FlinkRunner --flinkMaster=[local]) are handed to Beam;");
    out.println("see --help=DirectOptions or --help=FlinkPipelineOptions for theirs.");
  }

  /**
   * Runner settings chosen for real runs, each only when the user did not give it: the
   * DirectRunner returns from run() at once (for the progress line), skips its per-element checks
   * and runs one worker thread per core; Flink hands immutable elements between chained
   * operators without copying them.
   */
  static void applyRunnerDefaults(NewsstanceOptions options, String[] args) {
    if (NewsstancePipeline.isDirectRunner(options)) {
      DirectOptions direct = options.as(DirectOptions.class);
      if (!hasArg(args, "blockOnRun")) {
        // Let run() return while the job runs, so the progress line can read its Metrics.
        direct.setBlockOnRun(false);
      }
      // The DirectRunner's checks encode, decode and compare every element after every step, to
      // catch DoFns that mutate their input or elements a coder cannot round-trip. The unit tests
      // (TestPipeline) and the end-to-end tests keep them on; a real run turns them off unless
      // asked for: they multiply memory use (4.7 GB instead of 0.9 GB at 50,000 articles) and
      // CPU time (5,000 articles: 224 s instead of 141 s of CPU).
      if (!hasArg(args, "enforceImmutability")) {
        direct.setEnforceImmutability(false);
      }
      if (!hasArg(args, "enforceEncodability")) {
        direct.setEnforceEncodability(false);
      }
      if (!hasArg(args, "targetParallelism")) {
        // One worker thread per core, plus one: the runner's own scheduling loop (its
        // QuiescenceDriver) runs as a task in the same fixed pool. With a pool of one thread per
        // core, 10,000 articles on 2 cores used about 1.1 cores (128-149 s); with 3, 87-123 s.
        direct.setTargetParallelism(Runtime.getRuntime().availableProcessors() + 1);
      }
    }
    if (options.getRunner().getSimpleName().equals("FlinkRunner") && !hasArg(args, "fasterCopy")) {
      // Elements are immutable records, so chained Flink operators may hand them on without the
      // defensive copy (a serialise/deserialise round trip per element and operator).
      options.as(FlinkPipelineOptions.class).setFasterCopy(true);
    }
  }

  private static boolean hasArg(String[] args, String name) {
    for (String a : args) {
      if (a.equals("--" + name) || a.startsWith("--" + name + "=")) {
        return true;
      }
    }
    return false;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid arguments";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = rootCause(t);
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
