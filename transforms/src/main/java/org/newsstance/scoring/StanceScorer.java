package org.newsstance.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import opennlp.tools.tokenize.TokenizerME;
import org.newsstance.scoring.LexiconEntry.Kind;
import org.newsstance.scoring.PhraseTrie.Match;

/**
 * Scores the sentences of one article on every dimension of a {@link ScoringResources}.
 *
 * <p>Per sentence: a cheap pre-filter (does any word start like a target phrase?) lets
 * off-topic sentences skip tokenisation. Otherwise the sentence is tokenised (OpenNLP
 * TokenizerME), every token normalised to a stem key, and one pass over a trie finds all
 * targets, stance cues and modifiers of all dimensions. Per dimension, the sentence is relevant
 * when it names a strong target, or a weak target (e.g. "the alliance") while the article has
 * already named a strong one or the sentence also carries a stance cue. The raw score sums the
 * cues' weights with their sign, flipped by negators/denials whose scope covers them, scaled by
 * intensifiers and by contrast ("but": the clause before weighs less; "despite": its clause
 * weighs less), then scaled down by hedges and questions; the score is {@code tanh} of that sum
 * and the label its sign outside the dead zone {@link ScoringResources#labelThreshold()}.
 *
 * <p>That is the dictionary ({@link #scoreDictionary}). What {@link #scoreArticle} ships combines
 * it with two maxent models per dimension trained on the dev gold split ({@link StanceCombiner}):
 * on the sentences the dictionary found relevant, the score becomes the stance model's P(+1) −
 * P(−1) and the label its most probable class, given the words and the dictionary's evidence,
 * unless the model is unsure (then the dictionary's label and score stand); a relevance model may
 * make relevant an irrelevant sentence of an on-topic article or one with stance cues. The
 * dictionary's cues come first, the models' after them. A dimension without training data, or
 * setting {@code model} 0, is the dictionary alone.
 *
 * <p>Not thread-safe (holds an OpenNLP TokenizerME and a stem cache): one instance per thread.
 * Cheap to construct.
 */
public final class StanceScorer {

  /** Longer sentences are scored on their first this-many characters (cue {@code truncated}). */
  static final int MAX_CHARS = 4000;

  /**
   * Negators with a window of at least this many tokens (reject, deny, doubt) also stop at
   * boundary rows of weight 2 ("rejected the target as madness": "as" ends the scope).
   */
  static final int LONG_SCOPE = 8;

  private final ScoringResources resources;
  private final TokenizerME tokenizer;
  private final TokenNormalizer normalizer = new TokenNormalizer();
  private final int dims;
  private final double threshold;
  private final double hedgeFloor;
  private final double questionFactor;
  private final double gain;
  private final double weakTargetWeight;
  private final boolean prefilter;
  private final boolean useNegation;
  private final boolean useHedges;
  private final boolean useContrast;
  private final boolean useIntensifiers;
  private final boolean useContext;
  private final boolean contextCues;
  private final double relevanceCueMin;
  private final double denyFactor;
  private final double cueOnlyMin;
  private final double contextCueMin;
  private final boolean wholeArticleContext;
  private final boolean sharedContext;
  private final boolean contextYield;

  /** Per dimension: the article topic model's categorizer, or null. */
  private final StanceModel.Categorizer[] topicModels;

  /** {@code offtopic_scope}: an off-topic article is off-topic from its first sentence. */
  private final boolean offTopicScope;

  /** {@code cue_only_context}: a cue-only sentence needs an article naming a strong target. */
  private final boolean cueOnlyContext;

  /** Word prefix -> HIT_* bits of the phrases that can start with it. */
  private final java.util.HashMap<String, Integer> prefixBits = new java.util.HashMap<>();
  private final char[] prefixBuffer = new char[ScoringResources.PREFIX];

  private static final int HIT_TARGET = 1;
  private static final int HIT_STRONG = 2;
  private static final int HIT_STRONG_CUE = 4;
  private static final int HIT_SELF_EVIDENT = 8;

  /** Per dimension: the trained model's categorizer, or null (dictionary alone). */
  private final StanceModel.Categorizer[] models;

  /** Per dimension: the relevance model's categorizer, or null (the dictionary's relevance). */
  private final StanceModel.Categorizer[] relevanceModels;

  /**
   * The shipped scorer: the dictionary combined with the trained model where the dimension has
   * one ({@link StanceCombiner}), unless the setting {@code model} is 0 (dictionary alone).
   */
  public StanceScorer(ScoringResources resources) {
    this(resources, resources.setting("model", 1.0) > 0);
  }

  /**
   * @param combine false for the dictionary alone (what the model is trained on and what
   *     reports the cues); true for the shipped combination
   */
  StanceScorer(ScoringResources resources, boolean combine) {
    this.resources = Objects.requireNonNull(resources, "resources");
    this.models = combine ? resources.combiner().categorizers() : null;
    this.relevanceModels = combine ? resources.combiner().relevanceCategorizers() : null;
    this.topicModels = combine ? resources.combiner().topicCategorizers() : null;
    this.tokenizer = new TokenizerME(resources.tokenizerModel());
    this.dims = resources.dimensions().size();
    this.threshold = resources.labelThreshold();
    this.hedgeFloor = resources.setting("hedge_floor", 0.4);
    this.questionFactor = resources.setting("question_factor", 0.3);
    this.gain = resources.setting("gain", 1.0);
    this.weakTargetWeight = resources.setting("strong_target_min", 1.0);
    this.prefilter = resources.setting("prefilter", 1.0) > 0;
    this.useNegation = resources.setting("use_negation", 1.0) > 0;
    this.useHedges = resources.setting("use_hedges", 1.0) > 0;
    this.useContrast = resources.setting("use_contrast", 1.0) > 0;
    this.useIntensifiers = resources.setting("use_intensifiers", 1.0) > 0;
    this.useContext = resources.setting("use_context", 1.0) > 0;
    this.contextCues = resources.setting("context_cues", 1.0) > 0;
    this.relevanceCueMin = resources.setting("relevance_cue_min", 0.0);
    this.denyFactor = resources.setting("deny_factor", 1.0);
    this.cueOnlyMin = resources.setting("cue_only_min", Double.POSITIVE_INFINITY);
    this.contextCueMin = resources.setting("context_cue_min", 0.0);
    this.wholeArticleContext = resources.setting("context_scope", 0.0) > 0;
    this.sharedContext = resources.setting("shared_context", 0.0) > 0;
    this.contextYield = resources.setting("context_yield", 1.0) > 0;
    this.offTopicScope = resources.setting("offtopic_scope", 0.0) > 0;
    this.cueOnlyContext = resources.setting("cue_only_context", 0.0) > 0;
    for (String p : resources.prefilterPrefixes()) {
      prefixBits.merge(p, HIT_TARGET, (x, y) -> x | y);
    }
    for (String p : resources.strongPrefixes()) {
      prefixBits.merge(p, HIT_STRONG, (x, y) -> x | y);
    }
    resources.cuePrefixes().forEach((prefix, weight) -> {
      int bits = (weight >= relevanceCueMin ? HIT_STRONG_CUE : 0)
          | (weight >= cueOnlyMin ? HIT_SELF_EVIDENT : 0);
      if (bits != 0) {
        prefixBits.merge(prefix, bits, (x, y) -> x | y);
      }
    });
  }

  /**
   * Scores the sentences of one article, in order; earlier sentences give context. Returns one
   * list per sentence, each with one {@link SentenceScore} per dimension in {@link
   * ScoringResources#dimensions()} order. A null list or null sentence counts as empty; never
   * throws on odd text.
   */
  public List<List<SentenceScore>> scoreArticle(List<String> sentences) {
    List<List<SentenceScore>> dictionary = scoreDictionary(sentences);
    if (models == null || dictionary.isEmpty()) {
      return dictionary;
    }
    // The stance model runs on the sentences the dictionary found relevant, and on those the
    // relevance model promotes; the relevance model is asked only about irrelevant sentences in
    // an article on the dimension's topic or with dictionary cues (StanceCombiner.mayPromote), so
    // off-topic text costs nothing more. A dictionary-relevant sentence that the relevance model
    // finds irrelevant (StanceCombiner.RELEVANCE_VETO) becomes irrelevant.
    boolean[] articleOn = StanceCombiner.articleOnTopic(dictionary, dims);
    // The topic model reads the whole article, once per dimension, and only where the dictionary
    // found evidence of the dimension (off-topic text costs nothing more) in an article of at
    // least TOPIC_MIN_SENTENCES sentences; an article it puts off the dimension's topic has no
    // relevant sentence on it.
    double[] pTopic = new double[dims];
    java.util.Arrays.fill(pTopic, 1.0);
    String[] cleaned = new String[sentences.size()]; // each sentence cleaned once, when needed
    java.util.LinkedHashSet<String> articleWords = null; // computed once, for every dimension
    for (int d = 0; d < dims; d++) {
      if (topicModels[d] == null || sentences.size() < StanceCombiner.TOPIC_MIN_SENTENCES
          || !hasEvidence(dictionary, d)) {
        continue;
      }
      if (articleWords == null) {
        List<String> all = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
          all.add(cleaned(sentences, cleaned, i));
        }
        articleWords = StanceCombiner.articleWords(all);
      }
      pTopic[d] = topicModels[d].probabilities(
          StanceCombiner.topicFeatures(articleWords, dictionary, d))[2];
    }
    List<List<SentenceScore>> out = new ArrayList<>(dictionary.size());
    for (int i = 0; i < dictionary.size(); i++) {
      List<SentenceScore> row = dictionary.get(i);
      List<SentenceScore> combined = null;
      List<String> words = null; // the sentence's word features, shared by its dimensions
      for (int d = 0; d < row.size(); d++) {
        SentenceScore s = row.get(d);
        if (models[d] == null) {
          continue;
        }
        boolean relevant = s.relevant();
        if (pTopic[d] < StanceCombiner.TOPIC_MIN) {
          if (relevant) {
            if (combined == null) {
              combined = new ArrayList<>(row);
            }
            combined.set(d, StanceCombiner.offTopic(s, pTopic[d]));
          }
          continue;
        }
        double pRelevant = 0;
        if (!relevant) {
          if (relevanceModels[d] == null || !StanceCombiner.mayPromote(s, articleOn[d])) {
            continue;
          }
          words = words != null ? words
              : StanceModel.wordFeatures(cleaned(sentences, cleaned, i), StanceCombiner.FEATURES);
          pRelevant = relevanceModels[d].probabilities(
              StanceCombiner.relevanceFeatures(words, s, articleOn[d]))[2];
          if (pRelevant <= StanceCombiner.RELEVANCE_THRESHOLD) {
            continue;
          }
        }
        if (combined == null) {
          combined = new ArrayList<>(row);
        }
        words = words != null ? words
            : StanceModel.wordFeatures(cleaned(sentences, cleaned, i), StanceCombiner.FEATURES);
        if (relevant && relevanceModels[d] != null) {
          pRelevant = relevanceModels[d].probabilities(
              StanceCombiner.relevanceFeatures(words, s, articleOn[d]))[2];
          if (pRelevant < StanceCombiner.RELEVANCE_VETO) {
            combined.set(d, StanceCombiner.veto(s, pRelevant));
            continue;
          }
        }
        double[] p = models[d].probabilities(
            StanceModel.features(words, s, StanceCombiner.FEATURES));
        combined.set(d, relevant ? StanceCombiner.gate(s, p)
            : StanceCombiner.promote(s, pRelevant, p));
      }
      out.add(combined == null ? row : combined);
    }
    return out;
  }

  /** Sentence {@code i} cleaned, from {@code cache} or cleaned now and kept there. */
  private static String cleaned(List<String> sentences, String[] cache, int i) {
    if (cache[i] == null) {
      cache[i] = clean(sentences.get(i));
    }
    return cache[i];
  }

  /** Whether any sentence of the article has dictionary evidence (relevance or cues) on {@code d}. */
  private static boolean hasEvidence(List<List<SentenceScore>> article, int d) {
    for (List<SentenceScore> row : article) {
      if (row.get(d).relevant() || !row.get(d).cues().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The dictionary alone (no trained model): same contract as {@link #scoreArticle}. Its cues
   * are the evidence every scorer reports; the model is trained on its output.
   */
  public List<List<SentenceScore>> scoreDictionary(List<String> sentences) {
    if (sentences == null) {
      return List.of();
    }
    int count = sentences.size();
    // Cheap pre-filter, per article: when no sentence has a word that starts like a strong
    // target, only sentences with a (weak) target word are analysed; otherwise all are, since
    // the article context can make a cue-only sentence relevant.
    // Without a strong target, the article gives no context, so a sentence can only be relevant
    // through a weak target with a strong cue, or a self-evident cue: check for those words.
    String[] texts = new String[count];
    int[] hits = new int[count];
    boolean articleOnTopic = !prefilter;
    for (int i = 0; i < count; i++) {
      texts[i] = clean(sentences.get(i));
      if (prefilter) {
        hits[i] = prefixHits(texts[i]);
        articleOnTopic |= (hits[i] & HIT_STRONG) != 0;
      }
    }
    Analysis[] analyses = new Analysis[count];
    for (int i = 0; i < count; i++) {
      int h = hits[i];
      boolean candidate = articleOnTopic
          || (h & HIT_SELF_EVIDENT) != 0
          || ((h & HIT_TARGET) != 0 && (h & HIT_STRONG_CUE) != 0);
      if (!texts[i].isBlank() && candidate) {
        analyses[i] = analyse(texts[i]);
      }
    }
    // Article context per dimension. A strong target (NATO, % of GDP) makes weak targets ("the
    // alliance") and cue-only sentences count: in the sentences after it, or in the whole article
    // (context_scope = 1; the codebook reads a sentence with the article around it). An article
    // that used a stop phrase of the dimension ("airline alliance") before its first strong
    // target gets only the running context, and its weak targets are not ours until then.
    boolean[] whole = new boolean[dims];
    boolean[] offTopicArticle = new boolean[dims];
    for (int d = 0; d < dims; d++) {
      boolean seenStrong = false;
      for (Analysis a : analyses) {
        if (a == null) {
          continue;
        }
        if (a.stop[d] && !a.strong[d] && !seenStrong) {
          offTopicArticle[d] = true;
        }
        seenStrong |= a.strong[d];
      }
      whole[d] = seenStrong && !offTopicArticle[d] && wholeArticleContext;
    }
    // Whether the article names a strong target of any dimension (cue_only_context = 1: a cue
    // with no target word makes a sentence relevant only in such an article).
    boolean anyStrong = false;
    for (Analysis a : analyses) {
      for (int d = 0; a != null && d < dims; d++) {
        anyStrong |= a.strong[d];
      }
    }
    boolean[] running = new boolean[dims];
    boolean[] offTopic = new boolean[dims];
    List<List<SentenceScore>> out = new ArrayList<>(count);
    for (Analysis a : analyses) {
      if (a == null) {
        out.add(irrelevant());
        continue;
      }
      boolean[] context = new boolean[dims];
      boolean any = false;
      for (int d = 0; d < dims; d++) {
        context[d] = useContext && (whole[d] || running[d]);
        any |= context[d];
      }
      List<SentenceScore> result = new ArrayList<>(dims);
      for (int d = 0; d < dims; d++) {
        boolean ctx = context[d] || (sharedContext && any);
        boolean otherOwns = false;
        for (int o = 0; o < dims; o++) {
          otherOwns |= o != d && a.strong[o] && !a.strong[d] && contextYield;
        }
        // offtopic_scope = 1: an article that used a stop phrase of the dimension before its
        // first strong target is off-topic from its first sentence (its headline included)
        boolean off = (offTopicScope ? offTopicArticle[d] : offTopic[d]) && !running[d];
        result.add(scoreDimension(d, a, ctx, off, otherOwns, anyStrong || !cueOnlyContext));
        if (a.strong[d]) {
          running[d] = true;
        }
        if (a.stop[d] && !a.strong[d] && !running[d]) {
          offTopic[d] = true;
        }
      }
      out.add(result);
    }
    return out;
  }

  /** What one sentence contains, before any dimension is scored; null when nothing to score. */
  private static final class Analysis {
    List<String> surface;
    List<Match> all;
    List<Match> globalStops;
    List<Match> modifiers;
    boolean[] boundary;
    boolean[] longBoundary;
    double hedge;
    boolean question;
    boolean truncated;
    boolean[] strong;
    boolean[] stop;
  }

  /** Sanitised text, cut at {@link #MAX_CHARS} (a cut text ends with U+2026). */
  private static String clean(String raw) {
    String text = sanitize(raw);
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + TRUNCATED : text;
  }

  private static final String TRUNCATED = "\u2026";

  private Analysis analyse(String cleaned) {
    boolean truncated = cleaned.length() > MAX_CHARS;
    String text = truncated ? cleaned.substring(0, MAX_CHARS) : cleaned;
    List<String> surface = TokenNormalizer.tokens(tokenizer, text);
    int n = surface.size();
    String[] keys = new String[n];
    String[] exact = new String[n];
    boolean[] numeric = new boolean[n];
    boolean[] punct = new boolean[n];
    for (int i = 0; i < n; i++) {
      String t = surface.get(i);
      keys[i] = normalizer.key(t);
      exact[i] = TokenNormalizer.EXACT + t.toLowerCase(Locale.ROOT);
      numeric[i] = TokenNormalizer.isNumber(t);
      punct[i] = TokenNormalizer.isClausePunct(t);
    }
    Analysis a = new Analysis();
    a.surface = surface;
    a.all = resources.trie().findAll(keys, exact, numeric, punct);
    a.question = text.strip().endsWith("?");
    a.truncated = truncated;

    // Shared modifiers: drop those inside a global stop phrase or inside a longer modifier.
    a.globalStops = new ArrayList<>();
    for (Match m : a.all) {
      if (m.entry().kind() == Kind.STOP && m.entry().dimension() < 0) {
        a.globalStops.add(m);
      }
    }
    List<Match> modifiers = new ArrayList<>();
    for (Match m : a.all) {
      LexiconEntry e = m.entry();
      if (e.dimension() < 0 && e.kind() != Kind.STOP && !overlapsAny(m, a.globalStops)) {
        modifiers.add(m);
      }
    }
    a.modifiers = dropContained(modifiers);
    a.boundary = punct.clone();
    a.longBoundary = punct.clone();
    for (Match m : a.modifiers) {
      Kind k = m.entry().kind();
      if (k == Kind.CONTRAST || k == Kind.CONCESSIVE
          || (k == Kind.BOUNDARY && m.entry().weight() < 2)) {
        a.boundary[m.start()] = true;
        a.longBoundary[m.start()] = true;
      } else if (k == Kind.BOUNDARY) {
        a.longBoundary[m.start()] = true;
      }
    }
    double hedge = 1.0;
    for (Match m : a.modifiers) {
      if (useHedges && m.entry().kind() == Kind.HEDGE) {
        hedge *= m.entry().weight();
      }
    }
    a.hedge = Math.max(hedge, hedgeFloor);
    a.strong = new boolean[dims];
    a.stop = new boolean[dims];
    for (int d = 0; d < dims; d++) {
      List<Match> stops = stops(d, a);
      for (Match m : stops) {
        // weight >= 1: an off-topic phrase ("airline alliance"); below: only its tokens are void
        a.stop[d] |= m.entry().dimension() == d && m.entry().weight() >= 1;
      }
      for (Match m : a.all) {
        if (m.entry().dimension() == d && m.entry().kind() == Kind.TARGET
            && m.entry().weight() >= weakTargetWeight && !overlapsAny(m, stops)) {
          a.strong[d] = true;
          break;
        }
      }
    }
    return a;
  }

  /** Global stop matches plus the stop matches of dimension {@code d}. */
  private static List<Match> stops(int d, Analysis a) {
    List<Match> stops = new ArrayList<>(a.globalStops);
    for (Match m : a.all) {
      if (m.entry().dimension() == d && m.entry().kind() == Kind.STOP) {
        stops.add(m);
      }
    }
    return stops;
  }

  /**
   * @param otherOwns the sentence names a strong target of another dimension and none of this
   *     one, so a generic cue ("pledged") without a target of this dimension is about the other
   */
  private SentenceScore scoreDimension(int d, Analysis a, boolean inContext, boolean offTopic,
      boolean otherOwns, boolean cueOnlyAllowed) {
    String dimension = resources.dimensions().get(d);
    List<Match> all = a.all;
    List<Match> modifiers = a.modifiers;
    boolean[] boundary = a.boundary;
    boolean[] longBoundary = a.longBoundary;
    List<String> surface = a.surface;
    List<Match> stops = stops(d, a);
    boolean dimensionStop = a.stop[d];
    List<Match> targets = new ArrayList<>();
    List<Match> cues = new ArrayList<>();
    List<Match> warns = new ArrayList<>();
    for (Match m : all) {
      LexiconEntry e = m.entry();
      if (e.dimension() != d || overlapsAny(m, stops)) {
        continue;
      }
      if (e.kind() == Kind.WARN) {
        warns.add(m);
      } else if (e.kind() == Kind.TARGET) {
        targets.add(m);
      } else if (e.kind().isCue()) {
        cues.add(m);
      }
    }
    cues = dropContained(cues);
    if (!targets.isEmpty()) {
      // "protection" inside the target "American protection" is not a stance cue.
      List<Match> kept = new ArrayList<>(cues.size());
      for (Match c : cues) {
        if (!insideAny(c, targets)) {
          kept.add(c);
        }
      }
      cues = kept;
    }
    boolean strong = false;
    boolean weak = false;
    for (Match t : targets) {
      if (t.entry().weight() >= weakTargetWeight) {
        strong = true;
      } else if (!dimensionStop && !offTopic) {
        // a sentence about an airline or retail alliance: its "members" are not the allies
        weak = true;
      }
    }
    boolean strongCue = false;
    boolean selfEvidentCue = false;
    boolean contextCue = false;
    for (Match c : cues) {
      strongCue |= c.entry().weight() >= relevanceCueMin;
      selfEvidentCue |= c.entry().weight() >= cueOnlyMin;
      contextCue |= c.entry().weight() >= contextCueMin;
    }
    // With no target word of its own, a sentence borrows the article's context only through a
    // cue of at least context_cue_min: generic commitment words ("committed", "pledged",
    // "support") belong to whichever dimension the sentence is about.
    boolean relevant = strong || (weak && (inContext || strongCue))
        || (inContext && contextCues && contextCue && (!otherOwns || weak))
        || (selfEvidentCue && !dimensionStop && !offTopic && cueOnlyAllowed);
    if (!relevant) {
      List<String> why = new ArrayList<>();
      if (!cues.isEmpty() || weak) {
        why.add(StanceCombiner.NO_TARGET);
        for (Match c : cues) {
          why.add((c.entry().kind().isPro() ? "+" : "-") + span(surface, c));
        }
      }
      return new SentenceScore(dimension, false, 0.0, 0, why);
    }

    // Negators: active for this dimension when a cue lies in their scope; a cue that is itself
    // an active negator (e.g. "rejected" + "calls to leave") does not count as a cue.
    int n = surface.size();
    int[] flips = new int[n];
    boolean[] denied = new boolean[n];
    List<Match> activeNegators = new ArrayList<>();
    for (Match neg : modifiers) {
      Kind k = neg.entry().kind();
      if (!useNegation || (k != Kind.NEGATOR && k != Kind.DENY)) {
        continue;
      }
      if (insideAny(neg, cues)) {
        continue; // part of a longer cue such as "no longer reliable"
      }
      int from = neg.end() + 1;
      int window = (int) neg.entry().weight();
      int to = scopeEnd(from, window, window >= LONG_SCOPE ? longBoundary : boundary, n);
      boolean covers = false;
      for (Match c : cues) {
        if (c.start() >= from && c.start() <= to && !c.overlaps(neg) && flippable(c, modifiers)) {
          covers = true;
          break;
        }
      }
      if (covers) {
        activeNegators.add(neg);
        for (int i = from; i <= to; i++) {
          flips[i]++;
          if (k == Kind.DENY) {
            denied[i] = true;
          }
        }
      }
    }
    if (!activeNegators.isEmpty()) {
      List<Match> kept = new ArrayList<>(cues.size());
      for (Match c : cues) {
        boolean isNeg = false;
        for (Match neg : activeNegators) {
          if (c.overlaps(neg)) {
            isNeg = true;
            break;
          }
        }
        if (!isNeg) {
          kept.add(c);
        }
      }
      cues = kept;
    }

    double sum = 0.0;
    List<String> why = new ArrayList<>();
    for (Match t : targets) {
      why.add("target:" + span(surface, t));
    }
    for (Match m : modifiers) {
      String tag = tag(m.entry().kind());
      if (tag != null && (m.entry().kind() == Kind.HEDGE || m.entry().kind() == Kind.FRAME
          || m.entry().kind() == Kind.CONTRAST || m.entry().kind() == Kind.CONCESSIVE
          || activeNegators.contains(m))) {
        why.add(tag + span(surface, m));
      }
    }
    for (Match w : warns) {
      why.add("warn:" + span(surface, w));
    }
    for (Match c : cues) {
      double w = c.entry().weight();
      if (useIntensifiers) {
        w *= intensity(c, modifiers, boundary, n);
      }
      if (useContrast) {
        w *= contrast(c, modifiers, boundary, n);
      }
      int sign = c.entry().kind().isPro() ? 1 : -1;
      boolean flipped = (flips[c.start()] & 1) == 1 && flippable(c, modifiers);
      if (flipped && denied[c.start()]) {
        w *= denyFactor; // a bare denial of a division report is weak evidence (CODEBOOK)
      }
      if (flipped) {
        sign = -sign;
      }
      boolean warned = false;
      if (sign < 0 && !flipped && !c.entry().kind().isFixed()) {
        double f = warnFactor(c, warns, modifiers);
        if (f > 0) {
          warned = true;
          sign = 1;
          w *= f;
        }
      }
      sum += sign * w;
      why.add((sign > 0 ? "+" : "-") + span(surface, c)
          + "(" + String.format(Locale.ROOT, "%.2f", w) + ")" + (flipped ? "[neg]" : "")
          + (warned ? "[warn]" : ""));
    }
    if (a.question) {
      why.add("question");
    }
    if (a.truncated) {
      why.add("truncated");
    }
    double raw = sum * a.hedge * (a.question ? questionFactor : 1.0);
    double score = Math.round(Math.tanh(raw * gain) * 10_000.0) / 10_000.0;
    int label = score >= threshold ? 1 : score <= -threshold ? -1 : 0;
    return new SentenceScore(dimension, true, score, label, why);
  }

  /**
   * The factor of the warning frame that turns the division cue {@code cue} into the danger warned
   * against, or 0 when none applies: a warning frame anywhere in the sentence that does not overlap
   * the cue, with no contrast marker ("but") between them.
   */
  private static double warnFactor(Match cue, List<Match> warns, List<Match> modifiers) {
    double best = 0.0;
    for (Match w : warns) {
      if (w.overlaps(cue)) {
        continue;
      }
      int lo = Math.min(w.end(), cue.end());
      int hi = Math.max(w.start(), cue.start());
      boolean split = false;
      for (Match m : modifiers) {
        if (m.entry().kind() == Kind.CONTRAST && m.start() > lo && m.start() < hi) {
          split = true;
          break;
        }
      }
      if (!split) {
        best = Math.max(best, w.entry().weight());
      }
    }
    return best;
  }

  /**
   * Whether negation may flip a cue: not a framing cue, and not a cue that carries its own
   * negator ("not count on", "not a blank cheque").
   */
  private static boolean flippable(Match cue, List<Match> modifiers) {
    if (cue.entry().kind().isFixed()) {
      return false;
    }
    for (Match m : modifiers) {
      Kind k = m.entry().kind();
      if ((k == Kind.NEGATOR || k == Kind.DENY) && cue.contains(m)) {
        return false;
      }
    }
    return true;
  }

  private static String tag(Kind k) {
    return switch (k) {
      case NEGATOR -> "neg:";
      case DENY -> "deny:";
      case HEDGE -> "hedge:";
      case FRAME -> "frame:";
      case CONTRAST -> "contrast:";
      case CONCESSIVE -> "concessive:";
      default -> null;
    };
  }

  /** Multiplier from an intensifier just before (up to 3 tokens) or just after the cue. */
  private static double intensity(Match cue, List<Match> modifiers, boolean[] boundary, int n) {
    double best = 1.0;
    boolean found = false;
    for (Match m : modifiers) {
      if (m.entry().kind() != Kind.INTENSIFIER) {
        continue;
      }
      boolean before = m.end() < cue.start() && cue.start() - m.end() <= 3
          && !crosses(boundary, m.end() + 1, cue.start() - 1);
      boolean after = m.start() > cue.end() && m.start() - cue.end() <= 2
          && !crosses(boundary, cue.end() + 1, m.start() - 1);
      if (before || after) {
        double w = m.entry().weight();
        if (!found || Math.abs(w - 1) > Math.abs(best - 1)) {
          best = w;
          found = true;
        }
      }
    }
    return best;
  }

  /** Multiplier for cues before a "but" or inside a "despite"/"although" clause. */
  private static double contrast(Match cue, List<Match> modifiers, boolean[] boundary, int n) {
    double f = 1.0;
    for (Match m : modifiers) {
      Kind k = m.entry().kind();
      if (k == Kind.CONTRAST && m.start() > 0 && cue.end() < m.start()) {
        f *= m.entry().weight();
      } else if (k == Kind.CONCESSIVE && cue.start() > m.end()) {
        int end = scopeEnd(m.end() + 1, n, boundary, n);
        if (cue.start() <= end) {
          f *= m.entry().weight();
        }
      }
    }
    return f;
  }

  private static boolean crosses(boolean[] boundary, int from, int to) {
    for (int i = from; i <= to; i++) {
      if (boundary[i]) {
        return true;
      }
    }
    return false;
  }

  /** Last token index of a scope starting at {@code from}: window tokens, stopping at a boundary. */
  private static int scopeEnd(int from, int window, boolean[] boundary, int n) {
    int end = Math.min(n - 1, from + Math.max(window, 1) - 1);
    for (int i = from; i <= end; i++) {
      if (boundary[i]) {
        return i - 1;
      }
    }
    return end;
  }

  private static boolean overlapsAny(Match m, List<Match> others) {
    for (Match o : others) {
      if (m.overlaps(o)) {
        return true;
      }
    }
    return false;
  }

  private static boolean insideAny(Match m, List<Match> others) {
    for (Match o : others) {
      if (o.contains(m)) {
        return true;
      }
    }
    return false;
  }

  /** Removes matches strictly contained in a longer match of the same list. */
  private static List<Match> dropContained(List<Match> matches) {
    if (matches.size() < 2) {
      return matches;
    }
    List<Match> out = new ArrayList<>(matches.size());
    for (Match m : matches) {
      if (!insideAny(m, matches)) {
        out.add(m);
      }
    }
    return out;
  }

  private static String span(List<String> surface, Match m) {
    StringBuilder b = new StringBuilder();
    for (int i = m.start(); i <= m.end(); i++) {
      if (i > m.start()) {
        b.append(' ');
      }
      b.append(surface.get(i).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  private List<SentenceScore> irrelevant() {
    List<SentenceScore> out = new ArrayList<>(dims);
    for (String d : resources.dimensions()) {
      out.add(new SentenceScore(d, false, 0.0, 0, List.of()));
    }
    return out;
  }

  /** Control characters become spaces; null becomes empty. */
  static String sanitize(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad = Character.isISOControl(c) || Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
      if (bad) {
        if (b == null) {
          b = new StringBuilder(s);
        }
        b.setCharAt(i, ' ');
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Cheap check, no false negatives by design: which kinds of phrase (HIT_* bits) could start at
   * some word of {@code text}, judged by the first characters of each word.
   */
  private int prefixHits(String text) {
    int hits = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        if (c == '%') {
          hits |= hitsOf("%");
        }
        i++;
        continue;
      }
      int j = i;
      boolean digits = true;
      int cut = -1;
      while (j < n) {
        char x = text.charAt(j);
        if (Character.isLetterOrDigit(x)) {
          digits &= Character.isDigit(x);
        } else if (x == '.' || x == '-' || x == '\'' || x == '\u2019' || x == ',') {
          if (x == ',' && !(digits && j + 1 < n && Character.isDigit(text.charAt(j + 1)))) {
            break;
          }
          if (cut < 0 && x != '.' && x != ',') {
            cut = j;
          }
        } else {
          break;
        }
        j++;
      }
      if (digits) {
        hits |= hitsOf(TokenNormalizer.NUM);
      }
      hits |= hitsOfWord(text, i, j);
      if (cut > i) {
        // "nato-led", "nato's": also the part before a hyphen or apostrophe
        hits |= hitsOfWord(text, i, cut);
      }
      i = j;
    }
    return hits;
  }

  /** Bits for the word text[from, to): its first PREFIX characters, lower-cased. */
  private int hitsOfWord(String text, int from, int to) {
    int end = to;
    while (end > from && text.charAt(end - 1) == '.'
        && !(end - from >= 3 && text.charAt(end - 3) == '.')) {
      end--; // a full stop, but keep "u.s."
    }
    int len = Math.min(end - from, ScoringResources.PREFIX);
    for (int k = 0; k < len; k++) {
      prefixBuffer[k] = Character.toLowerCase(text.charAt(from + k));
    }
    int bits = hitsOf(new String(prefixBuffer, 0, len));
    if (end - from == 2 && prefixBuffer[0] == 'u' && prefixBuffer[1] == 's') {
      bits |= hitsOf("u.s.");
    }
    return bits;
  }

  private int hitsOf(String prefix) {
    Integer bits = prefixBits.get(prefix);
    return bits == null ? 0 : bits;
  }
}
