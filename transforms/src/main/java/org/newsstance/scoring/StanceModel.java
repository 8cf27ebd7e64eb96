package org.newsstance.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * A trained sentence classifier for one dimension: an OpenNLP maxent {@link
 * DocumentCategorizerME} over the sentence's words and, optionally, the dictionary scorer's
 * evidence (relevance, label, cues) as extra features. Categories are {@code -1}, {@code 0},
 * {@code 1}. The model is immutable and shareable; {@link #categorizer()} gives a per-thread
 * categorizer.
 */
public final class StanceModel {

  /** The definitions {@link #wordFeatures} and {@link #withoutWeights} implement (tested). */
  static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}%']+");

  static final Pattern CUE_WEIGHT = Pattern.compile("\\(\\d+(\\.\\d+)?\\)");

  private final DoccatModel model;

  private StanceModel(DoccatModel model) {
    this.model = model;
  }

  /** Which features a model sees. */
  public enum Features {
    WORDS,
    WORDS_AND_DICTIONARY,
    DICTIONARY,
    /** Words, pairs of adjacent words ({@code b:w1_w2}) and the dictionary evidence. */
    WORDS_BIGRAMS_AND_DICTIONARY;

    /** Whether the features include the pairs of adjacent words. */
    boolean bigrams() {
      return this == WORDS_BIGRAMS_AND_DICTIONARY;
    }
  }

  /**
   * Feature tokens of a sentence: lower-cased words ({@code w:...}) and the dictionary evidence
   * ({@code d:...}: relevance, label, score bin, each cue without its weight).
   */
  public static String[] features(String sentence, SentenceScore dictionary, Features which) {
    List<String> words = which != Features.DICTIONARY && sentence != null
        ? wordFeatures(sentence, which) : List.of();
    return features(words, dictionary, which);
  }

  /**
   * The same features from the sentence's {@link #wordFeatures(String, Features)} computed once
   * (the scorer reuses them for every dimension of a sentence).
   */
  static String[] features(List<String> words, SentenceScore dictionary, Features which) {
    Set<String> evidence = new LinkedHashSet<>();
    if (which != Features.WORDS && dictionary != null) {
      evidence.add(dictionary.relevant() ? "d:relevant" : "d:irrelevant");
      evidence.add("d:label=" + dictionary.label());
      evidence.add("d:bin=" + Math.round(dictionary.score() * 3));
      for (String cue : dictionary.cues()) {
        String c = withoutWeights(cue);
        evidence.add("d:" + c);
        if (c.startsWith("+") || c.startsWith("-")) {
          evidence.add("d:pol" + c.charAt(0) + (c.endsWith("[neg]") ? "neg" : ""));
        } else {
          int colon = c.indexOf(':');
          if (colon > 0) {
            evidence.add("d:" + c.substring(0, colon));
          }
        }
      }
    }
    List<String> w = which == Features.DICTIONARY ? List.of() : words;
    if (w.isEmpty() && evidence.isEmpty()) {
      return new String[] {"d:empty"};
    }
    // "w:" and "d:" features never collide: words first, then evidence, each without repeats
    String[] out = new String[w.size() + evidence.size()];
    int i = 0;
    for (String x : w) {
      out[i++] = x;
    }
    for (String x : evidence) {
      out[i++] = x;
    }
    return out;
  }

  /**
   * The distinct word features {@code w:<word>} of a sentence in order of first occurrence: the
   * lower-cased text split at every character that is not a letter, a number, '%' or an
   * apostrophe (what the regex {@code [^\p{L}\p{N}%']+} splits at, without the regex).
   */
  public static List<String> wordFeatures(String sentence) {
    return wordFeatures(sentence, Features.WORDS);
  }

  /**
   * The word features {@code which} uses: {@link #wordFeatures(String)}, followed, when {@code
   * which} has bigrams, by the distinct pairs of adjacent words {@code b:<word>_<word>} (the
   * sequence of words, repeats included, as the same split finds it).
   */
  static List<String> wordFeatures(String sentence, Features which) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    Set<String> out = new LinkedHashSet<>();
    List<String> sequence = which.bigrams() ? new ArrayList<>() : null;
    int n = lower.length();
    int start = -1;
    for (int i = 0; i < n; ) {
      int cp = lower.codePointAt(i);
      boolean word = cp == '%' || cp == '\'' || Character.isLetter(cp) || isNumber(cp);
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        addWord(lower.substring(start, i), out, sequence);
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      addWord(lower.substring(start), out, sequence);
    }
    if (sequence != null) {
      for (int k = 1; k < sequence.size(); k++) {
        out.add("b:" + sequence.get(k - 1) + "_" + sequence.get(k));
      }
    }
    return new ArrayList<>(out);
  }

  private static void addWord(String word, Set<String> out, List<String> sequence) {
    out.add("w:" + word);
    if (sequence != null) {
      sequence.add(word);
    }
  }

  private static final Pattern NEG_TOKEN = Pattern.compile("[\\p{L}\\p{N}%']+|[.,;:!?\"]");

  private static final Set<String> NEGATORS = Set.of("not", "no", "never", "nobody", "nothing",
      "none", "neither", "nor", "without", "cannot", "hardly", "barely", "nowhere");

  /**
   * Words in the scope of a negation (experimental, measured by {@code CompareVariants}): {@code
   * n:<word>} for each of the up to {@code window} words after a negator ("not", "no", "never",
   * a word ending in "n't", ...) and before the next punctuation mark, so the model can tell
   * "divided" from "not divided" (the negation marking of Das and Chen, Pang et al.).
   */
  public static List<String> negatedWords(String sentence, int window) {
    Set<String> out = new LinkedHashSet<>();
    java.util.regex.Matcher m = NEG_TOKEN.matcher(sentence.toLowerCase(Locale.ROOT)
        .replace('\u2019', '\''));
    int left = 0;
    while (m.find()) {
      String t = m.group();
      if (t.length() == 1 && ".,;:!?\"".indexOf(t.charAt(0)) >= 0) {
        left = 0;
      } else if (NEGATORS.contains(t) || t.endsWith("n't")) {
        left = window;
      } else if (left > 0) {
        out.add("n:" + t);
        left--;
      }
    }
    return new ArrayList<>(out);
  }

  /** {@code \p{N}}: decimal digit, letter number or other number. */
  private static boolean isNumber(int cp) {
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER
        || t == Character.OTHER_NUMBER;
  }

  /** The cue with every weight {@code (0.75)} removed (regex {@code \(\d+(\.\d+)?\)}). */
  static String withoutWeights(String cue) {
    int open = cue.indexOf('(');
    if (open < 0) {
      return cue;
    }
    StringBuilder b = new StringBuilder(cue.length());
    int i = 0;
    while (i < cue.length()) {
      char c = cue.charAt(i);
      int end = c == '(' ? weightEnd(cue, i) : -1;
      if (end > 0) {
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /** Index after a weight "(digits[.digits])" starting at {@code open}, or -1. */
  private static int weightEnd(String s, int open) {
    int i = open + 1;
    int n = s.length();
    int digits = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (i < n && s.charAt(i) == '.') {
      int j = i + 1;
      int frac = 0;
      while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
        j++;
        frac++;
      }
      if (frac > 0) {
        i = j;
      }
    }
    return i < n && s.charAt(i) == ')' ? i + 1 : -1;
  }

  /** Trains a maxent model (GIS) on feature documents and their labels (-1, 0, 1). */
  public static StanceModel train(List<String[]> documents, List<Integer> labels, int iterations,
      int cutoff) throws IOException {
    return train(documents, labels, iterations, cutoff, 0, 0);
  }

  /**
   * Trains a maxent model on feature documents and their labels (-1, 0, 1): GIS when both costs
   * are 0, otherwise OpenNLP's quasi-Newton (L-BFGS) maxent with L1 and L2 penalties {@code l1},
   * {@code l2} (regularised: fewer, smaller weights on words seen once or twice).
   */
  public static StanceModel train(List<String[]> documents, List<Integer> labels, int iterations,
      int cutoff, double l1, double l2) throws IOException {
    if (documents.size() != labels.size()) {
      throw new IllegalArgumentException(
          documents.size() + " documents but " + labels.size() + " labels");
    }
    List<DocumentSample> samples = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      samples.add(new DocumentSample(String.valueOf(labels.get(i)), documents.get(i)));
    }
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
    if (l1 > 0 || l2 > 0) {
      params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
      params.put("L1Cost", l1);
      params.put("L2Cost", l2);
    }
    DoccatFactory factory =
        new DoccatFactory(new FeatureGenerator[] {new BagOfWordsFeatureGenerator()});
    return new StanceModel(DocumentCategorizerME.train(
        "en", ObjectStreamUtils.createObjectStream(samples), params, factory));
  }

  public static StanceModel load(InputStream in) throws IOException {
    return new StanceModel(new DoccatModel(in));
  }

  public void save(OutputStream out) throws IOException {
    model.serialize(out);
  }

  /** A new categorizer (not thread-safe by contract; cheap). */
  public Categorizer categorizer() {
    return new Categorizer(new DocumentCategorizerME(model));
  }

  /** Per-thread view of a model. */
  public static final class Categorizer {
    private final DocumentCategorizerME me;
    private final int minus;
    private final int zero;
    private final int plus;

    private Categorizer(DocumentCategorizerME me) {
      this.me = me;
      this.minus = me.getIndex("-1");
      this.zero = me.getIndex("0");
      this.plus = me.getIndex("1");
    }

    /** Probabilities of -1, 0, +1 (0 for a category the training data never had). */
    public double[] probabilities(String[] features) {
      double[] p = me.categorize(features);
      return new double[] {at(p, minus), at(p, zero), at(p, plus)};
    }

    private static double at(double[] p, int i) {
      return i < 0 ? 0.0 : p[i];
    }
  }
}
