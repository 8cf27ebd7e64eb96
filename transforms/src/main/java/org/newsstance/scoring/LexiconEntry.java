package org.newsstance.scoring;

/**
 * One row of a lexicon file after parsing.
 *
 * @param dimension index of the dimension in {@link ScoringResources#dimensions()}, or {@code -1}
 *     for a shared modifier
 * @param kind the row's kind (see {@link Kind})
 * @param phrase the phrase as written in the file (used in cues)
 * @param weight the row's weight; its meaning depends on the kind
 * @param source file and line the row came from, for error messages
 */
record LexiconEntry(int dimension, Kind kind, String phrase, double weight, String source) {

  /** What a lexicon row does. The file format names them in lower case with dashes. */
  enum Kind {
    /** Dimension: the sentence concerns the target. weight >= 1 strong, < 1 weak (needs context). */
    TARGET,
    /** Dimension: supports the dimension (+). weight = strength. */
    PRO,
    /** Dimension: opposes the dimension (-). weight = strength. */
    ANTI,
    /** Dimension: a framing word for + whose stance survives negation ("passenger"). */
    PRO_FIXED,
    /** Dimension: a framing word for - whose stance survives negation ("arms race"). */
    ANTI_FIXED,
    /**
     * Dimension: a warning or consequence frame ("hand Moscow a propaganda victory", "warn
     * against"): the sentence's division cues name the danger warned against, so they count for
     * + (CODEBOOK: a warning against division is +1). weight = factor on the flipped cues.
     */
    WARN,
    /** Dimension or shared: a phrase whose tokens must not count as target or cue. */
    STOP,
    /** Shared: flips cues in its scope. weight = scope length in tokens. */
    NEGATOR,
    /** Shared: a denial frame; flips cues in its scope. weight = scope length in tokens. */
    DENY,
    /** Shared: lowers the magnitude of the whole sentence. weight = multiplier. */
    HEDGE,
    /** Shared: scales the next (or previous) cue. weight = multiplier. */
    INTENSIFIER,
    /** Shared: "but"-like; cues before it are scaled by weight. Also a clause boundary. */
    CONTRAST,
    /** Shared: "despite"-like; cues in its clause are scaled by weight. */
    CONCESSIVE,
    /** Shared: a reported-speech frame; shown in cues, ends a negation scope. */
    FRAME,
    /** Shared: a clause boundary for scopes. */
    BOUNDARY,
    /** Shared: a named numeric setting (phrase = name, weight = value). */
    SETTING;

    static Kind parse(String s) {
      return Kind.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    boolean isCue() {
      return this == PRO || this == ANTI || this == PRO_FIXED || this == ANTI_FIXED;
    }

    boolean isPro() {
      return this == PRO || this == PRO_FIXED;
    }

    boolean isFixed() {
      return this == PRO_FIXED || this == ANTI_FIXED;
    }
  }
}
