package org.newsstance.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.newsstance.model.Article;
import org.newsstance.model.DimensionResult;
import org.newsstance.model.ScoredArticle;
import org.newsstance.model.SentenceEvidence;
import org.newsstance.nlp.LanguageGuesser;
import org.newsstance.nlp.MinHash;
import org.newsstance.nlp.SentenceSplitter;

/**
 * Turns one cleaned article into a {@link ScoredArticle}: language (given or guessed), sentences,
 * per-sentence scores, per-article means and the evidence sentences.
 *
 * <p>An article in a language without dictionaries is not scored (status {@code
 * unsupported_language}) rather than scored with English dictionaries; its sentences are still
 * counted when there is a sentence model for its language (English, German, French). A text too
 * short or too ambiguous for the language guesser ({@code und}) is scored as English. Every
 * article also gets a MinHash signature of its cleaned text for near-duplicate and syndication
 * detection. Not thread-safe: one instance per DoFn instance.
 */
public final class ArticleScorer {
  /**
   * Languages that have dictionaries. The bundled lexicons are English only and their format has
   * no language field yet, so this list is kept here; a lexicon set for another language must add
   * its code (see {@code docs/DUPLICATES.md}, "Languages").
   */
  public static final List<String> SUPPORTED_LANGUAGES = List.of("en");

  private final Map<String, SentenceSplitter> splitters = new HashMap<>();
  private final StanceScorer scorer;
  private final LanguageGuesser guesser;
  private final List<String> dimensions;
  private final MessageDigest sha256;

  private ArticleScorer(ScoringResources resources) {
    this.scorer = new StanceScorer(resources);
    this.guesser = LanguageGuesser.create();
    this.dimensions = resources.dimensions();
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static ArticleScorer create(ScoringResources resources) {
    return new ArticleScorer(resources);
  }

  public ScoredArticle score(Article article) {
    String language = LanguageGuesser.normalise(article.language());
    if (language.isEmpty()) {
      language = guesser.guess(article.text());
    }
    Article withLanguage = article.withLanguage(language);
    Article metadataOnly = withLanguage.withCleanedText("", article.linesRemoved());
    String hash = hash(article.text());
    int[] signature = MinHash.signature(article.text());
    String scoredAs = LanguageGuesser.UNKNOWN.equals(language) ? "en" : language;
    if (!SUPPORTED_LANGUAGES.contains(scoredAs)) {
      int counted =
          SentenceSplitter.hasModel(scoredAs) ? splitter(scoredAs).split(article.text()).size() : 0;
      return new ScoredArticle(
          metadataOnly, counted, hash, ScoredArticle.UNSUPPORTED_LANGUAGE, List.of(), List.of(),
          "", signature, "", "");
    }
    List<String> sentences = splitter(scoredAs).split(article.text());
    List<List<SentenceScore>> scores = scorer.scoreArticle(sentences);
    int nd = dimensions.size();
    int[] relevant = new int[nd];
    double[] sums = new double[nd];
    List<SentenceEvidence> evidence = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      List<SentenceScore> perDimension = scores.get(i);
      for (int d = 0; d < nd; d++) {
        SentenceScore s = perDimension.get(d);
        if (!s.relevant()) {
          continue;
        }
        relevant[d]++;
        sums[d] += s.score();
        evidence.add(
            new SentenceEvidence(
                i + 1, dimensions.get(d), s.score(), s.label(), String.join("; ", s.cues()),
                sentences.get(i)));
      }
    }
    List<DimensionResult> results = new ArrayList<>(nd);
    for (int d = 0; d < nd; d++) {
      double mean = relevant[d] == 0 ? Double.NaN : round6(sums[d] / relevant[d]);
      results.add(new DimensionResult(dimensions.get(d), relevant[d], mean));
    }
    return new ScoredArticle(
        metadataOnly, sentences.size(), hash, ScoredArticle.SCORED, results, evidence, "",
        signature, "", "");
  }

  private SentenceSplitter splitter(String language) {
    return splitters.computeIfAbsent(language, SentenceSplitter::forLanguage);
  }

  private String hash(String text) {
    byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 12);
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
