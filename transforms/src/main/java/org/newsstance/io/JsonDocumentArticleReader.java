package org.newsstance.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Locale;
import org.newsstance.model.Reject;

/**
 * Streams a JSON file that is one document rather than one object per line: a pretty-printed
 * object (news-please writes one such {@code .json} file per article), an array of objects (the
 * export of many news APIs), or several of these one after another. Every object at the top level
 * or directly in a top-level array is one record, parsed by {@link ArticleJsonParser} as a JSON
 * line would be and positioned at the line where it starts. With a records key ({@code
 * --jsonRecords=articles}), a top-level object holding an array under that key is a wrapper whose
 * array elements are the records (API responses such as NewsAPI's). Which files are documents is decided
 * by {@link InputFormat#isJsonDocument}.
 *
 * <p>Bad input: an element of a top-level array that is not an object is a {@value
 * RejectCodes#NOT_AN_OBJECT} reject, and an object longer than {@code maxRecordBytes} characters
 * a {@value RejectCodes#RECORD_TOO_LARGE} reject (skipped token by token, never held); reading
 * goes on after both. Invalid JSON (or invalid UTF-8) cannot be resynchronised inside a document:
 * it ends the file with one {@value RejectCodes#MALFORMED_JSON} reject at its line, naming it,
 * after every record before it. Memory is bounded by {@code maxRecordBytes}. Not thread-safe; the
 * caller closes the stream.
 */
public final class JsonDocumentArticleReader implements ArticleSource {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  // Deeper than a record may be, so that a too deep record is rejected alone by
                  // ArticleJsonParser; deeper still ends the file.
                  .maxNestingDepth(1000)
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private final JsonParser in;
  private final String source;
  private final ArticleJsonParser parser;
  private final int maxRecordBytes;
  /** The records path's keys ({@code response.results}: response, results); empty for none. */
  private final String[] recordsPath;
  private boolean inTopArray;
  /** Whether the array being read is a wrapper object's records, with the wrapper still open. */
  private boolean inWrapper;
  private boolean finished;

  /**
   * @param recordsKey when not empty, a top-level object whose member of this name is an array
   *     (NewsAPI's <code>{"status": "ok", "articles": [...]}</code>) is a wrapper: the records are
   *     that array's elements, its other members are ignored; other top-level objects are records.
   *     A dotted key is a path through nested objects: {@code response.results} for the Guardian's
   *     <code>{"response": {"status": "ok", "results": [...]}}</code>
   */
  public JsonDocumentArticleReader(
      InputStream decompressed,
      String source,
      ArticleJsonParser parser,
      int maxRecordBytes,
      String recordsKey)
      throws IOException {
    this.recordsPath =
        recordsKey == null || recordsKey.isEmpty() ? new String[0] : recordsKey.split("\\.", -1);
    this.in = JSON.createParser(decompressed);
    this.source = source;
    this.parser = parser;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Values of the document returned so far as records or rejects (wrappers not counted). */
  private long values;

  @Override
  public ReadOutcome next() {
    while (!finished) {
      long line = -1;
      try {
        JsonToken token = in.nextToken();
        line = in.currentTokenLocation().getLineNr();
        if (token == null) {
          finished = true;
          return null;
        }
        if (token == JsonToken.START_ARRAY && !inTopArray) {
          inTopArray = true;
          continue;
        }
        if (token == JsonToken.END_ARRAY && inTopArray) {
          inTopArray = false;
          if (inWrapper) {
            for (int level = 0; level < recordsPath.length; level++) {
              skipRestOfObject();
            }
            inWrapper = false;
          }
          continue;
        }
        if (token == JsonToken.START_OBJECT) {
          Copied object = copyObject(!inTopArray && recordsPath.length > 0);
          if (object.wrapper()) {
            inTopArray = true;
            inWrapper = true;
            continue;
          }
          values++;
          if (object.tooLarge()) {
            return ReadOutcome.of(tooLarge(line));
          }
          ArticleJsonParser.Result r = parser.parse(object.json(), source, line);
          return r.isArticle() ? ReadOutcome.of(r.article()) : ReadOutcome.of(r.reject());
        }
        String what = describe(token);
        values++;
        String excerpt = token.isScalarValue() ? in.getText() : "[...]";
        in.skipChildren();
        return ReadOutcome.of(
            new Reject(
                source,
                Long.toString(line),
                RejectCodes.NOT_AN_OBJECT,
                "the JSON value at line " + line + " (" + ordinal() + ") is " + what
                    + ", not an object; each record of a JSON document (an object, or an array of"
                    + " objects) must be an object with at least a \"text\" field",
                excerpt == null ? "" : excerpt));
      } catch (IOException e) {
        finished = true;
        return ReadOutcome.of(unreadable(e, line));
      }
    }
    return null;
  }

  /** What {@link #copyObject} found: the object's JSON, or that it is too large or a wrapper. */
  private record Copied(String json, boolean tooLarge, boolean wrapper) {
    static final Copied TOO_LARGE = new Copied(null, true, false);
    static final Copied WRAPPER = new Copied(null, false, true);
  }

  /**
   * Copies the object whose {@code START_OBJECT} is the current token, token by token (no
   * recursion, whatever the nesting); {@link Copied#TOO_LARGE}, having consumed it, when it is
   * longer than {@code maxRecordBytes} characters. When {@code mayWrap} and the object holds an
   * array at the records path, {@link Copied#WRAPPER} with the parser at that array's start (and
   * the objects on the path still open).
   */
  private Copied copyObject(boolean mayWrap) throws IOException {
    BoundedWriter out = new BoundedWriter(maxRecordBytes);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      int depth = 0;
      int onPath = 0; // keys of the records path matched by the objects open at depths 2..
      do {
        JsonToken t = in.currentToken();
        if (mayWrap
            && depth == onPath + 1
            && t == JsonToken.FIELD_NAME
            && in.currentName().equals(recordsPath[onPath])) {
          String key = recordsPath[onPath];
          JsonToken value = in.nextToken();
          if (onPath == recordsPath.length - 1 && value == JsonToken.START_ARRAY) {
            return Copied.WRAPPER;
          }
          if (onPath < recordsPath.length - 1 && value == JsonToken.START_OBJECT) {
            onPath++;
          }
          if (!out.full()) {
            g.writeFieldName(key);
          }
          t = in.currentToken();
        }
        if (!out.full()) {
          g.copyCurrentEvent(in);
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
          onPath = Math.min(onPath, Math.max(0, depth - 1));
        }
      } while (depth > 0 && in.nextToken() != null);
      if (depth > 0) {
        throw new JsonProcessingException("the file ends inside an object", in.currentLocation()) {
          private static final long serialVersionUID = 1L;
        };
      }
      g.flush();
    }
    return out.full() ? Copied.TOO_LARGE : new Copied(out.toString(), false, false);
  }

  /** After a wrapper's records array: skips its other members up to its end. */
  private void skipRestOfObject() throws IOException {
    JsonToken t;
    while ((t = in.nextToken()) != null && t != JsonToken.END_OBJECT) {
      if (t == JsonToken.FIELD_NAME) {
        in.nextToken();
        in.skipChildren();
      }
    }
  }

  private Reject tooLarge(long line) {
    return reject(
        line,
        RejectCodes.RECORD_TOO_LARGE,
        String.format(
            Locale.ROOT,
            "the object at line %d (%s) is longer than %d characters; it was skipped. Raise"
                + " --maxRecordBytes if such records are articles",
            line, ordinal(), maxRecordBytes));
  }

  /**
   * Which value of the document the current one is ({@code value 3 of the document}): a one-line
   * array has all its records at line 1, and this tells its rejects apart.
   */
  private String ordinal() {
    return "value " + values + " of the document";
  }

  /** The reject that ends the file: nothing after invalid JSON in a document can be trusted. */
  private Reject unreadable(IOException e, long line) {
    JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
    long where = at != null && at.getLineNr() > 0 ? at.getLineNr() : Math.max(line, 1);
    String message = String.valueOf(e.getMessage());
    String code =
        e instanceof StreamConstraintsException
            ? (message.contains("esting depth") ? RejectCodes.TOO_DEEPLY_NESTED : RejectCodes.RECORD_TOO_LARGE)
            : message.contains("UTF-8") || e instanceof CharConversionException
                ? RejectCodes.INVALID_UTF8
                : RejectCodes.MALFORMED_JSON;
    String problem =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return reject(
        where,
        code,
        String.format(
            Locale.ROOT,
            "the JSON document cannot be read at line %d (%s); the records before it were read,"
                + " the rest of the file was not. Fix the file (e.g. check it with jq), or write"
                + " one object per line (JSON Lines)",
            where, RejectCodes.firstLine(problem)));
  }

  private Reject reject(long line, String code, String detail) {
    return new Reject(source, Long.toString(line), code, detail, "");
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }


  /** A writer that keeps at most {@code limit} characters and says when more were offered. */
  private static final class BoundedWriter extends Writer {
    private final StringBuilder sb = new StringBuilder();
    private final int limit;
    private boolean full;

    BoundedWriter(int limit) {
      this.limit = limit;
    }

    boolean full() {
      return full;
    }

    @Override
    public void write(char[] c, int off, int len) {
      if (full) {
        return;
      }
      if (sb.length() + len > limit) {
        full = true;
        return;
      }
      sb.append(c, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
