package org.newsstance.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The run's {@code manifest.json}: tool version, options, input files with sizes, dictionary
 * version, times and counts. The counts always reconcile: {@code records_read = articles +
 * duplicates + rejected}, and {@link #reconciles} says whether they did.
 */
public final class Manifest {
  /** Counts every manifest has, zero when nothing happened. */
  public static final List<String> REQUIRED_COUNTS =
      List.of(
          "records_read", "articles", "duplicates", "rejected", "undated", "unsupported_language",
          "sentences", "lines_removed");

  private final Map<String, Object> root = new LinkedHashMap<>();

  public Manifest put(String key, Object value) {
    root.put(key, value);
    return this;
  }

  public Object get(String key) {
    return root.get(key);
  }

  /**
   * Parses the pipeline's {@code _counts.csv} into the manifest's {@code counts}: the required
   * keys first, then relevant sentences and articles per dimension, then rejects by reason.
   */
  public static Map<String, Long> countsFrom(String countsCsv, List<String> dimensions)
      throws IOException {
    Map<String, Long> raw = new TreeMap<>();
    for (CSVRecord r :
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
            .parse(new StringReader(countsCsv))) {
      raw.put(r.get("key"), Long.parseLong(r.get("value")));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String k : REQUIRED_COUNTS) {
      counts.put(k, raw.getOrDefault(k, 0L));
    }
    for (String d : dimensions) {
      counts.put("relevant_sentences_" + d, raw.getOrDefault("relevant_sentences_" + d, 0L));
      counts.put("relevant_articles_" + d, raw.getOrDefault("relevant_articles_" + d, 0L));
    }
    for (Map.Entry<String, Long> e : raw.entrySet()) {
      if (!counts.containsKey(e.getKey())) {
        counts.put(e.getKey(), e.getValue());
      }
    }
    return counts;
  }

  /** Whether every record read is accounted for as an article, a duplicate or a reject. */
  public static boolean reconciles(Map<String, Long> counts) {
    return counts.get("records_read")
        == counts.get("articles") + counts.get("duplicates") + counts.get("rejected");
  }

  public String toJson() {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(root)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest cannot be serialised: " + e.getMessage(), e);
    }
  }
}
