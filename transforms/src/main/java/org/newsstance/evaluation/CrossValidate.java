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
import org.newsstance.scoring.ScoringResources;
import org.newsstance.scoring.SentenceScore;
import org.newsstance.scoring.StanceModel;
import org.newsstance.scoring.StanceModel.Features;
import org.newsstance.scoring.StanceScorer;

/**
 * Compares, by k-fold cross-validation over documents of a gold split (never the test split),
 * the dictionary scorer alone, a maxent model on words alone, a maxent model on words plus the
 * dictionary's evidence, a model on the dictionary evidence alone, and an interpolation of the
 * dictionary score with the words model. Usage: {@code CrossValidate [--gold=PATH] [--folds=5]
 * [--iterations=200] [--cutoff=1]}.
 */
public final class CrossValidate {

  private CrossValidate() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String gold = "datasets/gold/dev.tsv";
    int folds = 5;
    int iterations = 200;
    int cutoff = 1;
    for (String a : args) {
      if (a.startsWith("--gold=")) {
        gold = a.substring(7);
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
    if (Path.of(gold).getFileName().toString().startsWith("test")) {
      throw new IllegalArgumentException(
          "cross-validation tunes on its input; refusing the held-out test split " + gold);
    }
    ScoringResources resources = ScoringResources.shared();
    GoldSet set = GoldSet.read(Path.of(gold), resources.dimensions());
    StanceScorer scorer = new StanceScorer(resources);
    List<GoldSentence> golds = new ArrayList<>();
    List<List<SentenceScore>> dict = new ArrayList<>();
    List<Integer> fold = new ArrayList<>();
    int docNo = 0;
    for (List<GoldSentence> doc : set.documents().values()) {
      golds.addAll(doc);
      dict.addAll(scorer.scoreArticle(doc.stream().map(GoldSentence::sentence).toList()));
      for (int i = 0; i < doc.size(); i++) {
        fold.add(docNo % folds);
      }
      docNo++;
    }
    double threshold = resources.labelThreshold();
    out.printf(Locale.ROOT, "%d-fold cross-validation by document on %s (%d sentences)%n%n",
        folds, gold, golds.size());
    out.printf(Locale.ROOT, "%-10s %-28s %7s %9s%n", "dimension", "method", "F_avg", "macro-F1");
    List<String> dims = resources.dimensions();
    for (int d = 0; d < dims.size(); d++) {
      String dim = dims.get(d);
      Map<String, StanceMetrics> metrics = new LinkedHashMap<>();
      for (String m : List.of("dictionary", "model:words", "model:words+dictionary",
          "model:dictionary", "interpolate(0.5):words", "interpolate(0.5):words+dictionary")) {
        metrics.put(m, new StanceMetrics());
      }
      for (int f = 0; f < folds; f++) {
        Map<Features, StanceModel.Categorizer> models = new LinkedHashMap<>();
        for (Features which : Features.values()) {
          List<String[]> docs = new ArrayList<>();
          List<Integer> labels = new ArrayList<>();
          for (int i = 0; i < golds.size(); i++) {
            if (fold.get(i) != f) {
              docs.add(StanceModel.features(golds.get(i).sentence(), dict.get(i).get(d), which));
              labels.add(golds.get(i).labels().get(dim));
            }
          }
          models.put(which, StanceModel.train(docs, labels, iterations, cutoff).categorizer());
        }
        for (int i = 0; i < golds.size(); i++) {
          if (fold.get(i) != f) {
            continue;
          }
          int g = golds.get(i).labels().get(dim);
          SentenceScore s = dict.get(i).get(d);
          String text = golds.get(i).sentence();
          metrics.get("dictionary").add(g, s.label());
          double[] pw = models.get(Features.WORDS)
              .probabilities(StanceModel.features(text, s, Features.WORDS));
          double[] pa = models.get(Features.WORDS_AND_DICTIONARY)
              .probabilities(StanceModel.features(text, s, Features.WORDS_AND_DICTIONARY));
          double[] pd = models.get(Features.DICTIONARY)
              .probabilities(StanceModel.features(text, s, Features.DICTIONARY));
          metrics.get("model:words").add(g, argmax(pw));
          metrics.get("model:words+dictionary").add(g, argmax(pa));
          metrics.get("model:dictionary").add(g, argmax(pd));
          metrics.get("interpolate(0.5):words").add(g,
              label(0.5 * s.score() + 0.5 * (pw[2] - pw[0]), threshold));
          metrics.get("interpolate(0.5):words+dictionary").add(g,
              label(0.5 * s.score() + 0.5 * (pa[2] - pa[0]), threshold));
        }
      }
      metrics.forEach((m, x) -> out.printf(Locale.ROOT, "%-10s %-28s %7.3f %9.3f%n", dim, m,
          x.fAvg(), x.macroF1()));
    }
  }

  private static int argmax(double[] p) {
    int best = 1;
    for (int i = 0; i < 3; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best - 1;
  }

  private static int label(double score, double threshold) {
    return score >= threshold ? 1 : score <= -threshold ? -1 : 0;
  }
}
