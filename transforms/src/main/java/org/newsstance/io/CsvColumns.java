package org.newsstance.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which CSV column holds which article field: the value of {@code --csvColumns}, such as {@code
 * text=body,published=date,outlet=source,title=headline,url=link}.
 *
 * <p>Fields are {@value #FIELD_LIST}. A field not named in the option is read from the column of
 * its own name when the file has one. A column named in the option must exist in every CSV file,
 * and {@code text} must always exist (under its own name or the mapped one); {@link #missing}
 * says which are absent from a header.
 *
 * <p>Header names are trimmed and a UTF-8 byte-order mark removed. A column is found by its exact
 * name first (the first such column when the name repeats); failing that, by a name that equals
 * it ignoring case ({@link Locale#ROOT}), so {@code Text} or {@code TEXT} serve for {@code text}
 * and {@code Body} for {@code text=body}. When the header has two different spellings of it that
 * differ only in case ({@code Text} and {@code TEXT}) and neither is exact, the column is
 * ambiguous and counts as absent. {@link #positions} applies this rule for the reader and
 * {@link #missing} for the checks, so the two always agree. Immutable and serialisable.
 */
public final class CsvColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> FIELDS =
      List.of("text", "url", "outlet", "published", "title", "id", "language");

  static final String FIELD_LIST = "text, url, outlet, published, title, id, language";

  private final LinkedHashMap<String, String> columns;
  private final TreeSet<String> explicit;

  private CsvColumns(LinkedHashMap<String, String> columns, TreeSet<String> explicit) {
    this.columns = columns;
    this.explicit = explicit;
  }

  /** Every field from the column of its own name. */
  public static CsvColumns defaults() {
    return parse("");
  }

  /**
   * Parses {@code field=column,...}; an empty value gives the defaults.
   *
   * @throws IllegalArgumentException naming the bad entry and the allowed fields
   */
  public static CsvColumns parse(String spec) {
    return parse(spec, "--csvColumns");
  }

  /**
   * Parses {@code field=name,...} given as the option {@code option} (named in errors): the same
   * syntax maps JSON keys with {@code --jsonFields}.
   */
  public static CsvColumns parse(String spec, String option) {
    LinkedHashMap<String, String> map = new LinkedHashMap<>();
    for (String f : FIELDS) {
      map.put(f, f);
    }
    TreeSet<String> explicit = new TreeSet<>();
    if (spec != null && !spec.isBlank()) {
      for (String entry : spec.split(",")) {
        String e = entry.trim();
        if (e.isEmpty()) {
          continue;
        }
        int eq = e.indexOf('=');
        String field = eq < 0 ? "" : e.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String column = eq < 0 ? "" : e.substring(eq + 1).trim();
        if (eq < 0 || column.isEmpty() || !FIELDS.contains(field)) {
          throw new IllegalArgumentException(
              option + " entry \"" + e + "\" is not field=name with a field among "
                  + FIELD_LIST + " (example: " + option + "=text=body,published=date)");
        }
        if (!explicit.add(field)) {
          throw new IllegalArgumentException(
              option + " maps the field " + field + " twice; keep one entry");
        }
        map.put(field, column);
      }
    }
    return new CsvColumns(map, explicit);
  }

  /** The column read for {@code field}. */
  public String column(String field) {
    return columns.get(field);
  }

  /**
   * Where each field is read in {@code header}: field name to the 0-based position of its column,
   * for the fields whose column the header has (exactly, or ignoring case when unambiguous; see
   * the class comment).
   */
  public Map<String, Integer> positions(Collection<String> header) {
    List<String> names = cleaned(header);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : columns.entrySet()) {
      int at = position(names, e.getValue());
      if (at >= 0) {
        out.put(e.getKey(), at);
      }
    }
    return out;
  }

  /** The mapped or default columns that {@code header} lacks and that are required. */
  public List<String> missing(Collection<String> header) {
    Map<String, Integer> found = positions(header);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : columns.entrySet()) {
      if (isRequired(e.getKey()) && !found.containsKey(e.getKey())) {
        missing.add(e.getValue());
      }
    }
    return missing;
  }

  /**
   * The error for a header lacking columns, naming the file, the columns and the real header, and
   * for a column present only in several spellings that differ in case, how to choose one.
   */
  public String missingMessage(String file, Collection<String> header) {
    List<String> missing = missing(header);
    List<String> real = cleaned(header);
    StringBuilder ambiguous = new StringBuilder();
    Map<String, Integer> found = positions(header);
    for (Map.Entry<String, String> e : columns.entrySet()) {
      if (!isRequired(e.getKey()) || found.containsKey(e.getKey())) {
        continue;
      }
      Set<String> spellings = new LinkedHashSet<>();
      for (String name : real) {
        if (fold(name).equals(fold(e.getValue()))) {
          spellings.add(name);
        }
      }
      if (spellings.size() > 1) {
        ambiguous.append(
            String.format(
                Locale.ROOT,
                " The header has %s only as %s, which differ only in case: name one with"
                    + " --csvColumns=%s=%s.",
                e.getValue(),
                String.join(" and ", spellings),
                e.getKey(),
                spellings.iterator().next()));
      }
    }
    return String.format(
        Locale.ROOT,
        "%s: CSV column%s %s not found; the file's header is: %s.%s Map the columns with"
            + " --csvColumns=field=column,... (fields: %s); a file without a header row needs one"
            + " added as its first line",
        file,
        missing.size() == 1 ? "" : "s",
        String.join(", ", missing),
        shownHeader(real),
        ambiguous,
        FIELD_LIST);
  }

  private static final int SHOWN_HEADER_NAMES = 30;

  /**
   * The header as the error shows it: each name shortened and at most {@value
   * #SHOWN_HEADER_NAMES} of them, so that a file without a header row (whose first record is
   * taken as the header) does not put a whole article, or megabytes, into the message.
   */
  static String shownHeader(List<String> header) {
    List<String> shown = new ArrayList<>();
    for (String name : header.subList(0, Math.min(header.size(), SHOWN_HEADER_NAMES))) {
      shown.add(ArticleFactory.shorten(name));
    }
    String more =
        header.size() > SHOWN_HEADER_NAMES
            ? ",... (" + header.size() + " columns)"
            : "";
    return String.join(",", shown) + more;
  }

  /** The option value with every field, for the manifest. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    columns.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  private boolean isRequired(String field) {
    return field.equals("text") || explicit.contains(field);
  }

  /**
   * The position of {@code column} in the cleaned {@code names}: the first exact match, else the
   * names equal to it ignoring case if they are all one spelling (the first of them), else -1.
   */
  private static int position(List<String> names, String column) {
    int exact = names.indexOf(column);
    if (exact >= 0) {
      return exact;
    }
    String folded = fold(column);
    int found = -1;
    for (int i = 0; i < names.size(); i++) {
      if (fold(names.get(i)).equals(folded)) {
        if (found < 0) {
          found = i;
        } else if (!names.get(i).equals(names.get(found))) {
          return -1; // Text and TEXT: which one was meant is not ours to guess
        }
      }
    }
    return found;
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The header's names as they are matched: trimmed, without a byte-order mark. */
  static List<String> cleaned(Collection<String> header) {
    List<String> out = new ArrayList<>(header.size());
    for (String h : header) {
      out.add(clean(h));
    }
    return out;
  }

  static String clean(String header) {
    String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
    return h.trim();
  }
}
