package org.newsstance.pipeline;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.newsstance.io.CsvArticleReader;
import org.newsstance.io.CsvColumns;
import org.newsstance.io.Decompression;
import org.newsstance.io.InputFormat;
import org.newsstance.io.Utf16AsUtf8;

/**
 * Resolves {@code --input} into concrete files before the pipeline starts, so a missing path
 * fails at once with its name, and the manifest can list every file with its size.
 *
 * <p>A spec is a file, a directory or a glob; several are separated by commas. A directory means
 * the data files directly inside it (by extension, see {@link #isDataFile}); other entries there,
 * such as a README, a subfolder (listed with a trailing slash: folders are not searched) or a
 * dangling link, are listed as skipped in the manifest, never read or dropped silently. A
 * file named explicitly is always read. Each file keeps the name the user typed (the spec plus
 * the file's path below it), which is what outputs show in their {@code source} columns.
 */
public final class InputFiles {
  /** One resolved input file. */
  public record InputFile(String path, String displayName, long sizeBytes) {}

  /** Resolved inputs and the files of directories that were not read. */
  public record Resolution(List<InputFile> files, List<String> skipped) {}

  private static final List<String> DATA_EXTENSIONS =
      List.of(".jsonl", ".ndjson", ".json", ".jl", ".txt", ".csv", ".tsv", ".warc", ".wet");
  private static final List<String> COMPRESSION_EXTENSIONS =
      List.of(".gz", ".bz2", ".zst", ".deflate", ".lzo");

  private InputFiles() {}

  public static Resolution resolve(String inputOption) {
    if (inputOption == null || inputOption.isBlank()) {
      throw new UserError("--input is empty; give a file, a directory or a glob of articles");
    }
    List<InputFile> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String raw : inputOption.split(",")) {
      String spec = raw.strip();
      if (spec.isEmpty()) {
        continue;
      }
      if (isGlob(spec)) {
        resolveGlob(spec, files);
      } else if (!hasScheme(spec) && Files.isDirectory(Paths.get(spec))) {
        resolveDirectory(spec, files, skipped);
      } else {
        resolveFile(spec, files);
      }
    }
    if (files.isEmpty()) {
      throw new UserError(
          "no input files found in --input=" + inputOption
              + "; expected JSON-lines, CSV or WARC files (.jsonl, .json, .ndjson, .csv, .tsv, .warc, .wet,"
              + " optionally .gz/.bz2)");
    }
    return new Resolution(List.copyOf(files), List.copyOf(skipped));
  }

  /** Whether a file name has a data extension, after removing a compression extension. */
  public static boolean isDataFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String c : COMPRESSION_EXTENSIONS) {
      if (n.endsWith(c)) {
        n = n.substring(0, n.length() - c.length());
        break;
      }
    }
    for (String ext : DATA_EXTENSIONS) {
      if (n.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks, before the run, that every file read as CSV has the columns {@code --csvColumns}
   * needs; throws a {@link UserError} naming the file, the missing columns and the file's real
   * header. Files whose format is decided by content are sniffed the same way the reader does,
   * and the header is read as the reader reads it ({@link CsvArticleReader#readHeader}: the same
   * choice of delimiter, the same matching of names), so a file this check passes is not rejected
   * for its header in the run.
   */
  public static void checkCsvHeaders(
      List<InputFile> files, InputFormat requested, CsvColumns columns, int maxRecordBytes) {
    for (InputFile f : files) {
      InputFormat byName = InputFormat.resolve(requested, f.path(), null, 0);
      if (byName != InputFormat.CSV && byName != InputFormat.AUTO) {
        continue;
      }
      try (InputStream in =
          Utf16AsUtf8.view(
              new BufferedInputStream(
                  Channels.newInputStream(
                      Decompression.open(
                          f.path(),
                          FileSystems.open(
                              FileSystems.matchSingleFileSpec(f.path()).resourceId())))))) {
        if (byName == InputFormat.AUTO) {
          byte[] head = new byte[InputFormat.SNIFF_BYTES];
          in.mark(head.length);
          int n = in.readNBytes(head, 0, head.length);
          in.reset();
          if (InputFormat.sniff(head, n) != InputFormat.CSV) {
            continue;
          }
        }
        List<String> header = CsvArticleReader.readHeader(in, columns, maxRecordBytes);
        if (header.isEmpty()) {
          continue; // empty or unreadable: the reader reports it as a reject with its reason
        }
        if (!columns.missing(header).isEmpty()) {
          throw new UserError(columns.missingMessage(f.displayName(), header));
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof UserError) {
          throw (UserError) e;
        }
        // Unreadable here means unreadable in the run too, where it becomes a reject with the
        // reason; the header check only stops runs it can prove wrong.
      }
    }
  }

  private static void resolveDirectory(String spec, List<InputFile> files, List<String> skipped) {
    Path dir = Paths.get(spec);
    List<Path> children = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.sorted().forEach(children::add);
    } catch (IOException e) {
      throw new UserError("cannot list input directory " + spec + ": " + e.getMessage());
    }
    String prefix = spec.endsWith("/") ? spec : spec + "/";
    int before = files.size();
    for (Path child : children) {
      String name = child.getFileName().toString();
      String display = prefix + name;
      if (Files.isDirectory(child)) {
        skipped.add(display + "/");
        continue;
      }
      // A dangling link, a pipe or a socket: not a file that can be read.
      if (!Files.isRegularFile(child) || name.startsWith(".") || !isDataFile(name)) {
        skipped.add(display);
        continue;
      }
      files.add(new InputFile(child.toAbsolutePath().toString(), display, size(child)));
    }
    if (files.size() == before) {
      throw new UserError(
          "input directory " + spec + " holds no data files (.jsonl, .json, .ndjson, .csv, .tsv, .warc, .wet,"
              + " optionally .gz/.bz2); point --input at the files themselves if they have another"
              + " name");
    }
  }

  private static void resolveFile(String spec, List<InputFile> files) {
    MatchResult.Metadata meta = matchOne(spec);
    files.add(new InputFile(meta.resourceId().toString(), spec, meta.sizeBytes()));
  }

  private static void resolveGlob(String spec, List<InputFile> files) {
    List<MatchResult.Metadata> matches;
    try {
      MatchResult result = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      matches = new ArrayList<>(result.metadata());
    } catch (IOException e) {
      throw new UserError("cannot expand input glob " + spec + ": " + e.getMessage());
    }
    if (matches.isEmpty()) {
      throw new UserError("no file matches the input glob " + spec + "; check the pattern");
    }
    matches.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
    String base = globBase(spec);
    String absoluteBase =
        hasScheme(spec) ? base : Paths.get(base.isEmpty() ? "." : base).toAbsolutePath().normalize().toString();
    for (MatchResult.Metadata m : matches) {
      if (m.resourceId().isDirectory()) {
        continue;
      }
      String path = m.resourceId().toString();
      String display = path;
      String absBaseSlash = absoluteBase.endsWith("/") ? absoluteBase : absoluteBase + "/";
      if (path.startsWith(absBaseSlash)) {
        display = base + (base.isEmpty() || base.endsWith("/") ? "" : "/") + path.substring(absBaseSlash.length());
      }
      files.add(new InputFile(path, display, m.sizeBytes()));
    }
  }

  /** The part of a glob before the first path segment with a wildcard. */
  static String globBase(String spec) {
    int firstWild = firstWildcard(spec);
    int slash = spec.lastIndexOf('/', firstWild);
    return slash < 0 ? "" : spec.substring(0, slash + 1);
  }

  private static MatchResult.Metadata matchOne(String spec) {
    try {
      MatchResult result = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      if (result.status() != MatchResult.Status.OK || result.metadata().isEmpty()) {
        throw new UserError("input path does not exist: " + spec + "; check --input");
      }
      return result.metadata().get(0);
    } catch (IOException e) {
      throw new UserError("cannot read input path " + spec + ": " + e.getMessage());
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean isGlob(String spec) {
    return firstWildcard(spec) < spec.length();
  }

  private static int firstWildcard(String spec) {
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return spec.length();
  }

  private static boolean hasScheme(String spec) {
    int colon = spec.indexOf("://");
    return colon > 0;
  }
}
