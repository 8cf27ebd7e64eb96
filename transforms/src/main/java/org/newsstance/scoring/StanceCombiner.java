package org.newsstance.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsstance.scoring.StanceModel.Features;

/**
 * The shipped combination of the dictionary and a trained model: per dimension, an OpenNLP
 * maxent document categorizer over the sentence's words plus the dictionary's evidence ({@link
 * Features#WORDS_AND_DICTIONARY}), trained on the development gold split {@code
 * datasets/gold/dev.tsv} (bundled at {@code newsstance/gold/dev.tsv}; never {@code dev2.tsv}, kept
 * as a fresh check, and never {@code test.tsv}, which is not in the jar).
 *
 * <p>The model is trained when the {@link ScoringResources} are loaded (once per JVM and lexicon
 * set, about a second), from the dictionary scorer's own evidence on dev. So the model always
 * matches the lexicons and settings it is combined with: there is no separate model file that
 * could be stale. Training is deterministic (GIS maxent, one thread, fixed iterations and cutoff,
 * samples in file order).
 *
 * <p>How a sentence is combined ({@link #combine}): relevance and cues come from the dictionary;
 * the model runs only on sentences the dictionary found relevant; the score is P(+1) − P(−1) of
 * the model, and the label the most probable class (what {@code scripts/cross-validate.sh}
 * measured as "model:words+dictionary"). A dimension with no column in the training file is
 * scored by the dictionary alone.
 */
public final class StanceCombiner {

  /** Where the training split is on the classpath. */
  static final String TRAINING_RESOURCE = "newsstance/gold/dev.tsv";

  /** Training parameters, as measured by {@code CrossValidate} (its defaults). */
  public static final int ITERATIONS = 200;

  public static final int CUTOFF = 1;

  /** Per dimension index: the model, or null (dictionary alone). */
  private final StanceModel[] models;

  private final int trainingSentences;

  private StanceCombiner(StanceModel[] models, int trainingSentences) {
    this.models = models;
    this.trainingSentences = trainingSentences;
  }

  /** Number of gold sentences the models were trained on. */
  public int trainingSentences() {
    return trainingSentences;
  }

  /** Whether dimension {@code d} has a trained model (else it is scored by the dictionary). */
  public boolean hasModel(int d) {
    return d < models.length && models[d] != null;
  }

  /** Per-thread categorizers, one per dimension (null where there is no model). */
  StanceModel.Categorizer[] categorizers() {
    StanceModel.Categorizer[] out = new StanceModel.Categorizer[models.length];
    for (int d = 0; d < models.length; d++) {
      out[d] = models[d] == null ? null : models[d].categorizer();
    }
    return out;
  }

  /** Raw bytes of the bundled training split (for the resources' version hash). */
  static byte[] trainingBytes() {
    try (InputStream in =
        StanceCombiner.class.getClassLoader().getResourceAsStream(TRAINING_RESOURCE)) {
      if (in == null) {
        throw new IOException("classpath resource " + TRAINING_RESOURCE + " not found");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Trains one model per dimension of {@code resources} that has labels in the bundled dev split.
   */
  static StanceCombiner train(ScoringResources resources) {
    quietTrainerLogs();
    List<String> dims = resources.dimensions();
    Gold gold = Gold.parse(new String(trainingBytes(), StandardCharsets.UTF_8), dims);
    StanceScorer dictionary = new StanceScorer(resources, false);
    List<List<SentenceScore>> evidence = new ArrayList<>();
    for (List<Integer> doc : gold.docs) {
      List<String> texts = new ArrayList<>(doc.size());
      for (int i : doc) {
        texts.add(gold.sentences.get(i));
      }
      evidence.addAll(dictionary.scoreArticle(texts));
    }
    StanceModel[] models = new StanceModel[dims.size()];
    for (int d = 0; d < dims.size(); d++) {
      int[] labels = gold.labels.get(dims.get(d));
      if (labels == null) {
        continue; // no training data for this dimension: dictionary alone
      }
      List<String[]> docs = new ArrayList<>();
      List<Integer> ys = new ArrayList<>();
      for (int i = 0; i < gold.sentences.size(); i++) {
        docs.add(StanceModel.features(gold.sentences.get(i), evidence.get(i).get(d),
            Features.WORDS_AND_DICTIONARY));
        ys.add(labels[i]);
      }
      try {
        models[d] = StanceModel.train(docs, ys, ITERATIONS, CUTOFF);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot train the " + dims.get(d) + " model", e);
      }
    }
    return new StanceCombiner(models, gold.sentences.size());
  }

  /** OpenNLP's GIS trainer logs ~200 INFO lines per model; keep them out of worker logs. */
  private static final java.util.logging.Logger[] JUL_TRAINER_LOGGERS = {
      java.util.logging.Logger.getLogger("opennlp.tools.ml"),
      java.util.logging.Logger.getLogger("opennlp.tools.monitoring")};

  /**
   * Raises the level of OpenNLP's training loggers to WARN unless the user configured them: for
   * slf4j-simple (the binding this project ships) through its per-logger system properties, which
   * it reads when a logger is first created, and for java.util.logging directly.
   */
  private static void quietTrainerLogs() {
    for (String name : List.of("opennlp.tools.ml", "opennlp.tools.monitoring")) {
      String key = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
    for (java.util.logging.Logger l : JUL_TRAINER_LOGGERS) {
      if (l.getLevel() == null) {
        l.setLevel(java.util.logging.Level.WARNING);
      }
    }
  }

  /**
   * Combines the dictionary's score of a sentence with the model's probabilities of −1, 0, +1:
   * a sentence the dictionary found irrelevant stays irrelevant (score 0, label 0); otherwise the
   * score is P(+1) − P(−1) (rounded to 4 decimals), the label the most probable class (ties go to
   * 0, then −1), and the cues are the dictionary's followed by {@code model:-1/0/+1=...}.
   */
  public static SentenceScore combine(SentenceScore dictionary, double[] p) {
    if (!dictionary.relevant()) {
      return dictionary;
    }
    double score = Math.round((p[2] - p[0]) * 10_000.0) / 10_000.0;
    List<String> cues = new ArrayList<>(dictionary.cues().size() + 1);
    cues.addAll(dictionary.cues());
    cues.add("model:-1/0/+1=" + twoDecimals(p[0]) + "/" + twoDecimals(p[1]) + "/"
        + twoDecimals(p[2]));
    return new SentenceScore(dictionary.dimension(), true, score, argmax(p), cues);
  }

  /** A probability as {@code %.2f} would print it (HALF_UP), without the cost of a Formatter. */
  static String twoDecimals(double p) {
    long hundredths = java.math.BigDecimal.valueOf(p).setScale(2, java.math.RoundingMode.HALF_UP)
        .unscaledValue().longValueExact();
    long abs = Math.abs(hundredths);
    String frac = abs % 100 < 10 ? "0" + abs % 100 : String.valueOf(abs % 100);
    return (hundredths < 0 ? "-" : "") + abs / 100 + "." + frac;
  }

  /** The most probable of −1, 0, +1; ties go to 0, then to −1. */
  public static int argmax(double[] p) {
    int best = 1;
    for (int i = 0; i < 3; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best - 1;
  }

  /** The training split: sentences in file order, documents as index lists, labels per dim. */
  private static final class Gold {
    final List<String> sentences = new ArrayList<>();
    final List<List<Integer>> docs = new ArrayList<>();
    final Map<String, int[]> labels = new HashMap<>();

    static Gold parse(String text, List<String> dims) {
      Gold g = new Gold();
      String[] lines = text.split("\n");
      String[] header = lines[0].replace("\r", "").split("\t", -1);
      List<String> cols = Arrays.asList(header);
      int docCol = cols.indexOf("doc_id");
      int sentCol = cols.indexOf("sentence");
      if (docCol < 0 || sentCol < 0) {
        throw new IllegalStateException(TRAINING_RESOURCE + ": no doc_id or sentence column");
      }
      Map<String, Integer> dimCols = new HashMap<>();
      for (String d : dims) {
        if (cols.contains(d)) {
          dimCols.put(d, cols.indexOf(d));
        }
      }
      Map<String, List<Integer>> labelLists = new HashMap<>();
      String lastDoc = null;
      for (int l = 1; l < lines.length; l++) {
        String line = lines[l].replace("\r", "");
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        int i = g.sentences.size();
        g.sentences.add(f[sentCol].strip());
        String doc = f[docCol].strip();
        if (!doc.equals(lastDoc)) {
          g.docs.add(new ArrayList<>());
          lastDoc = doc;
        }
        g.docs.get(g.docs.size() - 1).add(i);
        final int lineNo = l + 1;
        dimCols.forEach((d, c) -> labelLists.computeIfAbsent(d, k -> new ArrayList<>())
            .add(label(f[c], lineNo)));
      }
      labelLists.forEach((d, ys) -> g.labels.put(d, ys.stream().mapToInt(x -> x).toArray()));
      return g;
    }

    private static int label(String s, int line) {
      return switch (s.strip().replace("+", "")) {
        case "1" -> 1;
        case "0", "" -> 0;
        case "-1" -> -1;
        default -> throw new IllegalStateException(
            TRAINING_RESOURCE + ":" + line + ": label '" + s + "' is not -1, 0 or 1");
      };
    }
  }
}
