package org.newsstance.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.newsstance.model.Reject;

/**
 * The outcomes of one input file, numbered in reader order from 0, read one at a time: what its
 * {@link ArticleSource} yields (articles, rejects, skipped WARC records), plus the file-level
 * rejects: {@code unreadable_file} when the file cannot be opened or reading it fails (it is the
 * last outcome; every outcome before it stays), and {@code empty_file} when the file yields no
 * outcome at all.
 *
 * <p>The numbering is a pure function of the file's bytes and the read settings, so reading can
 * stop after any outcome and start again at index {@code k} from scratch ({@link #skipTo}: the
 * file is re-read and the first {@code k} outcomes are passed over) with the same result as an
 * uninterrupted read. While passing over outcomes, and while reading them, it counts them: {@link
 * #records()} (articles and rejects, the file's {@code records_read}) and {@link #skippedKinds()}
 * cover every outcome before {@link #position()}, however the reader got there.
 *
 * <p>Not thread-safe; one owner at a time. Closing it closes the file; it is also closed as soon as
 * the last outcome has been read.
 */
final class FileRecords implements Closeable {

  /** Opens the file and returns its reader; an exception becomes an {@code unreadable_file}. */
  @FunctionalInterface
  interface Opener {
    Opened open() throws IOException;
  }

  /** An open file: the reader and the stream that must be closed after it. */
  record Opened(ArticleSource reader, Closeable stream) {}

  private final String source;
  private final boolean wholeFile;
  private ArticleSource reader;
  private Closeable stream;
  private Exception openFailure;
  private boolean ended;

  private long position;
  private long records;
  private final Map<String, Long> skipped = new TreeMap<>();

  /** The outcome at {@link #position} once read and not yet passed; valid when {@code peeked}. */
  private ReadOutcome next;

  private boolean peeked;

  private FileRecords(String source, boolean wholeFile) {
    this.source = source;
    this.wholeFile = wholeFile;
  }

  /**
   * Opens a file at outcome 0. Never throws for the file: a failure to open is the file's first
   * (and last) outcome, an {@code unreadable_file} reject.
   *
   * @param source the file name shown in outputs
   */
  static FileRecords open(String source, Opener opener) {
    return open(source, true, opener);
  }

  /**
   * Opens a file, or one chunk of it, at outcome 0; as {@link #open(String, Opener)}, but the
   * {@code empty_file} reject only when {@code wholeFile}: a chunk of a file cut in several is not
   * the file, and the file is not empty ({@link LineChunks} puts a record in its first chunk).
   */
  static FileRecords open(String source, boolean wholeFile, Opener opener) {
    FileRecords f = new FileRecords(source, wholeFile);
    try {
      Opened opened = opener.open();
      f.reader = opened.reader();
      f.stream = opened.stream();
    } catch (IOException | RuntimeException e) {
      f.openFailure = e;
    }
    return f;
  }

  /** Index of the next outcome: the number of outcomes before it. */
  long position() {
    return position;
  }

  /**
   * The outcome at {@link #position()}, without passing it; null when the file has no more
   * outcomes (then {@link #position()} is the number of outcomes of the file).
   */
  ReadOutcome peek() {
    if (!peeked) {
      next = read();
      peeked = true;
    }
    return next;
  }

  /** Passes the outcome at {@link #position()} (which must exist) and counts it. */
  void advance() {
    ReadOutcome o = peek();
    if (o == null) {
      throw new IllegalStateException(
          source + ": no outcome at index " + position + " to pass, the file has " + position);
    }
    if (o.isRecord()) {
      records++;
    } else {
      skipped.merge(o.skippedKind(), 1L, Long::sum);
    }
    position++;
    peeked = false;
    next = null;
  }

  /**
   * Passes outcomes until {@link #position()} is {@code index}; returns false when the file has
   * fewer outcomes (then {@link #position()} is their number).
   */
  boolean skipTo(long index) {
    if (index < position) {
      throw new IllegalArgumentException(
          source + ": cannot go back from outcome " + position + " to " + index + "; open it again");
    }
    while (position < index) {
      if (peek() == null) {
        return false;
      }
      advance();
    }
    return true;
  }

  /** Records (articles and rejects) before {@link #position()}: the file's records_read so far. */
  long records() {
    return records;
  }

  /** Skipped non-article records before {@link #position()}, per kind, in kind order. */
  Map<String, Long> skippedKinds() {
    return Collections.unmodifiableMap(skipped);
  }

  @Override
  public void close() {
    ended = true;
    closeStream();
  }

  private ReadOutcome read() {
    if (ended) {
      return null;
    }
    Exception failure = openFailure;
    ReadOutcome o = null;
    if (failure == null) {
      try {
        o = reader.next();
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      // The file could not be opened, decompressed or read on: one reject for the rest of it.
      close();
      return ReadOutcome.of(unreadable(failure));
    }
    if (o == null) {
      close();
      return position == 0 && wholeFile ? ReadOutcome.of(empty()) : null;
    }
    return o;
  }

  private void closeStream() {
    reader = null;
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // Every byte needed has been read, or reading has already failed and been rejected; a
      // read-only file that fails to close changes no outcome.
    }
    stream = null;
  }

  private Reject unreadable(Exception e) {
    return new Reject(
        source,
        "",
        RejectCodes.UNREADABLE_FILE,
        e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "; check that the file exists, is readable and matches its extension and --format",
        "");
  }

  private Reject empty() {
    return new Reject(
        source,
        "",
        RejectCodes.EMPTY_FILE,
        "the file holds no records; check that it is the intended input",
        "");
  }
}
