package org.newsstance.gold;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A gold TSV file: header {@code doc_id sentence_no register <dim>_relevant <dim> ...
 * phenomena sentence}, tab-separated, no quoting; sentences of one document consecutive; labels
 * -1/0/1; relevance 0/1 (or true/false).
 */
public final class GoldSet {

  /** Tab-separated, quoting disabled (a sentence may contain any quote character). */
  static final CSVFormat FORMAT =
      CSVFormat.Builder.create()
          .setDelimiter('\t')
          .setQuote(null)
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setRecordSeparator("\n")
          .build();

  private final String source;
  private final List<String> dimensions;
  private final List<GoldSentence> sentences;

  private GoldSet(String source, List<String> dimensions, List<GoldSentence> sentences) {
    this.source = source;
    this.dimensions = List.copyOf(dimensions);
    this.sentences = List.copyOf(sentences);
  }

  /** Where the set was read from (a path, or a classpath resource), for messages. */
  public String source() {
    return source;
  }

  /** The dimensions whose labels were read. */
  public List<String> dimensions() {
    return dimensions;
  }

  public List<GoldSentence> sentences() {
    return sentences;
  }

  /** Documents in file order, each with its sentences in order. */
  public Map<String, List<GoldSentence>> documents() {
    Map<String, List<GoldSentence>> docs = new LinkedHashMap<>();
    for (GoldSentence s : sentences) {
      docs.computeIfAbsent(s.docId(), k -> new ArrayList<>()).add(s);
    }
    return docs;
  }

  /**
   * Reads a gold file, taking the labels of {@code dimensions} (columns {@code <dim>} and {@code
   * <dim>_relevant}); every one of them must have a column.
   *
   * @throws IllegalArgumentException naming the file, line and bad value when a row is malformed
   */
  public static GoldSet read(Path path, List<String> dimensions) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "gold file " + path + " does not exist; pass --gold=PATH or --split=dev|test");
    }
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(r, path.toString(), dimensions, true);
    }
  }

  /**
   * Reads gold data from {@code in}, taking the labels of those {@code dimensions} that have a
   * column (see {@link #dimensions()}); the others are left out, not an error.
   */
  public static GoldSet readLabelled(Reader in, String source, List<String> dimensions)
      throws IOException {
    return parse(in, source, dimensions, false);
  }

  /**
   * Several gold sets read as one, in the given order (their documents one after the other): the
   * dimensions are those every set has, the source names them all joined by {@code +}.
   *
   * @throws IllegalArgumentException when two sets use the same document id (their sentences
   *     would merge into one article), naming the id and both sources
   */
  public static GoldSet concat(List<GoldSet> sets) {
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("no gold sets to concatenate");
    }
    List<String> dims = new ArrayList<>(sets.get(0).dimensions());
    List<String> sources = new ArrayList<>();
    List<GoldSentence> all = new ArrayList<>();
    Map<String, String> docSource = new HashMap<>();
    for (GoldSet set : sets) {
      dims.retainAll(set.dimensions());
      sources.add(set.source());
      for (String doc : set.documents().keySet()) {
        String other = docSource.putIfAbsent(doc, set.source());
        if (other != null) {
          throw new IllegalArgumentException("document id '" + doc + "' is used in both "
              + other + " and " + set.source() + "; give the documents of each split their own ids");
        }
      }
      all.addAll(set.sentences());
    }
    return new GoldSet(String.join("+", sources), dims, all);
  }

  private static GoldSet parse(
      Reader in, String source, List<String> dimensions, boolean everyDimension)
      throws IOException {
    List<GoldSentence> out = new ArrayList<>();
    List<String> read = new ArrayList<>();
    try (CSVParser p = FORMAT.parse(in)) {
      Map<String, Integer> header = p.getHeaderMap();
      for (String col : List.of("doc_id", "sentence")) {
        require(header, col, source);
      }
      for (String d : dimensions) {
        if (everyDimension) {
          require(header, d, source);
        }
        if (header.containsKey(d)) {
          read.add(d);
        }
      }
      for (CSVRecord rec : p) {
        long line = rec.getRecordNumber() + 1;
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Boolean> relevant = new HashMap<>();
        for (String d : read) {
          int label = parseLabel(get(rec, d), source, line, d);
          labels.put(d, label);
          String rel = header.containsKey(d + "_relevant") ? get(rec, d + "_relevant") : "";
          relevant.put(d, rel.isEmpty() ? label != 0 : parseBool(rel, source, line, d));
        }
        String no = get(rec, "sentence_no");
        int sentenceNo;
        try {
          sentenceNo = no.isEmpty() ? 0 : Integer.parseInt(no.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              source + ":" + line + ": sentence_no '" + no + "' is not an integer");
        }
        out.add(
            new GoldSentence(
                get(rec, "doc_id"), sentenceNo, get(rec, "register"), relevant, labels,
                get(rec, "phenomena"), get(rec, "sentence"), line));
      }
    }
    return new GoldSet(source, read, out);
  }

  private static void require(Map<String, Integer> header, String col, String path) {
    if (!header.containsKey(col)) {
      throw new IllegalArgumentException(
          path + ": header has no column '" + col + "'; found " + header.keySet());
    }
  }

  private static String get(CSVRecord rec, String col) {
    return rec.isMapped(col) && rec.isSet(col) ? rec.get(col).strip() : "";
  }

  private static int parseLabel(String s, String path, long line, String dim) {
    switch (s.replace("+", "")) {
      case "1":
        return 1;
      case "0":
      case "":
        return 0;
      case "-1":
        return -1;
      default:
        throw new IllegalArgumentException(
            path + ":" + line + ": label '" + s + "' in column '" + dim + "' is not -1, 0 or 1");
    }
  }

  private static boolean parseBool(String s, String path, long line, String dim) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "yes", "y" -> true;
      case "0", "false", "no", "n" -> false;
      default -> throw new IllegalArgumentException(
          path + ":" + line + ": '" + s + "' in column '" + dim + "_relevant' is not 0/1");
    };
  }
}
