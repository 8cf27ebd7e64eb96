package org.newsstance.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.newsstance.aggregate.IsoWeek;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.SentenceEvidence;

/**
 * The validation sample for human coders ({@code coding_sample.csv}): plain Java, so the draw is
 * unit-tested without a pipeline.
 *
 * <p>Candidates are the relevant sentences of unique articles, one per sentence and dimension.
 * Each falls in one stratum, {@code outlet × dimension × machine label}. A candidate's rank is a
 * seeded 64-bit hash of {@code article_id|sentence_no}: no random numbers, so the same seed gives
 * the same sample on every runner. Allocation is equal with redistribution: strata in key order
 * take turns, each taking its lowest-ranked candidate not already drawn (a sentence relevant to
 * two dimensions is drawn once), until {@code n} sentences are drawn or every stratum is
 * exhausted. Small strata are thus taken whole and their unused share goes to the others.
 */
public final class CodingSample {
  private CodingSample() {}

  public static final String FILE = "coding_sample.csv";

  /** A sentence that can be drawn: its stratum, rank, identity and finished CSV row. */
  public record Candidate(String stratum, long rank, String sentenceId, String row) {}

  /** The columns for the given dimensions. */
  public static List<String> columns(List<String> dimensions) {
    List<String> cols = new ArrayList<>(
        List.of("sample_rank", "article_id", "outlet", "url", "week_start", "sentence_no",
            "sentence"));
    for (String d : dimensions) {
      cols.add("coder_" + d + "_label");
    }
    cols.add("coder_notes");
    cols.add("stratum");
    for (String d : dimensions) {
      cols.add("machine_" + d + "_score");
      cols.add("machine_" + d + "_label");
    }
    return cols;
  }

  /** Seeded rank of a sentence: SplitMix64 over FNV-1a of {@code articleId|sentenceNo}. */
  public static long rank(long seed, String articleId, int sentenceNo) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (articleId + "|" + sentenceNo).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    long z = h + seed * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Stratum key: outlet, dimension and machine label. */
  public static String stratum(String outlet, String dimension, int label) {
    return outlet + "\u0001" + dimension + "\u0001" + label;
  }

  /** Every candidate of one unique, scored article. */
  public static List<Candidate> candidates(ScoredArticle a, List<String> dimensions, long seed) {
    List<Candidate> out = new ArrayList<>();
    if (a.isDuplicate() || !a.scored()) {
      return out;
    }
    Map<Integer, Map<String, SentenceEvidence>> bySentence = new TreeMap<>();
    for (SentenceEvidence e : a.evidence()) {
      bySentence.computeIfAbsent(e.sentenceNo(), k -> new TreeMap<>()).put(e.dimension(), e);
    }
    for (Map.Entry<Integer, Map<String, SentenceEvidence>> s : bySentence.entrySet()) {
      long rank = rank(seed, a.article().id(), s.getKey());
      String id = a.article().id() + "\u0001" + a.article().source() + "\u0001"
          + a.article().position() + "\u0001" + s.getKey();
      for (SentenceEvidence e : s.getValue().values()) {
        String stratum = stratum(a.article().outlet(), e.dimension(), e.label());
        out.add(new Candidate(stratum, rank, id, row(a, s.getValue(), stratum, rank, dimensions)));
      }
    }
    return out;
  }

  private static String row(
      ScoredArticle a,
      Map<String, SentenceEvidence> evidence,
      String stratum,
      long rank,
      List<String> dimensions) {
    SentenceEvidence any = evidence.values().iterator().next();
    IsoWeek week = IsoWeek.ofIsoDate(a.article().publishedDate());
    List<String> cells = new ArrayList<>();
    cells.add(String.format(Locale.ROOT, "%016x", rank));
    cells.add(SpreadsheetSafe.text(a.article().id()));
    cells.add(SpreadsheetSafe.text(a.article().outlet()));
    cells.add(SpreadsheetSafe.text(a.article().url()));
    cells.add(week == null ? "" : week.weekStartText());
    cells.add(Integer.toString(any.sentenceNo()));
    cells.add(SpreadsheetSafe.text(any.sentence()));
    for (int i = 0; i < dimensions.size(); i++) {
      cells.add("");
    }
    cells.add("");
    String[] s = stratum.split("\u0001", -1);
    cells.add(SpreadsheetSafe.text(s[1] + " " + (s[2].equals("1") ? "+1" : s[2])));
    for (String d : dimensions) {
      SentenceEvidence e = evidence.get(d);
      // Not relevant to a dimension means label 0, as in the codebook and the gold sets.
      cells.add(e == null ? "" : Numbers.score(e.score()));
      cells.add(e == null ? "0" : Integer.toString(e.label()));
    }
    return Tables.line(cells);
  }

  /** Orders candidates by rank, then identity, so ties cannot depend on arrival order. */
  public static int compare(Candidate x, Candidate y) {
    int c = Long.compareUnsigned(x.rank(), y.rank());
    return c != 0 ? c : x.sentenceId().compareTo(y.sentenceId());
  }

  /**
   * Draws up to {@code n} sentences from the strata's candidates (each list holding at least the
   * stratum's {@code n} lowest-ranked candidates), by equal allocation with redistribution.
   */
  public static List<Candidate> allocate(Map<String, List<Candidate>> strata, int n) {
    TreeMap<String, List<Candidate>> ordered = new TreeMap<>();
    for (Map.Entry<String, List<Candidate>> e : strata.entrySet()) {
      List<Candidate> l = new ArrayList<>(e.getValue());
      l.sort(CodingSample::compare);
      ordered.put(e.getKey(), l);
    }
    Map<String, Integer> next = new TreeMap<>();
    Set<String> drawn = new HashSet<>();
    List<Candidate> sample = new ArrayList<>();
    boolean progress = true;
    while (sample.size() < n && progress) {
      progress = false;
      for (Map.Entry<String, List<Candidate>> e : ordered.entrySet()) {
        if (sample.size() >= n) {
          break;
        }
        List<Candidate> l = e.getValue();
        int i = next.getOrDefault(e.getKey(), 0);
        while (i < l.size() && drawn.contains(l.get(i).sentenceId())) {
          i++;
        }
        if (i < l.size()) {
          sample.add(l.get(i));
          drawn.add(l.get(i).sentenceId());
          i++;
          progress = true;
        }
        next.put(e.getKey(), i);
      }
    }
    sample.sort(CodingSample::compare);
    return sample;
  }
}
