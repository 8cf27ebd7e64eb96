package org.newsstance.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsstance.gold.GoldSet;
import org.newsstance.gold.GoldSentence;
import org.newsstance.scoring.ScoringResources;
import org.newsstance.scoring.SentenceScore;
import org.newsstance.scoring.StanceCombiner;
import org.newsstance.scoring.StanceModel;
import org.newsstance.scoring.StanceModel.Features;
import org.newsstance.scoring.StanceScorer;

/**
 * Compares, by k-fold cross-validation over documents of a gold split (never the test split),
 * the dictionary scorer alone, a maxent model on words alone, a maxent model on words plus the
 * dictionary's evidence, the same model run only on sentences the dictionary found relevant
 * ({@link StanceCombiner#combine}, the rule shipped before issue 3's second round; the shipped
 * scorer itself is measured by {@link CompareVariants}), a model on the dictionary evidence alone, and an
 * interpolation of the
 * dictionary score with the words model. Usage: {@code CrossValidate [--gold=PATH[,PATH...]] [--folds=5]
 * [--iterations=200] [--cutoff=1] [--holdout=PATH] [--lexicons=DIR]}. With {@code --holdout}, the models are
 * trained on all of {@code --gold} and the same methods are evaluated once on the held-out file,
 * printing numbers only (this is how the test split is reported; it is never used to choose).
 * Several {@code --gold} files, comma-separated, are read as one split (documents in order, folds
 * dealt round-robin over all of them), e.g. the shipped model's training data {@code
 * datasets/gold/dev.tsv,datasets/gold/dev3.tsv}.
 */
public final class CrossValidate {

  private CrossValidate() {}

  /** The methods compared, in output order. */
  static final List<String> METHODS = List.of("dictionary", "model:words",
      "model:words+dictionary", "relevant-only:words+dictionary", "model:dictionary", "interpolate(0.5):words",
      "interpolate(0.5):words+dictionary", "relevant-only:words+bigrams+dictionary");

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String gold = "datasets/gold/dev.tsv";
    String holdout = null;
    String lexicons = null;
    int folds = 5;
    int iterations = 200;
    int cutoff = 1;
    for (String a : args) {
      if (a.startsWith("--gold=")) {
        gold = a.substring(7);
      } else if (a.startsWith("--holdout=")) {
        holdout = a.substring(10);
      } else if (a.startsWith("--lexicons=")) {
        lexicons = a.substring(11);
      } else if (a.startsWith("--folds=")) {
        folds = Integer.parseInt(a.substring(8));
      } else if (a.startsWith("--iterations=")) {
        iterations = Integer.parseInt(a.substring(13));
      } else if (a.startsWith("--cutoff=")) {
        cutoff = Integer.parseInt(a.substring(9));
      } else {
        throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    List<GoldSet> goldSets = new ArrayList<>();
    ScoringResources resources =
        lexicons == null ? ScoringResources.shared() : ScoringResources.shared(lexicons);
    for (String g : gold.split(",")) {
      if (Path.of(g).getFileName().toString().startsWith("test")) {
        throw new IllegalArgumentException(
            "cross-validation tunes on its input; refusing the held-out test split " + g);
      }
      goldSets.add(GoldSet.read(Path.of(g), resources.dimensions()));
    }
    // the dictionary alone: its evidence is what every model here is trained on
    StanceScorer scorer = new StanceScorer(resources.withSetting("model", 0));
    Scored train = Scored.of(GoldSet.concat(goldSets), scorer);
    List<String> dims = resources.dimensions();
    if (holdout != null) {
      // Train on all of --gold, score the held-out file once; only numbers are printed, never a
      // sentence, so the test split can be reported without being read.
      Scored test = Scored.of(GoldSet.read(Path.of(holdout), dims), scorer);
      out.printf(Locale.ROOT, "models trained on all of %s (%d sentences), evaluated on %s "
          + "(%d sentences)%n%n", gold, train.golds.size(), holdout, test.golds.size());
      header(out);
      for (int d = 0; d < dims.size(); d++) {
        Map<String, StanceMetrics> metrics = newMetrics();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < train.golds.size(); i++) {
          all.add(i);
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < test.golds.size(); i++) {
          rows.add(i);
        }
        evaluate(train, all, test, rows, dims.get(d), d, iterations, cutoff,
            resources.labelThreshold(), i -> List.of(metrics));
        print(out, dims.get(d), metrics);
      }
      return;
    }
    List<Integer> fold = new ArrayList<>();
    int docNo = 0;
    for (int size : train.docSizes) {
      for (int i = 0; i < size; i++) {
        fold.add(docNo % folds);
      }
      docNo++;
    }
    out.printf(Locale.ROOT, "%d-fold cross-validation by document on %s (%d sentences)%n%n",
        folds, gold, train.golds.size());
    header(out);
    // With several files, the out-of-fold rows of each file are also reported on their own
    // (e.g. dev3, on which the dictionary was never tuned, unlike dev).
    List<String> sources = new ArrayList<>();
    List<Integer> sourceOf = new ArrayList<>();
    for (GoldSet g : goldSets) {
      sources.add(g.source());
      g.sentences().forEach(x -> sourceOf.add(sources.size() - 1));
    }
    List<Map<String, Map<String, StanceMetrics>>> perSource = new ArrayList<>();
    for (int d = 0; d < dims.size(); d++) {
      Map<String, StanceMetrics> metrics = newMetrics();
      List<Map<String, StanceMetrics>> bySource = new ArrayList<>();
      sources.forEach(x -> bySource.add(newMetrics()));
      for (int f = 0; f < folds; f++) {
        List<Integer> in = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < train.golds.size(); i++) {
          (fold.get(i) == f ? held : in).add(i);
        }
        evaluate(train, in, train, held, dims.get(d), d, iterations, cutoff,
            resources.labelThreshold(), i -> List.of(metrics, bySource.get(sourceOf.get(i))));
      }
      print(out, dims.get(d), metrics);
      Map<String, Map<String, StanceMetrics>> named = new LinkedHashMap<>();
      for (int k = 0; k < sources.size(); k++) {
        named.put(sources.get(k), bySource.get(k));
      }
      perSource.add(named);
    }
    if (sources.size() > 1) {
      for (String src : sources) {
        out.printf(Locale.ROOT, "%nout-of-fold rows of %s only%n", src);
        header(out);
        for (int d = 0; d < dims.size(); d++) {
          print(out, dims.get(d), perSource.get(d).get(src));
        }
      }
    }
  }

  /** Gold sentences with the dictionary's scores, scored article by article. */
  private record Scored(List<GoldSentence> golds, List<List<SentenceScore>> dict,
      List<Integer> docSizes) {
    static Scored of(GoldSet set, StanceScorer scorer) {
      List<GoldSentence> golds = new ArrayList<>();
      List<List<SentenceScore>> dict = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (List<GoldSentence> doc : set.documents().values()) {
        golds.addAll(doc);
        dict.addAll(scorer.scoreDictionary(doc.stream().map(GoldSentence::sentence).toList()));
        sizes.add(doc.size());
      }
      return new Scored(golds, dict, sizes);
    }
  }

  private static Map<String, StanceMetrics> newMetrics() {
    Map<String, StanceMetrics> metrics = new LinkedHashMap<>();
    for (String m : METHODS) {
      metrics.put(m, new StanceMetrics());
    }
    return metrics;
  }

  private static void header(PrintStream out) {
    out.printf(Locale.ROOT, "%-10s %-40s %7s %9s%n", "dimension", "method", "F_avg", "macro-F1");
  }

  private static void print(PrintStream out, String dim, Map<String, StanceMetrics> metrics) {
    metrics.forEach((m, x) -> out.printf(Locale.ROOT, "%-10s %-40s %7.3f %9.3f%n", dim, m,
        x.fAvg(), x.macroF1()));
  }

  /**
   * Trains the models on rows {@code in} of {@code train}, adds rows {@code held} of eval to the
   * metrics {@code sinks} gives for the row.
   */
  private static void evaluate(Scored train, List<Integer> in, Scored eval, List<Integer> held,
      String dim, int d, int iterations, int cutoff, double threshold,
      java.util.function.IntFunction<List<Map<String, StanceMetrics>>> sinks)
      throws IOException {
    Map<Features, StanceModel.Categorizer> models = new LinkedHashMap<>();
    for (Features which : Features.values()) {
      List<String[]> docs = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (int i : in) {
        docs.add(StanceModel.features(train.golds.get(i).sentence(), train.dict.get(i).get(d),
            which));
        labels.add(train.golds.get(i).labels().get(dim));
      }
      models.put(which, StanceModel.train(docs, labels, iterations, cutoff).categorizer());
    }
    for (int i : held) {
      int g = eval.golds.get(i).labels().get(dim);
      Map<String, Integer> predicted = predict(models, eval, i, d, threshold);
      for (Map<String, StanceMetrics> metrics : sinks.apply(i)) {
        predicted.forEach((method, label) -> metrics.get(method).add(g, label));
      }
    }
  }

  /** Every method's label for row {@code i} of {@code eval}, dimension {@code d}. */
  private static Map<String, Integer> predict(Map<Features, StanceModel.Categorizer> models,
      Scored eval, int i, int d, double threshold) {
    Map<String, Integer> p = new LinkedHashMap<>();
    SentenceScore s = eval.dict.get(i).get(d);
    String text = eval.golds.get(i).sentence();
    p.put("dictionary", s.label());
    double[] pw = models.get(Features.WORDS)
        .probabilities(StanceModel.features(text, s, Features.WORDS));
    double[] pa = models.get(Features.WORDS_AND_DICTIONARY)
        .probabilities(StanceModel.features(text, s, Features.WORDS_AND_DICTIONARY));
    double[] pd = models.get(Features.DICTIONARY)
        .probabilities(StanceModel.features(text, s, Features.DICTIONARY));
    p.put("model:words", StanceCombiner.argmax(pw));
    p.put("model:words+dictionary", StanceCombiner.argmax(pa));
    double[] pb = models.get(Features.WORDS_BIGRAMS_AND_DICTIONARY)
        .probabilities(StanceModel.features(text, s, Features.WORDS_BIGRAMS_AND_DICTIONARY));
    // the shipped model's features, run only where the dictionary found relevance, most probable
    // class (the rule shipped before issue 3's second round; the shipped scorer adds class
    // weighting, a relevance model and a gate, measured by CompareVariants)
    double[] ps = models.get(StanceCombiner.FEATURES)
        .probabilities(StanceModel.features(text, s, StanceCombiner.FEATURES));
    p.put("relevant-only:words+dictionary", StanceCombiner.combine(s, ps).label());
    p.put("relevant-only:words+bigrams+dictionary",
        StanceCombiner.combine(s, pb).label());
    p.put("model:dictionary", StanceCombiner.argmax(pd));
    p.put("interpolate(0.5):words",
        label(0.5 * s.score() + 0.5 * (pw[2] - pw[0]), threshold));
    p.put("interpolate(0.5):words+dictionary",
        label(0.5 * s.score() + 0.5 * (pa[2] - pa[0]), threshold));
    return p;
  }

  private static int label(double score, double threshold) {
    return score >= threshold ? 1 : score <= -threshold ? -1 : 0;
  }
}
