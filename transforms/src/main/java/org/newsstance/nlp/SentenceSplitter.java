package org.newsstance.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * Splits cleaned article text into sentences with OpenNLP's {@link SentenceDetectorME}.
 *
 * <p>A sentence never crosses a paragraph break: each paragraph is split on its own. The model is
 * loaded once per JVM and shared (it is immutable); the detector keeps mutable state, so each
 * instance of this class owns one and an instance must not be shared between threads.
 *
 * <p>English, German and French have their own models ({@link #MODELS}); each is loaded by its
 * {@code .bin} name at the jar root (every model jar also carries a {@code model.properties}, which
 * collide in a shaded jar and must never be used).
 */
public final class SentenceSplitter {
  /** The English model shipped by {@code opennlp-models-sentdetect-en:1.3.0}, at the jar root. */
  public static final String ENGLISH_MODEL = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

  /** Sentence model resource per ISO 639-1 language code. */
  public static final Map<String, String> MODELS =
      Map.of(
          "en", ENGLISH_MODEL,
          "de", "opennlp-de-ud-gsd-sentence-1.3-2.5.4.bin",
          "fr", "opennlp-fr-ud-gsd-sentence-1.3-2.5.4.bin");

  private static final Map<String, String> MODEL_ARTIFACTS =
      Map.of(
          "en", "opennlp-models-sentdetect-en",
          "de", "opennlp-models-sentdetect-de",
          "fr", "opennlp-models-sentdetect-fr");

  private static final Map<String, SentenceModel> LOADED = new ConcurrentHashMap<>();

  private final SentenceDetectorME detector;

  private SentenceSplitter(SentenceModel model) {
    this.detector = new SentenceDetectorME(model);
  }

  /** A new splitter for English text, sharing the JVM-wide model. */
  public static SentenceSplitter english() {
    return new SentenceSplitter(model("en"));
  }

  /** Whether {@link #forLanguage} has a model for this ISO 639-1 code. */
  public static boolean hasModel(String language) {
    return MODELS.containsKey(language);
  }

  /**
   * A new splitter with the language's own model, sharing the JVM-wide model.
   *
   * @throws IllegalArgumentException when there is no model for the language ({@link #hasModel})
   */
  public static SentenceSplitter forLanguage(String language) {
    if (!hasModel(language)) {
      throw new IllegalArgumentException(
          "no sentence model for language '" + language + "'; available: " + MODELS.keySet());
    }
    return new SentenceSplitter(model(language));
  }

  /** Sentences of the text, in order; paragraphs are separated by blank lines. */
  public List<String> split(String cleanedText) {
    List<String> sentences = new ArrayList<>();
    for (String paragraph : cleanedText.split("\n\n")) {
      String p = paragraph.replace('\n', ' ').strip();
      if (p.isEmpty()) {
        continue;
      }
      for (String s : detector.sentDetect(p)) {
        String t = s.strip();
        if (!t.isEmpty()) {
          sentences.add(t);
        }
      }
    }
    return sentences;
  }

  static SentenceModel model(String language) {
    return LOADED.computeIfAbsent(language, l -> loadModel(MODELS.get(l), MODEL_ARTIFACTS.get(l)));
  }

  private static SentenceModel loadModel(String resource, String artifact) {
    try (InputStream in = SentenceSplitter.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "sentence model "
                + resource
                + " is not on the classpath; add org.apache.opennlp:"
                + artifact
                + ":1.3.0 to the dependencies");
      }
      return new SentenceModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sentence model " + resource, e);
    }
  }
}
