package org.newsstance.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic news corpus in the pipeline's JSON Lines input format, for fault tests and
 * benchmarks. The material is the project's own: sentences and headlines of the gold
 * development set ({@code datasets/gold/dev.tsv}; never {@code test.tsv}, which must stay unseen)
 * and of the sample articles ({@code datasets/sample/*.jsonl}).
 *
 * <p>The contract: the same options (articles, seed, format) give a byte-identical file, on any
 * JVM (only {@link Random}, whose algorithm the JDK specifies, and a fixed base date are used;
 * the gzip header carries no time). Records are written one at a time, so the corpus is never in
 * memory. {@code --articles=N} is the number of lines written, of which about 1 % are exact
 * copies of a recent line and about 0.2 % are bad records (truncated JSON, a text that is not a
 * string, no text, a JSON array). Texts have news-like lengths (median about 3,500 characters,
 * about 1 % long reads up to 50,000) and contain inserted ticker, "Read more:" and byline lines
 * that the cleaner must remove. 40 outlets, 52 ISO weeks of 2024.
 */
public final class GenerateCorpus {
  public static final int OUTLETS = 40;
  public static final int WEEKS = 52;
  static final double DUPLICATE_RATE = 0.01;
  static final double BAD_RATE = 0.002;
  static final int MEDIAN_CHARS = 3_500;
  static final int MIN_CHARS = 400;
  static final int MAX_CHARS = 50_000;
  /** Monday of ISO week 2024-W01. */
  static final LocalDate FIRST_MONDAY = LocalDate.of(2024, 1, 1);

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?][”\"’)]?)\\s+(?=[\"“‘(]?\\p{Lu})");
  private static final String[] OUTLET_WORDS_A = {
    "atlantic", "baltic", "nordic", "euro", "capital", "harbour", "northern", "central",
    "coastal", "daily", "evening", "morning", "western", "eastern", "southern", "continental",
    "river", "union", "civic", "metro"
  };
  private static final String[] OUTLET_WORDS_B = {"courier", "herald", "wire", "dispatch", "post"};
  private static final String[] NAMES = {
    "Anna Keller", "Tom Berg", "Sophie Marchetti", "Kadri Tamm", "Jonas Weber", "Marta Nowak",
    "Pieter de Vries", "Lena Holm", "Carlos Ruiz", "Ines Duarte", "Mikko Laine", "Eva Novak"
  };
  private static final String[] PLACES = {
    "Brussels", "Riga", "Warsaw", "Berlin", "Vilnius", "Tallinn", "Paris", "Helsinki", "London"
  };

  private final List<String> sentences;
  private final List<String> titles;
  private final ObjectMapper json = new ObjectMapper();

  /** The sentence and headline material the articles are made of. */
  GenerateCorpus(List<String> sentences, List<String> titles) {
    if (sentences.size() < 50 || titles.isEmpty()) {
      throw new IllegalArgumentException(
          "too little sentence material (" + sentences.size() + " sentences, " + titles.size()
              + " titles); is the datasets folder complete?");
    }
    this.sentences = List.copyOf(sentences);
    this.titles = List.copyOf(titles);
  }

  /** Loads the material from a {@code datasets} folder (gold/dev.tsv, sample/*.jsonl). */
  public static GenerateCorpus fromDatasets(Path datasets) throws IOException {
    LinkedHashSet<String> sentences = new LinkedHashSet<>();
    LinkedHashSet<String> titles = new LinkedHashSet<>();
    Path dev = datasets.resolve("gold/dev.tsv");
    if (!Files.isRegularFile(dev)) {
      throw new IOException(dev + " not found; give the repository's datasets folder with --datasets");
    }
    List<String> lines = Files.readAllLines(dev, StandardCharsets.UTF_8);
    int col = List.of(lines.get(0).split("\t", -1)).indexOf("sentence");
    int registerCol = List.of(lines.get(0).split("\t", -1)).indexOf("register");
    if (col < 0) {
      throw new IOException(dev + ": no 'sentence' column in the header line");
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      if (f.length <= col || f[col].isBlank()) {
        continue;
      }
      if (registerCol >= 0 && f[registerCol].equals("headline")) {
        titles.add(f[col].strip());
      } else {
        sentences.add(f[col].strip());
      }
    }
    List<Path> samples = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(datasets.resolve("sample"), "*.jsonl")) {
      ds.forEach(samples::add);
    }
    samples.sort(null);
    ObjectMapper mapper = new ObjectMapper();
    for (Path p : samples) {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        JsonNode n;
        try {
          n = mapper.readTree(line);
        } catch (JsonProcessingException e) {
          continue; // malformed.jsonl plants broken lines on purpose; they carry no material.
        }
        if (n == null || !n.isObject()) {
          continue;
        }
        if (n.path("title").isTextual()) {
          titles.add(n.get("title").asText().strip());
        }
        String text = n.path("text").isTextual() ? n.get("text").asText() : n.path("maintext").asText("");
        for (String para : text.split("\\r?\\n")) {
          for (String s : SENTENCE_END.split(para.strip())) {
            // Short lines are bylines, credits and tickers; the generator inserts its own.
            if (s.length() >= 40 && s.length() <= 400 && !s.startsWith("++")) {
              sentences.add(s.strip());
            }
          }
        }
      }
    }
    return new GenerateCorpus(new ArrayList<>(sentences), new ArrayList<>(titles));
  }

  /** What was written. */
  public record Stats(long records, long duplicates, long bad, long fileBytes) {}

  /**
   * Writes {@code articles} lines to {@code output} (gzip when the name ends in {@code .gz}),
   * through a temporary file renamed into place at the end.
   */
  public Stats write(Path output, long articles, long seed) throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve("." + output.getFileName() + ".tmp");
    long duplicates = 0;
    long bad = 0;
    Random rnd = new Random(seed);
    String[] recent = new String[64];
    try (OutputStream file = Files.newOutputStream(tmp);
        OutputStream raw =
            output.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
        Writer out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16)) {
      for (long i = 0; i < articles; i++) {
        String line;
        double roll = rnd.nextDouble();
        if (i >= recent.length && roll < DUPLICATE_RATE) {
          line = recent[rnd.nextInt(recent.length)];
          duplicates++;
        } else if (roll < DUPLICATE_RATE + BAD_RATE) {
          line = badRecord(rnd, i);
          bad++;
        } else {
          line = article(rnd, i);
          recent[(int) (i % recent.length)] = line;
        }
        out.write(line);
        out.write('\n');
      }
    }
    Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Stats(articles, duplicates, bad, Files.size(output));
  }

  private String article(Random rnd, long i) throws JsonProcessingException {
    int outletNo = outletIndex(rnd);
    String outlet = outletName(outletNo);
    LocalDate day = FIRST_MONDAY.plusDays(7L * rnd.nextInt(WEEKS) + rnd.nextInt(7));
    int hour = rnd.nextInt(24);
    int minute = rnd.nextInt(60);
    String title = titles.get(rnd.nextInt(titles.size()));
    Map<String, Object> m = new LinkedHashMap<>();
    String id = String.format(Locale.ROOT, "gen%02d-%08d", outletNo, i);
    m.put("id", id);
    m.put(
        "url",
        String.format(
            Locale.ROOT, "https://www.%s/news/%s/%s-%d", outlet, day.toString().replace('-', '/'),
            slug(title), i));
    if (rnd.nextInt(10) > 0) {
      m.put("outlet", outlet);
    }
    m.put("published", published(rnd, day, hour, minute));
    m.put("title", title);
    m.put("text", text(rnd, targetLength(rnd)));
    if (rnd.nextBoolean()) {
      m.put("language", "en");
    }
    return json.writeValueAsString(m);
  }

  /** Outlets of unequal size, as in a real archive: outlet k is drawn about 1/(k+1)^0.8 as often. */
  private static final double[] OUTLET_CDF = outletCdf();

  private static double[] outletCdf() {
    double[] w = new double[OUTLETS];
    double sum = 0;
    for (int k = 0; k < OUTLETS; k++) {
      sum += 1.0 / Math.pow(k + 1, 0.8);
      w[k] = sum;
    }
    for (int k = 0; k < OUTLETS; k++) {
      w[k] /= sum;
    }
    return w;
  }

  private static int outletIndex(Random rnd) {
    double u = rnd.nextDouble();
    for (int k = 0; k < OUTLETS; k++) {
      if (u < OUTLET_CDF[k]) {
        return k;
      }
    }
    return OUTLETS - 1;
  }

  static String outletName(int k) {
    return OUTLET_WORDS_A[k % OUTLET_WORDS_A.length] + "-" + OUTLET_WORDS_B[k / OUTLET_WORDS_A.length
        % OUTLET_WORDS_B.length] + ".example";
  }

  private static String published(Random rnd, LocalDate day, int hour, int minute) {
    switch (rnd.nextInt(3)) {
      case 0:
        return day.toString();
      case 1:
        return String.format(Locale.ROOT, "%sT%02d:%02d:00Z", day, hour, minute);
      default:
        return String.format(Locale.ROOT, "%sT%02d:%02d:00+01:00", day, hour, minute);
    }
  }

  /** Log-normal around the median (sigma 0.6), plus about 1 % long reads of 12-50 kB. */
  private static int targetLength(Random rnd) {
    double len;
    if (rnd.nextDouble() < 0.01) {
      len = Math.exp(Math.log(12_000) + rnd.nextDouble() * Math.log(MAX_CHARS / 12_000.0));
    } else {
      len = MEDIAN_CHARS * Math.exp(0.6 * rnd.nextGaussian());
    }
    return (int) Math.max(MIN_CHARS, Math.min(MAX_CHARS, len));
  }

  private String text(Random rnd, int target) {
    StringBuilder sb = new StringBuilder(target + 400);
    if (rnd.nextInt(10) < 3) {
      sb.append("By ").append(NAMES[rnd.nextInt(NAMES.length)]).append(", ")
          .append(PLACES[rnd.nextInt(PLACES.length)]).append("\n\n");
    }
    int paragraphs = 0;
    while (sb.length() < target) {
      if (paragraphs > 0) {
        sb.append("\n\n");
        int extra = rnd.nextInt(100);
        if (extra < 6) {
          sb.append("++ ").append(titles.get(rnd.nextInt(titles.size()))).append(" ++\n\n");
        } else if (extra < 10) {
          sb.append("Read more: ").append(titles.get(rnd.nextInt(titles.size()))).append("\n\n");
        }
      }
      int n = 1 + rnd.nextInt(4);
      for (int s = 0; s < n; s++) {
        if (s > 0) {
          sb.append(' ');
        }
        sb.append(sentences.get(rnd.nextInt(sentences.size())));
      }
      paragraphs++;
    }
    if (rnd.nextInt(10) < 2) {
      sb.append("\n\nShare this article");
    }
    return sb.toString();
  }

  private String badRecord(Random rnd, long i) throws JsonProcessingException {
    String good = article(rnd, i);
    switch (rnd.nextInt(4)) {
      case 0:
        return good.substring(0, good.length() / 2); // truncated mid-record
      case 1:
        return String.format(
            Locale.ROOT,
            "{\"id\":\"bad-%d\",\"url\":\"https://www.%s/x/%d\",\"title\":\"t\",\"text\":%d}",
            i, outletName(0), i, i);
      case 2:
        return String.format(
            Locale.ROOT, "{\"id\":\"bad-%d\",\"url\":\"https://www.%s/x/%d\",\"title\":\"no text\"}",
            i, outletName(1), i);
      default:
        return "[" + good + "]";
    }
  }

  private static String slug(String title) {
    String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  public static void main(String[] args) {
    System.exit(launch(args, System.out, System.err));
  }

  static int launch(String[] args, PrintStream out, PrintStream err) {
    Long articles = null;
    String output = null;
    String format = "jsonl";
    long seed = 1;
    String datasets = "datasets";
    for (String a : args) {
      String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
      try {
        if (a.equals("--help") || a.equals("-h")) {
          out.println(USAGE);
          return 0;
        } else if (a.startsWith("--articles=")) {
          articles = Long.parseLong(v);
        } else if (a.startsWith("--output=")) {
          output = v;
        } else if (a.startsWith("--format=")) {
          format = v;
        } else if (a.startsWith("--seed=")) {
          seed = Long.parseLong(v);
        } else if (a.startsWith("--datasets=")) {
          datasets = v;
        } else {
          err.println("gen-corpus: error: unknown argument " + a + "\n" + USAGE);
          return 2;
        }
      } catch (NumberFormatException e) {
        err.println("gen-corpus: error: " + a + " is not a whole number");
        return 2;
      }
    }
    if (articles == null || articles < 1 || output == null || output.isBlank()) {
      err.println("gen-corpus: error: --articles=N (N >= 1) and --output=PATH are required\n" + USAGE);
      return 2;
    }
    if (format.equals("warc")) {
      err.println("gen-corpus: error: --format=warc is not supported yet; use --format=jsonl");
      return 2;
    }
    if (!format.equals("jsonl")) {
      err.println("gen-corpus: error: --format must be jsonl or warc, was " + format);
      return 2;
    }
    try {
      long t0 = System.nanoTime();
      Stats s = fromDatasets(Paths.get(datasets)).write(Paths.get(output), articles, seed);
      out.printf(
          Locale.ROOT,
          "gen-corpus: wrote %s: %d records (%d exact duplicates, %d bad), %.1f MB, seed %d, %.1f s%n",
          output, s.records(), s.duplicates(), s.bad(), s.fileBytes() / 1e6, seed,
          (System.nanoTime() - t0) / 1e9);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("gen-corpus: error: " + e.getMessage());
      return 1;
    }
  }

  private static final String USAGE =
      "Usage: scripts/gen-corpus.sh --articles=N --output=PATH[.gz] [--format=jsonl|warc] [--seed=S]\n"
          + "  Writes N records of synthetic news (JSON Lines, gzip if PATH ends in .gz) built from\n"
          + "  datasets/gold/dev.tsv and datasets/sample/*.jsonl. Same seed, same bytes.\n"
          + "  --datasets=DIR  the repository's datasets folder (gen-corpus.sh sets it)\n"
          + "  --format=warc   not supported yet (exit 2)";
}
