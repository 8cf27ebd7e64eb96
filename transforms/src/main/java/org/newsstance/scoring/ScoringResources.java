package org.newsstance.scoring;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import opennlp.tools.tokenize.TokenizerModel;
import org.newsstance.scoring.LexiconEntry.Kind;

/**
 * Everything the scorer reads, loaded once per JVM and shared read-only between threads: the
 * dimension lexicons, the shared modifier lexicons, the settings and the OpenNLP tokenizer model.
 *
 * <p>The lexicons are data under {@code datasets/lexicons/} (shipped in the jar at {@code
 * newsstance/lexicons/}); {@code datasets/lexicons/README.md} defines the format. {@code
 * index.tsv} lists the files; in a directory, every other top-level {@code *.tsv} file is also a
 * dimension (sorted by name after the indexed ones), so a new dimension is one new file.
 */
public final class ScoringResources {

  static final String CLASSPATH_ROOT = "newsstance/lexicons/";
  static final String INDEX = "index.tsv";
  static final String TOKENIZER_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

  private static final Map<String, ScoringResources> CACHE = new ConcurrentHashMap<>();

  private final List<String> dimensions;
  private final String lexiconVersion;
  private final Map<String, Double> settings;
  private final PhraseTrie trie;
  private final Set<String> prefilterPrefixes;
  private final Set<String> strongPrefixes;
  private final Map<String, Double> cuePrefixes;
  private final TokenizerModel tokenizerModel;
  private final Map<Kind, Integer> entryCounts;
  /** The trained combination, built on first use (once per instance). */
  private volatile StanceCombiner combiner;

  private ScoringResources(
      List<String> dimensions,
      String lexiconVersion,
      Map<String, Double> settings,
      PhraseTrie trie,
      Set<String> prefilterPrefixes,
      Set<String> strongPrefixes,
      Map<String, Double> cuePrefixes,
      TokenizerModel tokenizerModel,
      Map<Kind, Integer> entryCounts) {
    this.dimensions = List.copyOf(dimensions);
    this.lexiconVersion = lexiconVersion;
    this.settings = Map.copyOf(settings);
    this.trie = trie;
    this.prefilterPrefixes = Set.copyOf(prefilterPrefixes);
    this.strongPrefixes = Set.copyOf(strongPrefixes);
    this.cuePrefixes = Map.copyOf(cuePrefixes);
    this.tokenizerModel = tokenizerModel;
    this.entryCounts = Collections.unmodifiableMap(new EnumMap<>(entryCounts));
  }

  /** The lexicons shipped on the classpath, loaded once per JVM. */
  public static ScoringResources shared() {
    return shared(null);
  }

  /**
   * The lexicons in {@code lexiconDir} (same files as {@code datasets/lexicons/}), or the
   * classpath ones when {@code lexiconDir} is null or empty; loaded once per JVM and directory.
   *
   * @throws IllegalArgumentException when a file is missing or a row is malformed (the message
   *     names the file and line)
   */
  public static ScoringResources shared(String lexiconDir) {
    String key =
        lexiconDir == null || lexiconDir.isBlank()
            ? ""
            : Path.of(lexiconDir).toAbsolutePath().normalize().toString();
    return CACHE.computeIfAbsent(key, ScoringResources::load);
  }

  /** Dimension names in scoring and output order. */
  public List<String> dimensions() {
    return dimensions;
  }

  /** Short (12 hex) SHA-256 of every lexicon and model byte used. */
  public String lexiconVersion() {
    return lexiconVersion;
  }

  /**
   * The dead zone: a relevant sentence gets label +1 when its score is at least this value, -1
   * when at most its negative, else 0. Set by {@code label_threshold} in {@code settings.tsv}.
   */
  public double labelThreshold() {
    return setting("label_threshold");
  }

  /** A numeric setting from {@code settings.tsv}. */
  public double setting(String name) {
    Double v = settings.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "setting '" + name + "' is not defined in settings.tsv; known: " + settings.keySet());
    }
    return v;
  }

  /**
   * A copy with one setting changed (same lexicons and models, same {@link #lexiconVersion()}:
   * the version describes the files, so record overrides next to it). For ablations and run-time
   * configuration; settings are listed in {@code settings.tsv}.
   */
  public ScoringResources withSetting(String name, double value) {
    Map<String, Double> s = new HashMap<>(settings);
    s.put(name, value);
    return new ScoringResources(
        dimensions, lexiconVersion, s, trie, prefilterPrefixes, strongPrefixes, cuePrefixes,
        tokenizerModel, entryCounts);
  }

  /**
   * The maxent models combined with these dictionaries, trained on the bundled dev split with
   * these lexicons and settings on first use, then shared by every thread (see {@link
   * StanceCombiner}).
   */
  public StanceCombiner combiner() {
    StanceCombiner c = combiner;
    if (c == null) {
      synchronized (this) {
        c = combiner;
        if (c == null) {
          c = StanceCombiner.train(this);
          combiner = c;
        }
      }
    }
    return c;
  }

  double setting(String name, double fallback) {
    return settings.getOrDefault(name, fallback);
  }

  PhraseTrie trie() {
    return trie;
  }

  TokenizerModel tokenizerModel() {
    return tokenizerModel;
  }

  /** Word prefixes that can start any target phrase (cheap pre-filter; superset). */
  Set<String> prefilterPrefixes() {
    return prefilterPrefixes;
  }

  /** Word prefixes that can start a strong target phrase. */
  Set<String> strongPrefixes() {
    return strongPrefixes;
  }

  /** Word prefixes that can start a stance cue, with the largest weight of such a cue. */
  Map<String, Double> cuePrefixes() {
    return cuePrefixes;
  }

  /** Number of lexicon rows per kind (for reports). */
  public Map<String, Integer> entryCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    entryCounts.forEach((k, v) -> out.put(k.name().toLowerCase(Locale.ROOT), v));
    return out;
  }

  /** Prefix length used by the cheap pre-filter. */
  static final int PREFIX = 4;

  static String prefix(String lower) {
    return lower.length() <= PREFIX ? lower : lower.substring(0, PREFIX);
  }

  // ---------------------------------------------------------------- loading

  private interface Source {
    byte[] read(String relative) throws IOException;

    boolean exists(String relative);

    List<String> listTopLevelTsv() throws IOException;

    String describe(String relative);
  }

  private static Source classpath() {
    ClassLoader cl = ScoringResources.class.getClassLoader();
    return new Source() {
      @Override
      public byte[] read(String relative) throws IOException {
        try (InputStream in = cl.getResourceAsStream(CLASSPATH_ROOT + relative)) {
          if (in == null) {
            throw new IOException("classpath resource " + CLASSPATH_ROOT + relative + " not found");
          }
          return in.readAllBytes();
        }
      }

      @Override
      public boolean exists(String relative) {
        return cl.getResource(CLASSPATH_ROOT + relative) != null;
      }

      @Override
      public List<String> listTopLevelTsv() {
        return List.of(); // a jar cannot be listed portably: the index is authoritative here
      }

      @Override
      public String describe(String relative) {
        return "classpath:" + CLASSPATH_ROOT + relative;
      }
    };
  }

  private static Source directory(Path dir) {
    return new Source() {
      @Override
      public byte[] read(String relative) throws IOException {
        return Files.readAllBytes(dir.resolve(relative));
      }

      @Override
      public boolean exists(String relative) {
        return Files.isRegularFile(dir.resolve(relative));
      }

      @Override
      public List<String> listTopLevelTsv() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
          return s.filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".tsv"))
              .sorted()
              .toList();
        }
      }

      @Override
      public String describe(String relative) {
        return dir.resolve(relative).toString();
      }
    };
  }

  private static ScoringResources load(String dirKey) {
    Source src;
    if (dirKey.isEmpty()) {
      src = classpath();
    } else {
      Path dir = Path.of(dirKey);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "lexicon directory " + dir + " does not exist; pass a folder laid out like"
                + " datasets/lexicons/ or nothing for the built-in lexicons");
      }
      src = directory(dir);
    }
    try {
      return load(src);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load lexicons from " + src.describe(""), e);
    }
  }

  private static ScoringResources load(Source src) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // 1. Index: which files are dimensions, modifiers, settings.
    List<String> dimensionFiles = new ArrayList<>();
    List<String> modifierFiles = new ArrayList<>();
    List<String> settingFiles = new ArrayList<>();
    byte[] indexBytes = src.read(INDEX);
    digest.update(indexBytes);
    int lineNo = 0;
    for (String line : lines(indexBytes)) {
      lineNo++;
      if (isComment(line)) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length < 2) {
        throw new IllegalArgumentException(
            src.describe(INDEX) + ":" + lineNo + ": expected 'role<TAB>file', got '" + line + "'");
      }
      String role = f[0].trim();
      String file = f[1].trim();
      switch (role) {
        case "dimension" -> dimensionFiles.add(file);
        case "modifiers" -> modifierFiles.add(file);
        case "settings" -> settingFiles.add(file);
        default -> throw new IllegalArgumentException(
            src.describe(INDEX) + ":" + lineNo + ": unknown role '" + role
                + "'; use dimension, modifiers or settings");
      }
    }
    Set<String> known = new HashSet<>(dimensionFiles);
    known.addAll(modifierFiles);
    known.addAll(settingFiles);
    known.add(INDEX);
    for (String extra : src.listTopLevelTsv()) {
      if (!known.contains(extra)) {
        dimensionFiles.add(extra);
      }
    }
    List<String> dimensions = new ArrayList<>();
    for (String f : dimensionFiles) {
      String name = Path.of(f).getFileName().toString().replaceFirst("\\.tsv$", "");
      if (!name.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            src.describe(f) + ": dimension name '" + name
                + "' must be lower-case letters, digits or '_' (it becomes a column name)");
      }
      if (dimensions.contains(name)) {
        throw new IllegalArgumentException(src.describe(f) + ": dimension '" + name + "' twice");
      }
      dimensions.add(name);
    }
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException(src.describe(INDEX) + ": no dimension file listed");
    }

    // 2. Tokenizer model (also used to tokenise lexicon phrases exactly like sentences).
    byte[] modelBytes = readModel(TOKENIZER_MODEL);
    digest.update(modelBytes);
    TokenizerModel loaded = new TokenizerModel(new ByteArrayInputStream(modelBytes));
    // The shipped model evaluates every character of every word. With the alphanumeric
    // optimisation a purely alphanumeric word ("NATO", "2029") is kept whole without asking the
    // maxent model, which is what it decides anyway; about 3x faster (measured in the report).
    TokenizerModel tokenizerModel =
        new TokenizerModel(
            loaded.getMaxentModel(),
            Map.of(),
            new opennlp.tools.tokenize.TokenizerFactory(
                "en", loaded.getFactory().getAbbreviationDictionary(), true, null));
    opennlp.tools.tokenize.TokenizerME tokenizer =
        new opennlp.tools.tokenize.TokenizerME(tokenizerModel);
    TokenNormalizer normalizer = new TokenNormalizer();

    PhraseTrie trie = new PhraseTrie();
    Map<String, Double> settings = new HashMap<>();
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    Set<String> prefixes = new HashSet<>();
    Set<String> strongPrefixes = new HashSet<>();
    Map<String, Double> cuePrefixes = new HashMap<>();
    for (int d = 0; d < dimensionFiles.size(); d++) {
      readRows(src, dimensionFiles.get(d), d, digest, tokenizer, normalizer, trie, settings,
          counts, prefixes, strongPrefixes, cuePrefixes);
    }
    for (String f : modifierFiles) {
      readRows(src, f, -1, digest, tokenizer, normalizer, trie, settings, counts, prefixes,
          strongPrefixes, cuePrefixes);
    }
    for (String f : settingFiles) {
      readRows(src, f, -1, digest, tokenizer, normalizer, trie, settings, counts, prefixes,
          strongPrefixes, cuePrefixes);
    }
    if (!settings.containsKey("label_threshold")) {
      throw new IllegalArgumentException(
          src.describe("") + ": no 'setting<TAB>label_threshold<TAB>value' row in the settings");
    }
    // The trained models are part of what scores: their training splits and the combination's
    // parameters are in the version too.
    for (byte[] split : StanceCombiner.trainingBytes()) {
      digest.update(split);
    }
    digest.update(StanceCombiner.parameters().getBytes(StandardCharsets.UTF_8));
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    return new ScoringResources(
        dimensions, version, settings, trie, prefixes, strongPrefixes, cuePrefixes,
        tokenizerModel, counts);
  }

  private static byte[] readModel(String name) throws IOException {
    try (InputStream in = ScoringResources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(
            "OpenNLP model " + name + " not on the classpath; add opennlp-models-tokenizer-en");
      }
      return in.readAllBytes();
    }
  }

  private static void readRows(
      Source src,
      String file,
      int dimension,
      MessageDigest digest,
      opennlp.tools.tokenize.TokenizerME tokenizer,
      TokenNormalizer normalizer,
      PhraseTrie trie,
      Map<String, Double> settings,
      Map<Kind, Integer> counts,
      Set<String> prefixes,
      Set<String> strongPrefixes,
      Map<String, Double> cuePrefixes)
      throws IOException {
    if (!src.exists(file)) {
      throw new IllegalArgumentException(
          src.describe(file) + ": listed in " + INDEX + " but missing");
    }
    byte[] bytes = src.read(file);
    digest.update(file.getBytes(StandardCharsets.UTF_8));
    digest.update(bytes);
    int lineNo = 0;
    for (String line : lines(bytes)) {
      lineNo++;
      if (isComment(line)) {
        continue;
      }
      String where = src.describe(file) + ":" + lineNo;
      String[] f = line.split("\t", -1);
      if (f.length < 3) {
        throw new IllegalArgumentException(
            where + ": expected 'kind<TAB>phrase<TAB>weight[<TAB>note]', got '" + line + "'");
      }
      Kind kind;
      try {
        kind = Kind.parse(f[0]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + ": unknown kind '" + f[0] + "'; known: "
                + Arrays.toString(Kind.values()).toLowerCase(Locale.ROOT));
      }
      double weight;
      try {
        weight = Double.parseDouble(f[2].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": weight '" + f[2] + "' is not a number");
      }
      String phrase = f[1].trim();
      boolean dimensionKind = kind == Kind.TARGET || kind == Kind.WARN || kind.isCue();
      if (dimensionKind && dimension < 0) {
        throw new IllegalArgumentException(
            where + ": kind '" + f[0] + "' belongs in a dimension file, not a shared file");
      }
      if (!dimensionKind && kind != Kind.STOP && kind != Kind.SETTING && dimension >= 0) {
        throw new IllegalArgumentException(
            where + ": kind '" + f[0] + "' belongs in a shared modifiers file");
      }
      counts.merge(kind, 1, Integer::sum);
      if (kind == Kind.SETTING) {
        settings.put(phrase, weight);
        continue;
      }
      List<String> keys = phraseKeys(phrase, tokenizer, normalizer);
      if (keys.isEmpty()) {
        throw new IllegalArgumentException(where + ": empty phrase");
      }
      LexiconEntry entry = new LexiconEntry(dimension, kind, phrase, weight, where);
      trie.add(keys, entry);
      if (kind.isCue()) {
        String first = keys.get(0).replace(TokenNormalizer.EXACT, "");
        String surfaceFirst =
            phrase.split("\\s+")[0].toLowerCase(Locale.ROOT).replace(TokenNormalizer.EXACT, "");
        for (String pre : List.of(prefix(first), prefix(surfaceFirst))) {
          cuePrefixes.merge(pre, weight, Math::max);
        }
      }
      if (kind == Kind.TARGET) {
        String first = keys.get(0);
        String keyPrefix =
            first.equals(TokenNormalizer.NUM)
                ? TokenNormalizer.NUM
                : prefix(first.replace(TokenNormalizer.EXACT, ""));
        String surfaceFirst =
            phrase.split("\\s+")[0].toLowerCase(Locale.ROOT).replace(TokenNormalizer.EXACT, "");
        prefixes.add(keyPrefix);
        prefixes.add(prefix(surfaceFirst));
        if (weight >= 1.0) {
          strongPrefixes.add(keyPrefix);
          strongPrefixes.add(prefix(surfaceFirst));
        }
      }
    }
  }

  /** Phrase -> keys: whitespace-separated words, each tokenised like a sentence. */
  static List<String> phraseKeys(
      String phrase, opennlp.tools.tokenize.TokenizerME tokenizer, TokenNormalizer normalizer) {
    List<String> keys = new ArrayList<>();
    for (String word : phrase.trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (word.equals(TokenNormalizer.GAP) || word.equals(TokenNormalizer.NUM)) {
        keys.add(word);
        continue;
      }
      if (word.startsWith(TokenNormalizer.EXACT) && word.length() > 1) {
        for (String t : TokenNormalizer.tokens(tokenizer, word.substring(1))) {
          keys.add(TokenNormalizer.EXACT + t.toLowerCase(Locale.ROOT));
        }
        continue;
      }
      for (String t : TokenNormalizer.tokens(tokenizer, word)) {
        keys.add(normalizer.key(t));
      }
    }
    return keys;
  }

  private static List<String> lines(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    return s.lines().toList();
  }

  private static boolean isComment(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("#");
  }
}
