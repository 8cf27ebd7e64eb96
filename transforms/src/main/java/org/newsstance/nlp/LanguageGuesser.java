package org.newsstance.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Guesses an article's language with OpenNLP's language detector when the input does not say.
 *
 * <p>Returns ISO 639-1 codes for the common languages (the model speaks ISO 639-3) and the 639-3
 * code otherwise. Texts too short to judge (under 20 non-space characters) get {@link #UNKNOWN};
 * longer texts get the detector's best guess, without a confidence cut-off.
 * The model loads once per JVM; each instance owns its detector.
 */
public final class LanguageGuesser {
  public static final String MODEL = "langdetect-183.bin";
  public static final String UNKNOWN = "und";

  /** Characters looked at: enough for a stable guess, bounded for speed on long articles. */
  private static final int SAMPLE_CHARS = 2_000;

  private static final int MIN_CHARS = 20;

  private static final Map<String, String> ISO3_TO_ISO1 =
      Map.ofEntries(
          Map.entry("eng", "en"),
          Map.entry("deu", "de"),
          Map.entry("fra", "fr"),
          Map.entry("spa", "es"),
          Map.entry("ita", "it"),
          Map.entry("nld", "nl"),
          Map.entry("pol", "pl"),
          Map.entry("por", "pt"),
          Map.entry("swe", "sv"),
          Map.entry("dan", "da"),
          Map.entry("nob", "no"),
          Map.entry("nno", "no"),
          Map.entry("fin", "fi"),
          Map.entry("est", "et"),
          Map.entry("lav", "lv"),
          Map.entry("lit", "lt"),
          Map.entry("ces", "cs"),
          Map.entry("slk", "sk"),
          Map.entry("ron", "ro"),
          Map.entry("bul", "bg"),
          Map.entry("hun", "hu"),
          Map.entry("ell", "el"),
          Map.entry("tur", "tr"),
          Map.entry("rus", "ru"),
          Map.entry("ukr", "uk"));

  private static volatile LanguageDetectorModel model;

  private final LanguageDetectorME detector;

  private LanguageGuesser(LanguageDetectorModel m) {
    this.detector = new LanguageDetectorME(m);
  }

  public static LanguageGuesser create() {
    return new LanguageGuesser(model());
  }

  /** The language of the text, or {@link #UNKNOWN}. */
  public String guess(String text) {
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    if (sample.strip().length() < MIN_CHARS) {
      return UNKNOWN;
    }
    Language best = detector.predictLanguage(sample);
    if (best == null) {
      return UNKNOWN;
    }
    return toIso1(best.getLang());
  }

  /** Normalises a given language tag ("EN", "en-GB", "eng") to the code this project uses. */
  public static String normalise(String tag) {
    if (tag == null || tag.isBlank()) {
      return "";
    }
    String t = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    int dash = t.indexOf('-');
    if (dash > 0) {
      t = t.substring(0, dash);
    }
    return toIso1(t);
  }

  private static String toIso1(String code) {
    return ISO3_TO_ISO1.getOrDefault(code, code);
  }

  private static LanguageDetectorModel model() {
    LanguageDetectorModel m = model;
    if (m == null) {
      synchronized (LanguageGuesser.class) {
        m = model;
        if (m == null) {
          try (InputStream in = LanguageGuesser.class.getClassLoader().getResourceAsStream(MODEL)) {
            if (in == null) {
              throw new IllegalStateException(
                  "language model "
                      + MODEL
                      + " is not on the classpath; add org.apache.opennlp:opennlp-models-langdetect"
                      + ":1.3.0 to the dependencies");
            }
            m = new LanguageDetectorModel(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read language model " + MODEL, e);
          }
          model = m;
        }
      }
    }
    return m;
  }
}
