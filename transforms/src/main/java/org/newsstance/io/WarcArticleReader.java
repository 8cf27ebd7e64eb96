package org.newsstance.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.newsstance.model.Article;
import org.newsstance.model.Reject;

/**
 * Streams the records of a WARC file ({@code .warc}, or {@code .warc.gz} with one gzip member
 * per record as CC-NEWS and {@code wget --warc-file} write them) and turns HTML responses into
 * articles.
 *
 * <p><b>What becomes what.</b> A {@code response} record with HTTP status 200 and an HTML content
 * type ({@code text/html}, {@code application/xhtml+xml}) is an article candidate: its main text,
 * title and date are extracted with {@link HtmlArticleExtractor} and it becomes an article, or a
 * reject when it has no text, its body exceeds the body limit ({@value
 * RejectCodes#RECORD_TOO_LARGE}) or is not text at all ({@value RejectCodes#BINARY_BODY}: an
 * image or PDF served as HTML). A {@code conversion} record of {@code text/plain} (Common Crawl's
 * WET files: the text extracted from a page) is an article candidate too, its text the article.
 * Every other record is skipped and counted by kind: its WARC
 * type ({@code warcinfo}, {@code request}, {@code metadata}, {@code revisit}, {@code resource},
 * …), {@code non_html} for other content types, {@code status_<code>} for other statuses, {@code
 * non_http} for responses of other protocols. Skipped records are not article candidates.
 *
 * <p><b>Framing and corruption.</b> Record framing is done here (header block, {@code
 * Content-Length}, the {@code CRLF CRLF} after the block); jwarc parses the record and its HTTP
 * message. A record that cannot be read (broken header, bad {@code Content-Length}, corrupt or
 * truncated gzip member, unparseable HTTP header) is a {@value RejectCodes#MALFORMED_WARC} or
 * {@value RejectCodes#TRUNCATED_INPUT} reject positioned {@code offset N}: for {@code .warc.gz}
 * the byte offset of its gzip member in the file, for plain WARC the record's offset in the
 * (decompressed) stream. Reading then resumes at the next line starting {@code WARC/1.} (in a
 * plain file, or inside the gzip member: a whole-file gzip is one member), or, when a gzip member
 * itself is corrupt, at the next gzip member that inflates to {@code WARC/}. A {@code
 * Content-Length} too long by more than the 64 KB look-ahead is caught by {@link RecordBlock},
 * which keeps the bytes from a next record's start inside the block so that reading can resume
 * there. A truncated file ends with one reject and keeps every record before it.
 *
 * <p><b>Memory.</b> Bounded by the body limit plus a 64 KB buffer, the header limit ({@value
 * #MAX_HEADER_BYTES} bytes) and {@value RecordBlock#EVIDENCE_BYTES} bytes kept after a next record's
 * start: bodies are never read beyond the limit, the rest of a record is
 * skipped without being held. Not thread-safe: one reader per file. The caller closes the stream.
 */
public final class WarcArticleReader implements ArticleSource {
  /** Default cap on one HTTP body (after transfer and content decoding). */
  public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

  static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final byte[] WARC_MAGIC = "WARC/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECORD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LINE_THEN_WARC = "\nWARC/1.".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length[ \\t]*:[ \\t]*(\\S*)[ \\t]*\\r?$");
  /** The record types of WARC 1.0 and 1.1 other than {@code response}: each counted by name. */
  private static final Set<String> WARC_TYPES =
      Set.of("warcinfo", "request", "metadata", "revisit", "resource", "conversion", "continuation");

  /**
   * The skip kind of any other {@code WARC-Type}: the value is the file's, and a key per value let
   * a hostile or broken archive put any number of keys of any length into the manifest.
   */
  static final String OTHER_TYPE = "other_type";

  /** {@code br} as one of the codings of a Content-Encoding list ({@code gzip, br}, {@code BR}). */
  private static final Pattern BROTLI = Pattern.compile("(?:^|,)[ \\t]*br[ \\t]*(?:,|$)");
  private static final Pattern HTTP_SCHEME = Pattern.compile("(?i)^https?:.*");

  private final ByteSource raw;
  private final boolean gzipMembers;
  private final String source;
  private final ArticleFactory factory;
  private final int maxBodyBytes;
  private final ArrayDeque<ReadOutcome> pending = new ArrayDeque<>();
  private boolean finished;

  /** Offset reported for the record being read: its member's offset, or its own. */
  private long recordOffset;

  /**
   * @param in the file's bytes: raw (still gzip-compressed) when {@code gzipMembers}, otherwise
   *     the decompressed WARC
   * @param gzipMembers whether the file is a sequence of gzip members ({@code .warc.gz})
   * @param source the file name shown in outputs
   */
  public WarcArticleReader(
      InputStream in, boolean gzipMembers, String source, ArticleFactory factory, int maxBodyBytes) {
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
    }
    this.raw = new ByteSource(in);
    this.gzipMembers = gzipMembers;
    this.source = source;
    this.factory = factory;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public ReadOutcome next() throws IOException {
    while (pending.isEmpty() && !finished) {
      if (gzipMembers) {
        readMember();
      } else {
        readPlainRecord();
      }
    }
    return pending.poll();
  }

  // ---------------------------------------------------------------- framing: gzip members

  private void readMember() throws IOException {
    if (raw.atEnd()) {
      finished = true;
      return;
    }
    recordOffset = raw.position();
    GzipMember member = null;
    try {
      member = GzipMember.open(raw);
      ByteSource content = new ByteSource(member);
      boolean any = false;
      while (true) {
        skipBlankLines(content);
        if (content.atEnd()) {
          break;
        }
        boolean atRecord = content.startsWith(WARC_MAGIC);
        if (!atRecord && !any) {
          throw new RecordException(
              "the gzip member does not hold a WARC record (no WARC/ version line)");
        }
        any = true;
        try {
          if (!atRecord) {
            throw new RecordException("bytes after the record inside its gzip member");
          }
          pending.add(readRecord(content));
        } catch (RecordException e) {
          // A misframed record inside a member costs only itself: a whole-file gzip is one
          // member, and skipping to the next member would skip the rest of the file.
          pending.add(ReadOutcome.of(unreadable(e, "the record in the gzip member")));
          resync(content, content.position());
        }
      }
      member.drain();
    } catch (RecordException | IOException e) {
      pending.add(ReadOutcome.of(unreadable(e)));
      resyncMembers(recordOffset + 1);
    } finally {
      if (member != null) {
        member.end();
      }
    }
  }

  /** Moves to the next gzip member at or after {@code from} that inflates to a WARC record. */
  private void resyncMembers(long from) throws IOException {
    if (raw.position() < from) {
      raw.skip(from - raw.position());
    }
    while (!raw.atEnd()) {
      if (GzipMember.looksLikeWarcMember(raw)) {
        return;
      }
      raw.skip(1);
    }
    finished = true;
  }

  // ---------------------------------------------------------------- framing: plain WARC

  private void readPlainRecord() throws IOException {
    skipBlankLines(raw);
    if (raw.atEnd()) {
      finished = true;
      return;
    }
    recordOffset = raw.position();
    try {
      if (!raw.startsWith(WARC_MAGIC)) {
        throw new RecordException("no WARC/ version line where a record should start");
      }
      pending.add(readRecord(raw));
    } catch (RecordException | IOException e) {
      pending.add(ReadOutcome.of(unreadable(e)));
      finished = !resync(raw, recordOffset + 1);
    }
  }

  /**
   * Moves {@code in} to the next line starting with {@code WARC/1.} at or after {@code from};
   * returns false when there is none (the source is then at its end).
   */
  private static boolean resync(ByteSource in, long from) throws IOException {
    if (in.position() < from) {
      in.skip(from - in.position());
    }
    while (!in.atEnd()) {
      if (in.startsWith(LINE_THEN_WARC)) {
        in.skip(1);
        return true;
      }
      in.skip(1);
    }
    return false;
  }

  // ---------------------------------------------------------------- one record

  /**
   * Reads one record at the source's position (which starts with {@code WARC/}), consuming it
   * and its trailing {@code CRLF CRLF}; throws {@link RecordException} when it is malformed.
   */
  private ReadOutcome readRecord(ByteSource in) throws IOException, RecordException {
    byte[] header = readHeaderBlock(in);
    String headerText = new String(header, StandardCharsets.ISO_8859_1);
    Matcher m = CONTENT_LENGTH.matcher(headerText);
    if (!m.find()) {
      throw new RecordException("the WARC header has no Content-Length");
    }
    long length;
    try {
      length = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new RecordException("Content-Length \"" + m.group(1) + "\" is not a number");
    }
    if (length < 0) {
      throw new RecordException("Content-Length " + length + " is negative");
    }
    boolean checkedAhead = length + RECORD_END.length <= ByteSource.BUFFER_BYTES;
    if (checkedAhead) {
      // Check the framing before consuming the block: a Content-Length that is too large must
      // not swallow the records after it (the stream cannot be rewound).
      int need = (int) length + RECORD_END.length;
      int available = in.ensure(need);
      if (available < need) {
        shortBlock(length, available);
      }
      if (!endsRecordAt(in, (int) length)) {
        throw new RecordException(
            "no CRLF CRLF after the " + length + "-byte block: Content-Length " + length
                + " does not match the record");
      }
    }
    RecordBlock block = new RecordBlock(in, length, !checkedAhead);
    ReadOutcome outcome;
    try {
      outcome = interpret(new SequenceInputStream(new ByteArrayInputStream(header), block));
    } catch (RecordException | RuntimeException e) {
      // The record's content is bad, not its framing: it is one reject, and reading goes on right
      // after it (also inside a gzip member holding many records, as a whole-file gzip does).
      // A RuntimeException from jwarc or jsoup on hostile bytes must not end the file either.
      outcome = ReadOutcome.of(badRecord(e));
    }
    boolean whole = block.drain();
    int ending = whole ? endingAt(in) : 0;
    if (ending == RECORD_END.length) {
      in.skip(RECORD_END.length);
      return outcome;
    }
    if (block.sawNextRecord()) {
      // The length ran over the next record: resume there, having lost only this record.
      long at = block.nextRecordAt();
      in.unread(block.fromNextRecord());
      return ReadOutcome.of(runsOver(length, at, block.endedAtNextRecord()));
    }
    if (!whole) {
      shortBlock(length, -1);
    }
    if (ending < 0) {
      throw new EOFException("the file ends inside the record's closing CRLF CRLF (truncated file?)");
    }
    throw new RecordException(
        "no CRLF CRLF after the " + length + "-byte block: Content-Length " + length
            + " does not match the record");
  }

  /**
   * How the bytes at the source's position end a record: {@code 4} for {@code CRLF CRLF}, {@code
   * -1} when the source ends inside a correct ending, 0 otherwise. Consumes nothing.
   */
  private static int endingAt(ByteSource in) throws IOException {
    for (int i = 0; i < RECORD_END.length; i++) {
      int c = in.peek(i);
      if (c < 0) {
        return -1;
      }
      if (c != RECORD_END[i]) {
        return 0;
      }
    }
    return RECORD_END.length;
  }

  /** The reject of a record whose Content-Length runs over the start of the next record. */
  private Reject runsOver(long length, long nextAt, boolean stoppedEarly) {
    return malformedRecord(
        String.format(
            Locale.ROOT,
            "declares Content-Length %d, but another record starts %d bytes into its block%s; it"
                + " was skipped and reading resumed at that record",
            length,
            nextAt,
            stoppedEarly ? "" : " and the block does not end where that length says"));
  }

  /**
   * A {@value RejectCodes#MALFORMED_WARC} reject of the record being read: "the record at byte
   * offset N " (or "in the gzip member at") followed by {@code what}.
   */
  private Reject malformedRecord(String what) {
    return new Reject(
        source,
        "offset " + recordOffset,
        RejectCodes.MALFORMED_WARC,
        String.format(
            Locale.ROOT,
            "the record %s byte offset %d %s; check the tool that wrote the archive",
            gzipMembers ? "in the gzip member at" : "at",
            recordOffset,
            what),
        "");
  }

  /**
   * The error for a block shorter than its Content-Length: inside a complete gzip member the
   * length is wrong (the member ended), in a plain stream the file is cut short.
   */
  private void shortBlock(long length, int available) throws IOException, RecordException {
    String have = available < 0 ? "" : " (only " + available + " bytes follow)";
    if (gzipMembers) {
      throw new RecordException(
          "Content-Length " + length + " is larger than what the gzip member holds" + have);
    }
    throw new EOFException(
        "the file ends before the record's Content-Length of " + length + " bytes" + have
            + " (truncated file?)");
  }

  private static boolean endsRecordAt(ByteSource in, int at) throws IOException {
    for (int i = 0; i < RECORD_END.length; i++) {
      if (in.peek(at + i) != RECORD_END[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readHeaderBlock(ByteSource in) throws IOException, RecordException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    int state = 0;
    while (out.size() < MAX_HEADER_BYTES) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the file ends inside a WARC header (truncated file?)");
      }
      out.write(c);
      state = switch (state) {
        case 0 -> c == '\r' ? 1 : 0;
        case 1 -> c == '\n' ? 2 : (c == '\r' ? 1 : 0);
        case 2 -> c == '\r' ? 3 : 0;
        case 3 -> c == '\n' ? 4 : (c == '\r' ? 1 : 0);
        default -> 0;
      };
      if (state == 4) {
        return out.toByteArray();
      }
    }
    throw new RecordException("the WARC header is longer than " + MAX_HEADER_BYTES + " bytes");
  }

  private ReadOutcome interpret(InputStream record) throws IOException, RecordException {
    WarcRecord r;
    try {
      WarcReader reader = new WarcReader(record);
      // Lenient-parse warnings are about records we read anyway; problems that matter throw.
      reader.onWarning(warning -> {});
      Optional<WarcRecord> next = reader.next();
      if (next.isEmpty()) {
        throw new RecordException("jwarc found no record");
      }
      r = next.get();
    } catch (org.netpreserve.jwarc.ParsingException e) {
      throw new RecordException("broken WARC header: " + RejectCodes.firstLine(e.getMessage()));
    }
    if (r instanceof WarcConversion conversion && isPlainText(conversion.contentType())) {
      return fromExtractedText(conversion);
    }
    if (!(r instanceof WarcResponse response)) {
      String type = r.type().toLowerCase(Locale.ROOT);
      return ReadOutcome.skipped(WARC_TYPES.contains(type) ? type : OTHER_TYPE);
    }
    String url = response.target();
    if (url == null || !HTTP_SCHEME.matcher(url).matches()) {
      return ReadOutcome.skipped("non_http");
    }
    HttpResponse http;
    try {
      http = response.http();
    } catch (org.netpreserve.jwarc.ParsingException e) {
      throw new RecordException("broken HTTP header in the response for " + url + ": " + RejectCodes.firstLine(e.getMessage()));
    }
    if (http.status() != 200) {
      return ReadOutcome.skipped("status_" + http.status());
    }
    MediaType type = http.contentType();
    String base = type == null ? "" : type.base().toString().toLowerCase(Locale.ROOT);
    if (!base.equals("text/html") && !base.equals("application/xhtml+xml")) {
      return ReadOutcome.skipped("non_html");
    }
    String charset = type.parameters().get("charset");
    Instant crawled = crawlDate(r);
    String where = "offset " + recordOffset;
    String encoding =
        http.headers().first("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    if (BROTLI.matcher(encoding).find()) {
      // jwarc decodes Brotli only with org.brotli:dec, which is not bundled; its error asks the
      // user to install a library, which a user of the jar cannot do.
      return ReadOutcome.of(
          new Reject(
              source,
              where,
              RejectCodes.UNSUPPORTED_ENCODING,
              "the HTML body of " + url + " is Brotli-compressed (Content-Encoding: " + encoding
                  + "), which newsstance cannot decode; the page was skipped. Re-crawl without"
                  + " br in Accept-Encoding, or convert the archive to identity/gzip encoding",
              url));
    }
    byte[] body;
    try {
      body = readCapped(http.bodyDecoded());
    } catch (IOException e) {
      throw new RecordException("the HTTP body of " + url + " cannot be decoded: " + e.getMessage());
    }
    if (body == null) {
      return ReadOutcome.of(tooLarge("HTML body", url, where));
    }
    if (BinaryBody.looksBinary(body)) {
      return ReadOutcome.of(
          new Reject(
              source,
              where,
              RejectCodes.BINARY_BODY,
              "the body of " + url + " is labelled " + base + " but is not text (" + body.length
                  + " bytes that start like an image, a PDF or an archive, or hold NUL bytes);"
                  + " it was skipped. Nothing to do unless the page is an article: then check how"
                  + " the archive was written",
              url));
    }
    HtmlArticleExtractor.Extracted page = HtmlArticleExtractor.extract(body, charset, url, crawled);
    if (page.text().isBlank()) {
      return ReadOutcome.of(
          new Reject(
              source,
              where,
              RejectCodes.EMPTY_TEXT,
              "no article text could be extracted from the HTML of " + url + " ("
                  + body.length + " bytes; a page of links, a paywall or a script-rendered page?)",
              url));
    }
    ArticleFactory.Result result =
        factory.build(
            new ArticleFactory.Fields(
                "", url, "", page.published(), page.dateSource(), page.title(), page.text(), ""),
            source,
            recordOffset,
            where,
            url);
    return ReadOutcome.of(result);
  }

  /**
   * A {@code conversion} record of plain text, as Common Crawl's WET files hold the text it
   * extracted from each page: that text is the article (no HTML to extract from), dated by the
   * URL's path or else the crawl, like a page without a date of its own.
   */
  private ReadOutcome fromExtractedText(WarcConversion conversion)
      throws IOException, RecordException {
    String url = conversion.target();
    if (url == null || !HTTP_SCHEME.matcher(url).matches()) {
      return ReadOutcome.skipped("conversion");
    }
    String where = "offset " + recordOffset;
    byte[] body = readCapped(conversion.body());
    if (body == null) {
      return ReadOutcome.of(tooLarge("extracted text", url, where));
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return ReadOutcome.of(
          new Reject(
              source,
              where,
              RejectCodes.EMPTY_TEXT,
              "the extracted text (WET conversion record) of " + url + " is empty",
              url));
    }
    String[] date = HtmlArticleExtractor.dateWithoutPage(url, crawlDate(conversion));
    ArticleFactory.Result result =
        factory.build(
            new ArticleFactory.Fields("", url, "", date[0], date[1], "", text, ""),
            source,
            recordOffset,
            where,
            url);
    return ReadOutcome.of(result);
  }

  private static boolean isPlainText(MediaType type) {
    return type != null && type.base().toString().toLowerCase(Locale.ROOT).equals("text/plain");
  }

  /**
   * The record's WARC-Date; null when it does not parse (no zone, another form): the page is
   * still an article, with no crawl date to fall back on.
   */
  private static Instant crawlDate(WarcRecord r) {
    try {
      return r.date();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private Reject tooLarge(String what, String url, String where) {
    return new Reject(
        source,
        where,
        RejectCodes.RECORD_TOO_LARGE,
        String.format(
            Locale.ROOT,
            "the %s of %s is larger than %d bytes; it was skipped. Raise --maxRecordBytes if such"
                + " pages are articles",
            what, url, maxBodyBytes),
        url);
  }

  /** The body, or null when it is longer than the limit (the rest is left for drain). */
  private byte[] readCapped(MessageBody body) throws IOException {
    InputStream in = body.stream();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    byte[] buf = new byte[16 * 1024];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > maxBodyBytes) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** The reject of a well-framed record whose content cannot be read; reading goes on after it. */
  private Reject badRecord(Exception e) {
    return malformedRecord(
        "cannot be read ("
            + (e instanceof RecordException
                ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + RejectCodes.firstLine(e.getMessage()))
            + "); it was skipped and reading went on with the next record");
  }

  private Reject unreadable(Exception e) {
    return unreadable(e, gzipMembers ? "the gzip member" : "the record");
  }

  /** {@code kind} names what could not be read: the record, the gzip member, the record in it. */
  private Reject unreadable(Exception e, String kind) {
    boolean truncated = e instanceof EOFException;
    return new Reject(
        source,
        "offset " + recordOffset,
        truncated ? RejectCodes.TRUNCATED_INPUT : RejectCodes.MALFORMED_WARC,
        String.format(
            Locale.ROOT,
            "%s at byte offset %d cannot be read (%s); %s",
            kind,
            recordOffset,
            e instanceof RecordException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage(),
            truncated
                ? "the records before it were read; the file is probably cut short: fetch it again"
                : "reading resumed at the next record; check the tool that wrote the archive"),
        "");
  }

  private static void skipBlankLines(ByteSource in) throws IOException {
    while (true) {
      int c = in.peek(0);
      if (c == '\r' || c == '\n') {
        in.skip(1);
      } else {
        return;
      }
    }
  }

  /** A framing or parsing problem of one record; the reader rejects it and resumes. */
  static final class RecordException extends Exception {
    private static final long serialVersionUID = 1L;

    RecordException(String message) {
      super(message);
    }
  }
}
