package org.newsstance.evaluation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.newsstance.output.SpreadsheetSafe;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.scoring.SentenceScore;
import org.newsstance.scoring.StanceScorer;

/**
 * Scores sentences from stdin (or a file argument) and writes CSV to stdout, one row per input
 * line in input order. A line is a sentence, or {@code DOCUMENT_ID<TAB>sentence}; consecutive
 * lines with the same id are one article, scored in order so earlier sentences give context (a
 * line without an id is an article of its own). A line that is empty or not valid UTF-8 gets a
 * row with only its line number and never stops the run.
 *
 * <p>Columns: {@code line}, then per dimension {@code <dim>_relevant} (1/0), {@code <dim>_score}
 * (4 decimals), {@code <dim>_label} (-1/0/1), then per dimension {@code <dim>_cues} ({@code ; }
 * -joined). Usage: {@code ScoreSentences [--lexicons=DIR] [FILE]}.
 */
public final class ScoreSentences {

  private ScoreSentences() {}

  public static void main(String[] args) throws IOException {
    String lexicons = null;
    String file = null;
    for (String a : args) {
      if (a.startsWith("--lexicons=")) {
        lexicons = a.substring("--lexicons=".length());
      } else if (a.startsWith("--")) {
        System.err.println("score-sentences: unknown option '" + a
            + "'; usage: ScoreSentences [--lexicons=DIR] [FILE]");
        System.exit(2);
        return;
      } else {
        file = a;
      }
    }
    ScoringResources resources = ScoringResources.shared(lexicons);
    if (file != null && !Files.isRegularFile(Path.of(file))) {
      System.err.println("score-sentences: input file " + file + " does not exist");
      System.exit(2);
      return;
    }
    try (InputStream in = file == null ? System.in : Files.newInputStream(Path.of(file))) {
      Writer w = new OutputStreamWriter(new PrintStream(System.out, false, StandardCharsets.UTF_8),
          StandardCharsets.UTF_8);
      run(in, w, resources);
      w.flush();
    }
  }

  /** CSV header for {@code dimensions}. */
  public static List<String> header(List<String> dimensions) {
    List<String> h = new ArrayList<>();
    h.add("line");
    for (String d : dimensions) {
      h.add(d + "_relevant");
      h.add(d + "_score");
      h.add(d + "_label");
    }
    for (String d : dimensions) {
      h.add(d + "_cues");
    }
    return h;
  }

  /** Reads lines from {@code in}, writes the CSV to {@code out}. */
  public static void run(InputStream in, Writer out, ScoringResources resources)
      throws IOException {
    List<String> dims = resources.dimensions();
    StanceScorer scorer = new StanceScorer(resources);
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();
    CSVPrinter printer = new CSVPrinter(out, format);
    printer.printRecord(header(dims));
    Group group = new Group();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    long lineNo = 0;
    int b;
    boolean pending = false;
    while (true) {
      b = bin.read();
      if (b == -1 || b == '\n') {
        if (b == -1 && !pending) {
          break;
        }
        lineNo++;
        byte[] bytes = buf.toByteArray();
        buf.reset();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
          len--;
        }
        String text = decode(decoder, bytes, len);
        String id = null;
        String sentence = text;
        if (text != null) {
          int tab = text.indexOf('\t');
          if (tab >= 0) {
            id = text.substring(0, tab);
            sentence = text.substring(tab + 1);
          }
          if (sentence.isBlank()) {
            sentence = null;
          }
        }
        if (sentence != null && (id == null || !id.equals(group.id))) {
          group.flush(scorer, printer, dims.size());
          group.id = id;
        }
        group.lines.add(lineNo);
        group.sentences.add(sentence);
        if (sentence != null && id == null) {
          group.flush(scorer, printer, dims.size());
        }
        pending = false;
        if (b == -1) {
          break;
        }
      } else {
        buf.write(b);
        pending = true;
      }
    }
    group.flush(scorer, printer, dims.size());
    printer.flush();
  }

  private static String decode(CharsetDecoder decoder, byte[] bytes, int len) {
    try {
      return decoder.reset().decode(ByteBuffer.wrap(bytes, 0, len)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Lines of one article (null sentence = bad line) waiting to be scored and printed. */
  private static final class Group {
    String id;
    final List<Long> lines = new ArrayList<>();
    final List<String> sentences = new ArrayList<>();

    void flush(StanceScorer scorer, CSVPrinter printer, int dims) throws IOException {
      if (lines.isEmpty()) {
        return;
      }
      List<String> good = new ArrayList<>();
      for (String s : sentences) {
        if (s != null) {
          good.add(s);
        }
      }
      List<List<SentenceScore>> scores = scorer.scoreArticle(good);
      int k = 0;
      for (int i = 0; i < lines.size(); i++) {
        List<Object> row = new ArrayList<>();
        row.add(lines.get(i));
        if (sentences.get(i) == null) {
          for (int c = 0; c < dims * 4; c++) {
            row.add("");
          }
        } else {
          List<SentenceScore> s = scores.get(k++);
          for (SentenceScore x : s) {
            row.add(x.relevant() ? "1" : "0");
            row.add(String.format(Locale.ROOT, "%.4f", x.score()));
            row.add(String.valueOf(x.label()));
          }
          for (SentenceScore x : s) {
            row.add(SpreadsheetSafe.text(String.join("; ", x.cues())));
          }
        }
        printer.printRecord(row);
      }
      lines.clear();
      sentences.clear();
      id = null;
    }
  }
}
