package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.newsstance.model.Article;
import org.junit.jupiter.api.Test;

/** Hostile field values: what {@link ArticleFactory} makes of them. */
class ArticleFactoryTest {
  private static final ArticleFactory FACTORY = ArticleFactory.of(OutletTable.empty(), 1000);

  private static Article build(String id, String outlet, String title) {
    ArticleFactory.Result r =
        FACTORY.build(
            new ArticleFactory.Fields(id, "", outlet, "", "field", title, "NATO allies agree.", ""),
            "in.jsonl", 1, "1", "");
    return r.article();
  }

  @Test
  void invisibleCharactersDoNotMakeAnotherOutlet() {
    for (String outlet :
        new String[] {"BBC\u202e", "\u202eBBC", "\u2066BBC\u2069", "B\u200bBC", "BBC\u0000",
          "\ufeffBBC", "\u00a0BBC\u2003", "BBC\u0007", "\u0085BBC"}) {
      assertThat(outlet, build("x", outlet, "t").outlet(), is("BBC"));
    }
    assertThat(build("x", "Le\u00a0\u00a0Monde", "t").outlet(), is("Le Monde"));
  }

  @Test
  void joinersAndMarksThatAreSpellingStay() {
    assertThat(build("x", "\u0647\u0645\u200c\u0634\u0647\u0631\u06cc", "t").outlet(),
        is("\u0647\u0645\u200c\u0634\u0647\u0631\u06cc"));
  }

  @Test
  void titlesAndIdsLoseControlAndBidiCharacters() {
    Article a = build("id\u0000-1\u202e", "o", "\u202eTitle\u0000 with\u0007 bell\nline");
    assertThat(a.title(), is("Title with bell\nline"));
    assertThat(a.id(), is("id-1"));
  }
}
