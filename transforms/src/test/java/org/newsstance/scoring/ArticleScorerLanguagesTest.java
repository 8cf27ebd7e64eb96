package org.newsstance.scoring;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.newsstance.model.Article;
import org.newsstance.model.ScoredArticle;
import org.newsstance.nlp.MinHash;
import org.newsstance.nlp.SentenceSplitter;

class ArticleScorerLanguagesTest {
  static final ArticleScorer SCORER = ArticleScorer.create(ScoringResources.shared());

  static Article article(String language, String text) {
    return new Article(
        "a", "o", "https://o/a", "o/a", "2024-12-03", "2024-12-03", "field", "T", text, language,
        "f", 1, 0);
  }

  static final String GERMAN =
      "Die Verteidigungsminister der Allianz haben am Dienstag in Brüssel über einen neuen Plan"
          + " beraten. Der Vorschlag sieht einen gemeinsamen Fonds vor, in den jedes Mitglied nach"
          + " seiner Wirtschaftskraft einzahlt. Mehrere kleinere Staaten begrüßten die Idee.";

  static final String FRENCH =
      "Les ministres de la Défense de l'Alliance se sont réunis mardi à Bruxelles pour discuter"
          + " d'un nouveau plan. La proposition prévoit un fonds commun auquel chaque membre"
          + " contribuerait selon la taille de son économie. Plusieurs petits États ont salué l'idée.";

  @Test
  void germanAndFrenchAreDetectedSplitWithTheirOwnModelAndNotScored() {
    for (String[] c : new String[][] {{"de", GERMAN}, {"fr", FRENCH}}) {
      ScoredArticle s = SCORER.score(article("", c[1]));
      assertThat(s.article().language(), is(c[0]));
      assertThat(s.status(), is(ScoredArticle.UNSUPPORTED_LANGUAGE));
      assertThat(s.dimensions(), is(empty()));
      assertThat(c[0] + " sentences", s.sentences(), is(3));
      assertThat(s.hasMinHash(), is(true));
    }
  }

  @Test
  void aLanguageWithoutSentenceModelIsListedWithoutSentences() {
    ScoredArticle s = SCORER.score(article("es", "El plan de defensa común fue discutido ayer en Bruselas por los ministros."));
    assertThat(s.status(), is(ScoredArticle.UNSUPPORTED_LANGUAGE));
    assertThat(s.sentences(), is(0));
    assertThat(SentenceSplitter.hasModel("es"), is(false));
  }

  @Test
  void tooShortToTellIsUndeterminedAndScoredAsEnglish() {
    ScoredArticle s = SCORER.score(article("", "Allies united."));
    assertThat(s.article().language(), is("und"));
    assertThat(s.status(), is(ScoredArticle.SCORED));
    assertThat("too short for a signature", s.hasMinHash(), is(false));
  }

  @Test
  void englishIsScoredWithASignature() {
    ScoredArticle s =
        SCORER.score(article("en-GB", "The allies stood united on Tuesday. Ministers agreed to share the cost of air defence along the eastern flank."));
    assertThat(s.article().language(), is("en"));
    assertThat(s.status(), is(ScoredArticle.SCORED));
    assertThat(s.sentences(), is(2));
    assertThat(s.minHash().length, is(MinHash.HASHES));
  }
}
