package org.newsstance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import opennlp.tools.tokenize.TokenizerME;
import org.junit.jupiter.api.Test;
import org.newsstance.scoring.LexiconEntry.Kind;

/** Tokens, keys and the phrase trie. */
class PhraseMatchingTest {

  private final TokenizerME tokenizer =
      new TokenizerME(ScoringResources.shared().tokenizerModel());
  private final TokenNormalizer normalizer = new TokenNormalizer();

  private List<String> spans(PhraseTrie trie, String sentence) {
    List<String> surface = TokenNormalizer.tokens(tokenizer, sentence);
    int n = surface.size();
    String[] keys = new String[n];
    String[] exact = new String[n];
    boolean[] num = new boolean[n];
    boolean[] punct = new boolean[n];
    for (int i = 0; i < n; i++) {
      keys[i] = normalizer.key(surface.get(i));
      exact[i] = "=" + surface.get(i).toLowerCase(java.util.Locale.ROOT);
      num[i] = TokenNormalizer.isNumber(surface.get(i));
      punct[i] = TokenNormalizer.isClausePunct(surface.get(i));
    }
    return trie.findAll(keys, exact, num, punct).stream()
        .map(m -> m.entry().phrase() + "@" + m.start() + "-" + m.end())
        .toList();
  }

  private PhraseTrie trie(String... phrases) {
    PhraseTrie t = new PhraseTrie();
    for (String p : phrases) {
      t.add(ScoringResources.phraseKeys(p, tokenizer, normalizer),
          new LexiconEntry(0, Kind.PRO, p, 1, "test"));
    }
    return t;
  }

  @Test
  void cliticsAndHyphensAreSplit() {
    assertEquals(List.of("NATO", "is", "not", "burden", "sharing"),
        TokenNormalizer.tokens(tokenizer, "NATO's isn't burden-sharing"));
  }

  @Test
  void stemsUnifyInflections() {
    assertEquals(normalizer.key("ally"), normalizer.key("allies"));
    assertEquals(normalizer.key("pledged"), normalizer.key("pledges"));
    assertEquals("u.s.", normalizer.key("US"));
    assertEquals("us", normalizer.key("us"));
  }

  @Test
  void multiWordGapNumberAndExact() {
    PhraseTrie t = trie("stand together", "come to * aid", "<num> % of gdp", "=rose", "stand");
    assertEquals(List.of("stand together@1-2", "stand@1-1"),
        spans(t, "Allies stood together.").stream().sorted().toList());
    assertEquals(List.of("come to * aid@2-6"),
        spans(t, "Nobody would come to the Baltics' aid."));
    assertEquals(List.of("<num> % of gdp@2-5"), spans(t, "It spends 2.5% of GDP."));
    assertEquals(List.of("=rose@1-1"), spans(t, "Spending rose sharply."));
    assertEquals(List.of(), spans(t, "Spending will rise."));
  }

  @Test
  void gapDoesNotCrossPunctuation() {
    PhraseTrie t = trie("come to * aid");
    assertEquals(List.of(), spans(t, "They come to town, aid in hand."));
  }
}
