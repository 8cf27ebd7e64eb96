package org.newsstance.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.newsstance.model.Reject;

/**
 * Streams a CSV export (RFC 4180, UTF-8 with or without byte-order mark, LF or CRLF) into
 * articles, mapping columns to fields with {@link CsvColumns} (which also says how names that
 * differ only in case are matched).
 *
 * <p>The delimiter is decided per file from its header record: a comma, unless the header read
 * with commas lacks a column the mapping requires and read with a semicolon (European Excel) or,
 * failing that, a tab it has them all. Every record of the file is then framed and parsed with
 * that delimiter; quoting is RFC 4180 whatever the delimiter. A header that fits none is read with
 * commas and reported as it is. The launcher's check ({@link #readHeader}) decides it with the
 * same code, so the check and the reader never disagree.
 *
 * <p>Records are framed first, then parsed one by one with commons-csv: physical lines (from
 * {@link LineReader}, so invalid UTF-8 and over-long lines are caught) are joined while a quoted
 * field is open; as in commons-csv, a quote opens a field only at the start of a field (the start
 * of the record or right after the delimiter: framing depends on the delimiter), so a {@code 5"
 * screen} in an unquoted field is an ordinary character. A record that does not parse,
 * or has a different number of fields than the header, is a {@value RejectCodes#MALFORMED_CSV}
 * reject at the line where it starts, and reading goes on with the next record. When a record of
 * several lines does not parse, or its quote is never closed, only its first line is rejected
 * and the lines after it are read again as records (for records of at most {@value
 * #MAX_LINES_READ_AGAIN} lines): one bad quote costs one record, not the rest of the file. A
 * record that never closes its quote and runs past {@code maxRecordBytes} is rejected as {@value
 * RejectCodes#RECORD_TOO_LARGE}. Positions are 1-based line numbers; articles keep the
 * line of their record's start.
 *
 * <p>The first record is the header. When it lacks a required column the whole file is one
 * {@value RejectCodes#MISSING_COLUMN} reject (the launcher checks headers before the run, so this
 * happens only when a file changed in between). Memory is bounded by {@code maxRecordBytes}. Not
 * thread-safe; the caller closes the stream.
 */
public final class CsvArticleReader implements ArticleSource {
  /**
   * A record that does not parse is read again from its second line only when it spans at most
   * this many lines, so that a hostile file cannot make reading quadratic.
   */
  static final int MAX_LINES_READ_AGAIN = 1000;

  /**
   * The delimiters a file may use, in the order they are tried on its header: the file's is the
   * first under which the header has every column {@link CsvColumns} requires (a header that
   * fits none is read with a comma and reported as it is).
   */
  static final List<Character> DELIMITERS = List.of(',', ';', '\t');

  private static final Map<Character, CSVFormat> FORMATS =
      Map.of(',', format(','), ';', format(';'), '\t', format('\t'));

  private static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setTrim(false).build();
  }

  private final LineReader lines;
  private final String source;
  private final CsvColumns columns;
  private final ArticleFactory factory;
  private final int maxRecordBytes;
  /** Field to its column's position, from {@link CsvColumns#positions}; null before the header. */
  private Map<String, Integer> header;
  private int headerSize;
  private boolean finished;
  /** This file's delimiter, decided from its header by {@link #frameHeader}. */
  private char delimiter = ',';
  /** While a delimiter is tried on the header: frame only the lines handed back, read no more. */
  private boolean trial;

  public CsvArticleReader(
      InputStream decompressed,
      String source,
      CsvColumns columns,
      ArticleFactory factory,
      int maxRecordBytes) {
    this.lines = new LineReader(decompressed, maxRecordBytes);
    this.source = source;
    this.columns = columns;
    this.factory = factory;
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public ReadOutcome next() {
    while (!finished) {
      Framed record = header == null ? frameHeader() : frame();
      if (record == null) {
        finished = true;
        return null;
      }
      if (record.reject != null) {
        return ReadOutcome.of(record.reject);
      }
      if (header == null) {
        ReadOutcome problem = readHeader(record);
        if (problem != null) {
          finished = true;
          return problem;
        }
        continue;
      }
      return toArticle(record);
    }
    return null;
  }

  /**
   * A framed record: its first line, its text (or a reject), and the lines after its first one
   * while they were held ({@code rest}, empty when the record is one line or was too large), to
   * be read again as records when the record turns out not to parse.
   */
  private record Framed(long line, String text, Reject reject, List<LineReader.Line> rest) {
    Framed(long line, String text, Reject reject) {
      this(line, text, reject, List.of());
    }
  }

  /** Lines handed back to be framed again, in order, before the reader's next line. */
  private final ArrayDeque<LineReader.Line> reread = new ArrayDeque<>();

  private boolean hasLine() {
    return !reread.isEmpty() || (!trial && lines.hasNext());
  }

  private LineReader.Line nextLine() {
    return reread.isEmpty() ? lines.next() : reread.poll();
  }

  /** Makes {@code held} the next lines to frame, in place of those handed back so far. */
  private void handBack(List<LineReader.Line> held) {
    reread.clear();
    reread.addAll(held);
  }

  /** Frames the lines {@code rest} again, before any line not read yet. */
  private void readAgain(List<LineReader.Line> rest) {
    for (int i = rest.size() - 1; i >= 0; i--) {
      reread.addFirst(rest.get(i));
    }
  }

  /**
   * The next complete record, an error, or null at the end. A record ends at a line end outside
   * quotes (see {@link #quoteOpenAfter}, which depends on the delimiter).
   */
  private Framed frame() {
    StringBuilder sb = null;
    List<LineReader.Line> held = new ArrayList<>();
    long start = 0;
    long last = 0;
    boolean inQuotes = false;
    boolean tooLarge = false;
    while (hasLine()) {
      LineReader.Line line = nextLine();
      if (line.isError()) {
        if (sb != null) {
          // The record being joined is lost with the bad line: say both in one reject.
          return new Framed(
              start,
              "",
              new Reject(
                  source,
                  Long.toString(start),
                  line.error(),
                  String.format(
                      Locale.ROOT,
                      "the record starting at line %d runs into line %d, which cannot be read: %s",
                      start, line.number(), line.detail()),
                  line.excerpt()));
        }
        return new Framed(line.number(), "", line.toReject(source));
      }
      if (sb == null) {
        sb = new StringBuilder(line.text().length() + 16);
        start = line.number();
      } else {
        for (long gap = last + 1; gap <= line.number(); gap++) {
          if (!tooLarge) {
            sb.append('\n');
          }
        }
      }
      if (!tooLarge && held != null) {
        held.add(line);
        if (held.size() > MAX_LINES_READ_AGAIN) {
          held = null; // too many to read again: the record stays one reject, as it is
        }
      }
      last = line.number();
      String text = line.text();
      inQuotes = quoteOpenAfter(text, inQuotes, delimiter);
      if (!tooLarge) {
        sb.append(text);
        if (sb.length() > maxRecordBytes) {
          tooLarge = true;
          held = null;
          sb.setLength(Reject.EXCERPT_CHARS);
        }
      }
      if (!inQuotes) {
        if (tooLarge) {
          return new Framed(start, "", tooLarge(start, last, sb.toString()));
        }
        return new Framed(start, sb.toString(), null, rest(held));
      }
    }
    if (sb == null) {
      return null;
    }
    List<LineReader.Line> rest = rest(held);
    if (!rest.isEmpty()) {
      // A field cut short (an export that truncated it) leaves its quote open, and the records
      // after it are real: reject the first line only and read the others again.
      readAgain(rest);
      return unclosedQuote(
          start,
          "line %d opens a quoted field that is never closed before the end of the file; the line"
              + " was skipped and the lines after it read as records. Close the quote",
          held.get(0).text());
    }
    return unclosedQuote(
        start,
        "the record starting at line %d opens a quoted field that is never closed before the end"
            + " of the file; close the quote",
        sb.toString());
  }

  /**
   * Whether a quoted field is open at the end of the line {@code text}, which starts inside one
   * when {@code inQuotes}. Quotes are followed as RFC 4180 and commons-csv read them: a quote opens
   * a quoted field only at the start of a field, that is at the start of the record or right after
   * the {@code delimiter} (elsewhere, as in {@code 5" screen}, it is an ordinary character); inside
   * a quoted field {@code ""} is a quote and a single quote closes the field.
   */
  static boolean quoteOpenAfter(String text, boolean inQuotes, char delimiter) {
    boolean fieldStart = !inQuotes;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
        }
      } else if (c == '"' && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else {
        fieldStart = c == delimiter;
      }
    }
    return inQuotes;
  }

  /**
   * Decides the file's delimiter from the header record at the reader's position, then frames
   * that record with it: the launcher's check and the reader both come here, so they never
   * disagree. The delimiter is the first of {@link #DELIMITERS} under which the header record,
   * framed and parsed with it, has every column the mapping requires, else a comma: a comma file
   * whose names contain semicolons stays a comma file, and a header that fits no delimiter is
   * reported as read with commas.
   */
  private Framed frameHeader() {
    List<LineReader.Line> head = lookAhead();
    char chosen = ',';
    for (char d : DELIMITERS) {
      if (headerFits(head, d)) {
        chosen = d;
        break;
      }
    }
    delimiter = chosen;
    handBack(head);
    return frame();
  }

  /**
   * The lines from the reader's position up to where the header record ends under every
   * delimiter, taken out of the reader to be handed back; fewer at an unreadable line, at the end
   * of the file, or past what a record may hold (then a delimiter whose quote is still open there
   * cannot be the file's).
   */
  private List<LineReader.Line> lookAhead() {
    List<LineReader.Line> head = new ArrayList<>(reread);
    reread.clear();
    boolean[] open = new boolean[DELIMITERS.size()];
    boolean[] ended = new boolean[DELIMITERS.size()];
    long chars = 0;
    for (int i = 0; ; i++) {
      if (i == head.size()) {
        if (!lines.hasNext() || head.size() > MAX_LINES_READ_AGAIN || chars > maxRecordBytes) {
          return head;
        }
        head.add(lines.next());
      }
      LineReader.Line line = head.get(i);
      if (line.isError()) {
        return head;
      }
      chars += line.text().length();
      boolean allEnded = true;
      for (int k = 0; k < open.length; k++) {
        if (!ended[k]) {
          open[k] = quoteOpenAfter(line.text(), open[k], DELIMITERS.get(k));
          ended[k] = !open[k];
        }
        allEnded &= ended[k];
      }
      if (allEnded) {
        return head;
      }
    }
  }

  /** Whether the header record at the start of {@code head}, read with {@code d}, fits. */
  private boolean headerFits(List<LineReader.Line> head, char d) {
    handBack(head);
    trial = true;
    delimiter = d;
    try {
      Framed record = frame();
      return record != null
          && record.reject == null
          && columns.missing(parseOne(record.text, d)).isEmpty();
    } catch (IllegalStateException | UncheckedIOException e) {
      return false;
    } finally {
      trial = false;
    }
  }

  /** A {@code malformed_csv} reject for a quote left open; {@code what} has a %d for the line. */
  private Framed unclosedQuote(long start, String what, String excerpt) {
    String reason =
        String.format(Locale.ROOT, what, start) + " (a quote inside a field is written \"\")";
    return new Framed(
        start,
        "",
        new Reject(source, Long.toString(start), RejectCodes.MALFORMED_CSV, reason, excerpt));
  }

  /** The held lines after the first; empty when there is one or none, or they were let go. */
  private static List<LineReader.Line> rest(List<LineReader.Line> held) {
    return held == null || held.size() <= 1 ? List.of() : List.copyOf(held.subList(1, held.size()));
  }

  private Reject tooLarge(long start, long end, String excerpt) {
    return new Reject(
        source,
        Long.toString(start),
        RejectCodes.RECORD_TOO_LARGE,
        String.format(
            Locale.ROOT,
            "the record on lines %d-%d is longer than %d characters; it was skipped. Check for an"
                + " unclosed quote, or raise --maxRecordBytes",
            start, end, maxRecordBytes),
        excerpt);
  }

  private ReadOutcome readHeader(Framed record) {
    List<String> names;
    try {
      names = parseOne(record.text, delimiter);
    } catch (IllegalStateException | UncheckedIOException e) {
      return malformed(
          record,
          "the header row cannot be parsed as CSV (" + e.getMessage() + "); no record of this"
              + " file was read. Fix the header");
    }
    List<String> cleaned = CsvColumns.cleaned(names);
    if (!columns.missing(cleaned).isEmpty()) {
      return ReadOutcome.of(
          new Reject(
              source,
              Long.toString(record.line),
              RejectCodes.MISSING_COLUMN,
              columns.missingMessage(source, cleaned) + "; no record of this file was read",
              record.text));
    }
    header = columns.positions(cleaned);
    headerSize = cleaned.size();
    return null;
  }

  /** A {@code malformed_csv} reject of this record, at its line, with the record as excerpt. */
  private ReadOutcome malformed(Framed record, String detail) {
    return ReadOutcome.of(
        new Reject(
            source, Long.toString(record.line), RejectCodes.MALFORMED_CSV, detail, record.text));
  }

  private ReadOutcome toArticle(Framed record) {
    String line = Long.toString(record.line);
    List<String> values;
    try {
      values = parseOne(record.text, delimiter);
    } catch (IllegalStateException | UncheckedIOException e) {
      if (!record.rest().isEmpty()) {
        // A quote opened on this line was closed on a later one by what is really another
        // record: skip this line only, and read the later lines again as records.
        readAgain(record.rest());
        String first = record.text().substring(0, Math.max(0, record.text().indexOf('\n')));
        return ReadOutcome.of(
            new Reject(
                source,
                line,
                RejectCodes.MALFORMED_CSV,
                "line " + line + " opens a quoted field that does not close properly ("
                    + e.getMessage() + "); the line was skipped and the lines after it read as"
                    + " records. Quote fields that contain " + delimiters() + ", quotes or line"
                    + " breaks, and double inner quotes",
                first));
      }
      return malformed(
          record,
          "the record at line " + line + " is not valid CSV (" + e.getMessage() + "); quote"
              + " fields that contain " + delimiters() + ", quotes or line breaks, and double"
              + " inner quotes");
    }
    if (values.size() != headerSize) {
      return malformed(
          record,
          String.format(
              Locale.ROOT,
              "the record at line %s has %d fields, the header has %d; quote fields that"
                  + " contain %s",
              line, values.size(), headerSize, delimiters()));
    }
    ArticleFactory.Result r =
        factory.build(
            new ArticleFactory.Fields(
                value(values, "id"),
                value(values, "url"),
                value(values, "outlet"),
                value(values, "published"),
                "field",
                value(values, "title"),
                value(values, "text"),
                value(values, "language")),
            source,
            record.line,
            line,
            record.text);
    return ReadOutcome.of(r);
  }

  /** This file's delimiter in words, for messages. */
  private String delimiters() {
    return switch (delimiter) {
      case ';' -> "semicolons";
      case '\t' -> "tabs";
      default -> "commas";
    };
  }

  private String value(List<String> values, String field) {
    Integer i = header.get(field);
    return i == null ? "" : values.get(i);
  }

  /** The fields of exactly one CSV record whose fields are separated by {@code delimiter}. */
  static List<String> parseOne(String text, char delimiter) {
    try (CSVParser parser = CSVParser.parse(text, FORMATS.get(delimiter))) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IllegalStateException(
            records.size() + " records where one was expected ("
                + (RejectCodes.hasLoneCarriageReturn(text)
                    ? RejectCodes.LONE_CR_HINT
                    : "a stray line break?")
                + ")");
      }
      List<String> out = new ArrayList<>(records.get(0).size());
      records.get(0).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The header of a CSV file as the reader reads it for {@code columns}: the fields of its first
   * record, split with the delimiter the reader would choose, cleaned; empty for no record.
   *
   * @throws IllegalStateException when the first record is not valid CSV
   */
  public static List<String> readHeader(
      InputStream decompressed, CsvColumns columns, int maxRecordBytes) {
    CsvArticleReader r = new CsvArticleReader(decompressed, "", columns, null, maxRecordBytes);
    Framed first = r.frameHeader();
    if (first == null || first.reject != null) {
      return List.of();
    }
    return CsvColumns.cleaned(parseOne(first.text, r.delimiter));
  }
}
