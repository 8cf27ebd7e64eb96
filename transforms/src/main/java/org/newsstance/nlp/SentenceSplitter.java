package org.newsstance.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * Splits cleaned article text into sentences with OpenNLP's {@link SentenceDetectorME}.
 *
 * <p>A sentence never crosses a paragraph break: each paragraph is split on its own. The model is
 * loaded once per JVM and shared (it is immutable); the detector keeps mutable state, so each
 * instance of this class owns one and an instance must not be shared between threads.
 */
public final class SentenceSplitter {
  /** The English model shipped by {@code opennlp-models-sentdetect-en:1.3.0}, at the jar root. */
  public static final String ENGLISH_MODEL = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

  private static volatile SentenceModel englishModel;

  private final SentenceDetectorME detector;

  private SentenceSplitter(SentenceModel model) {
    this.detector = new SentenceDetectorME(model);
  }

  /** A new splitter for English text, sharing the JVM-wide model. */
  public static SentenceSplitter english() {
    return new SentenceSplitter(englishModel());
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

  static SentenceModel englishModel() {
    SentenceModel m = englishModel;
    if (m == null) {
      synchronized (SentenceSplitter.class) {
        m = englishModel;
        if (m == null) {
          m = loadModel(ENGLISH_MODEL);
          englishModel = m;
        }
      }
    }
    return m;
  }

  private static SentenceModel loadModel(String resource) {
    try (InputStream in = SentenceSplitter.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "sentence model "
                + resource
                + " is not on the classpath; add org.apache.opennlp:opennlp-models-sentdetect-en"
                + ":1.3.0 to the dependencies");
      }
      return new SentenceModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sentence model " + resource, e);
    }
  }
}
