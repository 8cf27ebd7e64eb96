package org.newsstance.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * says which are absent from a header. Column names are matched exactly, after trimming and
 * removing a UTF-8 byte-order mark. Immutable and serialisable.
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
              "--csvColumns entry \"" + e + "\" is not field=column with a field among "
                  + FIELD_LIST + " (example: --csvColumns=text=body,published=date)");
        }
        if (!explicit.add(field)) {
          throw new IllegalArgumentException(
              "--csvColumns maps the field " + field + " twice; keep one entry");
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

  /** The mapped or default columns that {@code header} lacks and that are required. */
  public List<String> missing(Collection<String> header) {
    Set<String> have = new TreeSet<>();
    for (String h : header) {
      have.add(clean(h));
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : columns.entrySet()) {
      boolean required = e.getKey().equals("text") || explicit.contains(e.getKey());
      if (required && !have.contains(e.getValue())) {
        missing.add(e.getValue());
      }
    }
    return missing;
  }

  /** The error for a header lacking columns, naming the file, the columns and the real header. */
  public String missingMessage(String file, Collection<String> header) {
    List<String> missing = missing(header);
    List<String> real = new ArrayList<>();
    for (String h : header) {
      real.add(clean(h));
    }
    return String.format(
        Locale.ROOT,
        "%s: CSV column%s %s not found; the file's header is: %s. Map the columns with"
            + " --csvColumns=field=column,... (fields: %s)",
        file,
        missing.size() == 1 ? "" : "s",
        String.join(", ", missing),
        String.join(",", real),
        FIELD_LIST);
  }

  /** The option value with every field, for the manifest. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    columns.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  static String clean(String header) {
    String h = header.startsWith("\uFEFF") ? header.substring(1) : header;
    return h.trim();
  }
}
