package org.newsstance.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.stemmer.snowball.SnowballStemmer;

/**
 * Turns surface tokens into match keys: lower case, curly apostrophes straightened, clitics
 * split off ({@code isn't} becomes {@code is} + {@code not}, {@code NATO's} becomes {@code nato}),
 * {@code US}/{@code U.S.} unified, then the Snowball (Porter2) English stem, so that {@code
 * allies}, {@code ally} and {@code allied} share one key.
 *
 * <p>Not thread-safe (the stemmer and the stem cache are mutable): one instance per thread.
 */
final class TokenNormalizer {
  /** Key used in lexicon phrases for any number token. */
  static final String NUM = "<num>";
  /** Key used in lexicon phrases for a gap of up to {@link #MAX_GAP} tokens. */
  static final String GAP = "*";

  /** Prefix in lexicon phrases for a word that must match exactly (no stemming). */
  static final String EXACT = "=";

  static final int MAX_GAP = 3;
  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
  private static final int CACHE_LIMIT = 50_000;

  /** Irregular verb forms the stemmer cannot reach, mapped to their base form. */
  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("stood", "stand"), Map.entry("withstood", "withstand"),
      Map.entry("fell", "fall"), Map.entry("fallen", "fall"),
      Map.entry("broke", "break"), Map.entry("broken", "break"),
      Map.entry("withdrew", "withdraw"), Map.entry("withdrawn", "withdraw"),
      Map.entry("drew", "draw"), Map.entry("drawn", "draw"),
      Map.entry("held", "hold"), Map.entry("stuck", "stick"), Map.entry("came", "come"),
      Map.entry("met", "meet"), Map.entry("paid", "pay"), Map.entry("spent", "spend"),
      Map.entry("gave", "give"), Map.entry("given", "give"), Map.entry("took", "take"),
      Map.entry("taken", "take"), Map.entry("kept", "keep"), Map.entry("shook", "shake"),
      Map.entry("shaken", "shake"), Map.entry("tore", "tear"), Map.entry("torn", "tear"),
      Map.entry("froze", "freeze"), Map.entry("frozen", "freeze"),
      Map.entry("brought", "bring"), Map.entry("fought", "fight"), Map.entry("went", "go"),
      Map.entry("gone", "go"), Map.entry("grew", "grow"), Map.entry("grown", "grow"),
      Map.entry("rose", "rise"), Map.entry("risen", "rise"), Map.entry("sought", "seek"),
      Map.entry("undertook", "undertake"), Map.entry("forsook", "forsake"),
      Map.entry("forsaken", "forsake"), Map.entry("overcame", "overcome"),
      Map.entry("threw", "throw"), Map.entry("thrown", "throw"), Map.entry("led", "lead"),
      Map.entry("won", "win"), Map.entry("lost", "lose"), Map.entry("upheld", "uphold"),
      Map.entry("undermined", "undermine"), Map.entry("spoke", "speak"),
      Map.entry("spoken", "speak"), Map.entry("chose", "choose"), Map.entry("chosen", "choose"),
      Map.entry("bore", "bear"), Map.entry("borne", "bear"), Map.entry("ran", "run"),
      Map.entry("began", "begin"), Map.entry("begun", "begin"), Map.entry("sent", "send"),
      Map.entry("built", "build"), Map.entry("drove", "drive"), Map.entry("driven", "drive"));

  private final SnowballStemmer stemmer = new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH);
  private final Map<String, String> cache = new HashMap<>();

  /**
   * Tokens of {@code text} as the scorer sees them: OpenNLP tokens with clitics split off and
   * intra-word hyphens dropped ("burden-sharing" gives burden, sharing; a spaced " - " stays a
   * clause mark).
   */
  static List<String> tokens(opennlp.tools.tokenize.Tokenizer tokenizer, String text) {
    opennlp.tools.util.Span[] spans = tokenizer.tokenizePos(text);
    List<String> raw = new ArrayList<>(spans.length);
    for (int i = 0; i < spans.length; i++) {
      String t = spans[i].getCoveredText(text).toString();
      if (t.equals("-") && i > 0 && i + 1 < spans.length
          && spans[i - 1].getEnd() == spans[i].getStart()
          && spans[i].getEnd() == spans[i + 1].getStart()) {
        continue;
      }
      raw.add(t);
    }
    return splitClitics(raw.toArray(new String[0]));
  }

  /** Splits clitics off raw tokens; returns the surface tokens that the scorer works on. */
  static List<String> splitClitics(String[] raw) {
    List<String> out = new ArrayList<>(raw.length + 4);
    for (String t : raw) {
      String s = t.replace('\u2019', '\'').replace('\u2018', '\'');
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.length() > 3 && lower.endsWith("n't")) {
        out.add(s.substring(0, s.length() - 3));
        out.add("not");
      } else if (lower.equals("n't")) {
        out.add("not");
      } else if (lower.length() > 2 && lower.indexOf('-') > 0
          && Character.isLetter(lower.charAt(lower.length() - 1))
          && Character.isLetter(lower.charAt(0))) {
        for (String part : s.split("-")) {
          if (!part.isEmpty()) {
            out.addAll(splitClitics(new String[] {part}));
          }
        }
      } else if (lower.length() > 2 && lower.endsWith("'s")) {
        out.add(s.substring(0, s.length() - 2));
      } else if (lower.length() > 1 && lower.endsWith("'") && Character.isLetter(lower.charAt(0))) {
        out.add(s.substring(0, s.length() - 1));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The match key of one surface token. */
  String key(String surface) {
    if (surface.equals("US") || surface.equals("U.S.") || surface.equals("U.S")) {
      return "u.s.";
    }
    String lower = foldAccents(surface.toLowerCase(Locale.ROOT));
    String cached = cache.get(lower);
    if (cached != null) {
      return cached;
    }
    String key;
    String irregular = IRREGULAR.get(lower);
    if (lower.equals("cannot")) {
      key = "not";
    } else if (irregular != null) {
      key = stemmer.stem(irregular).toString();
    } else if (isWord(lower)) {
      key = stemmer.stem(lower).toString();
    } else {
      key = lower;
    }
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(lower, key);
    return key;
  }

  /** "communiqué" -> "communique"; ASCII text is returned as is, without allocation. */
  static String foldAccents(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return MARKS.matcher(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD))
            .replaceAll("");
      }
    }
    return s;
  }

  static boolean isWord(String lower) {
    if (lower.length() < 3) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!Character.isLetter(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  static boolean isNumber(String surface) {
    if (surface.isEmpty() || !Character.isDigit(surface.charAt(0))) {
      return false;
    }
    for (int i = 1; i < surface.length(); i++) {
      char c = surface.charAt(i);
      if (!Character.isDigit(c) && c != '.' && c != ',') {
        return false;
      }
    }
    return true;
  }

  /** True for tokens that end a clause for scope purposes. */
  static boolean isClausePunct(String surface) {
    return switch (surface) {
      case ",", ";", ":", ".", "?", "!", "(", ")", "\u2014", "\u2013", "--", "-" -> true;
      default -> false;
    };
  }
}
