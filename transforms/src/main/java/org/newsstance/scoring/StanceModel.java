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

  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}%']+");
  private static final Pattern CUE_WEIGHT = Pattern.compile("\\(\\d+(\\.\\d+)?\\)");

  private final DoccatModel model;

  private StanceModel(DoccatModel model) {
    this.model = model;
  }

  /** Which features a model sees. */
  public enum Features {
    WORDS,
    WORDS_AND_DICTIONARY,
    DICTIONARY
  }

  /**
   * Feature tokens of a sentence: lower-cased words ({@code w:...}) and the dictionary evidence
   * ({@code d:...}: relevance, label, score bin, each cue without its weight).
   */
  public static String[] features(String sentence, SentenceScore dictionary, Features which) {
    Set<String> out = new LinkedHashSet<>();
    if (which != Features.DICTIONARY && sentence != null) {
      for (String w : WORD_SPLIT.split(sentence.toLowerCase(Locale.ROOT))) {
        if (!w.isEmpty()) {
          out.add("w:" + w);
        }
      }
    }
    if (which != Features.WORDS && dictionary != null) {
      out.add(dictionary.relevant() ? "d:relevant" : "d:irrelevant");
      out.add("d:label=" + dictionary.label());
      out.add("d:bin=" + Math.round(dictionary.score() * 3));
      for (String cue : dictionary.cues()) {
        String c = CUE_WEIGHT.matcher(cue).replaceAll("");
        out.add("d:" + c);
        if (c.startsWith("+") || c.startsWith("-")) {
          out.add("d:pol" + c.charAt(0) + (c.endsWith("[neg]") ? "neg" : ""));
        } else {
          int colon = c.indexOf(':');
          if (colon > 0) {
            out.add("d:" + c.substring(0, colon));
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add("d:empty");
    }
    return out.toArray(new String[0]);
  }

  /** Trains a maxent model on feature documents and their labels (-1, 0, 1). */
  public static StanceModel train(List<String[]> documents, List<Integer> labels, int iterations,
      int cutoff) throws IOException {
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
