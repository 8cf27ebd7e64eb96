package org.newsstance.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The output folder and its run-specific staging folder. The pipeline writes into {@code
 * <output>/_tmp-<runId>/}; only when the job has succeeded are the files moved into place and
 * {@code _SUCCESS} written last, so a scheduler never reads half a result. A failed run leaves
 * the previous results untouched (apart from their {@code _SUCCESS}, which is removed before the
 * move so a half-moved folder is never marked complete).
 */
public final class OutputFolder {
  public static final String SUCCESS = "_SUCCESS";

  private final String output;
  private final ResourceId dir;
  private final ResourceId staging;

  private OutputFolder(String output, String runId) {
    this.output = output;
    // Local folders are made absolute: on a cluster, workers have another working directory.
    String location = output.contains("://") ? output : Paths.get(output).toAbsolutePath().toString();
    this.dir = FileSystems.matchNewResource(location, true);
    this.staging = dir.resolve("_tmp-" + runId, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /**
   * Checks that the folder can be written (creating it if needed) before any work starts; a
   * local folder is probed with a real file.
   */
  public static OutputFolder prepare(String output, String runId) {
    if (output == null || output.isBlank()) {
      throw new UserError("--output is empty; give a folder for the results");
    }
    if (!output.contains("://")) {
      Path p = Paths.get(output);
      try {
        Files.createDirectories(p);
        Path probe = Files.createTempFile(p, ".newsstance-probe", ".tmp");
        Files.delete(probe);
      } catch (IOException | SecurityException e) {
        throw new UserError(
            "cannot write to output folder " + output + " (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + "); choose a writable folder with --output");
      }
    }
    return new OutputFolder(output, runId);
  }

  /** Where the pipeline writes: a folder only this run uses. */
  public String stagingPath() {
    return staging.toString();
  }

  public String path() {
    return output;
  }

  /** Reads a file the pipeline wrote into the staging folder. */
  public String readStaged(String name) throws IOException {
    ResourceId f = staging.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    try (var in = Channels.newInputStream(FileSystems.open(f))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Opens a file the pipeline wrote into the staging folder, to stream it. */
  public java.io.Reader openStaged(String name) throws IOException {
    ResourceId f = staging.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    return new java.io.BufferedReader(
        Channels.newReader(FileSystems.open(f), StandardCharsets.UTF_8.newDecoder(), -1));
  }

  /** Writes a file into the staging folder (the manifest, the report). */
  public void writeStaged(String name, String content) throws IOException {
    ResourceId f = staging.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(f, "text/plain"))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Moves the named staged files into the output folder, deletes the given internal staged files
   * and the staging folder, then writes {@code _SUCCESS}.
   */
  public void publish(List<String> names, List<String> internal) throws IOException {
    ResourceId success = dir.resolve(SUCCESS, StandardResolveOptions.RESOLVE_FILE);
    FileSystems.delete(List.of(success), StandardMoveOptions.IGNORE_MISSING_FILES);
    List<ResourceId> from = new ArrayList<>();
    List<ResourceId> to = new ArrayList<>();
    for (String n : names) {
      from.add(staging.resolve(n, StandardResolveOptions.RESOLVE_FILE));
      to.add(dir.resolve(n, StandardResolveOptions.RESOLVE_FILE));
    }
    FileSystems.delete(to, StandardMoveOptions.IGNORE_MISSING_FILES);
    FileSystems.rename(from, to);
    List<ResourceId> leftovers = new ArrayList<>();
    for (String n : internal) {
      leftovers.add(staging.resolve(n, StandardResolveOptions.RESOLVE_FILE));
    }
    FileSystems.delete(leftovers, StandardMoveOptions.IGNORE_MISSING_FILES);
    deleteStagingFolder();
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(success, "text/plain"))) {
      out.write(new byte[0]);
    }
  }

  /**
   * Removes the staging folder. On object stores and HDFS there is nothing left to remove by
   * then: the tables' sorted runs are deleted by their merges, and the tables were moved out.
   */
  public void deleteStagingFolder() {
    if (!output.contains("://")) {
      Path p = Paths.get(staging.toString().replaceFirst("^file:", ""));
      try (var files = Files.walk(p)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // Nothing to clean: the folder is already gone.
      }
    }
  }
}
