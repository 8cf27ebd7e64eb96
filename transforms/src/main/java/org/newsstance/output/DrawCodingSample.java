package org.newsstance.output;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.newsstance.model.ScoredArticle;

/**
 * Draws the stratified, seeded coding sample (see {@link CodingSample}) from unique articles and
 * returns its rows as {@code KV<sortKey, csvLine>} for {@link WriteCsvTable}. Each stratum keeps
 * only its {@code n} lowest-ranked candidates ({@link Top#perKey}), so memory is bounded by
 * strata × n whatever the corpus size.
 */
public final class DrawCodingSample
    extends PTransform<PCollection<ScoredArticle>, PCollection<KV<String, String>>> {
  private final int size;
  private final long seed;
  private final List<String> dimensions;

  private DrawCodingSample(int size, long seed, List<String> dimensions) {
    this.size = size;
    this.seed = seed;
    this.dimensions = dimensions;
  }

  /** A sample of {@code size} sentences over the given dimensions. */
  public static DrawCodingSample of(int size, List<String> dimensions) {
    if (size < 1) {
      throw new IllegalArgumentException("coding sample size must be at least 1, was " + size);
    }
    return new DrawCodingSample(size, 0L, List.copyOf(dimensions));
  }

  public DrawCodingSample withSeed(long newSeed) {
    return new DrawCodingSample(size, newSeed, dimensions);
  }

  /** A candidate as standard-coded values: {@code KV<rank, KV<sentenceId, row>>}. */
  private static final KvCoder<Long, KV<String, String>> CANDIDATE_CODER =
      KvCoder.of(VarLongCoder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

  @Override
  public PCollection<KV<String, String>> expand(PCollection<ScoredArticle> unique) {
    return unique
        .apply("Candidates", ParDo.of(new CandidatesFn(dimensions, seed)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CANDIDATE_CODER))
        .apply("LowestRanksPerStratum", Top.perKey(size, new LowerRankFirst()))
        .apply("OneGroup", WithKeys.<Integer, KV<String, List<KV<Long, KV<String, String>>>>>of(0)
            .withKeyType(TypeDescriptors.integers()))
        .apply("GatherStrata", GroupByKey.create())
        .apply("Allocate", ParDo.of(new AllocateFn(size)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /** "Greater" means lower rank, so {@link Top} keeps the lowest ranks. */
  static final class LowerRankFirst
      implements Comparator<KV<Long, KV<String, String>>>, Serializable {
    @Override
    public int compare(KV<Long, KV<String, String>> a, KV<Long, KV<String, String>> b) {
      return CodingSample.compare(toCandidate("", b), toCandidate("", a));
    }
  }

  static CodingSample.Candidate toCandidate(String stratum, KV<Long, KV<String, String>> kv) {
    return new CodingSample.Candidate(
        stratum, kv.getKey(), kv.getValue().getKey(), kv.getValue().getValue());
  }

  static final class CandidatesFn
      extends DoFn<ScoredArticle, KV<String, KV<Long, KV<String, String>>>> {
    private final List<String> dimensions;
    private final long seed;

    CandidatesFn(List<String> dimensions, long seed) {
      this.dimensions = dimensions;
      this.seed = seed;
    }

    @ProcessElement
    public void process(
        @Element ScoredArticle a, OutputReceiver<KV<String, KV<Long, KV<String, String>>>> out) {
      for (CodingSample.Candidate c : CodingSample.candidates(a, dimensions, seed)) {
        out.output(KV.of(c.stratum(), KV.of(c.rank(), KV.of(c.sentenceId(), c.row()))));
      }
    }
  }

  static final class AllocateFn
      extends DoFn<KV<Integer, Iterable<KV<String, List<KV<Long, KV<String, String>>>>>>,
          KV<String, String>> {
    private final int size;

    AllocateFn(int size) {
      this.size = size;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<KV<String, List<KV<Long, KV<String, String>>>>>> all,
        OutputReceiver<KV<String, String>> out) {
      Map<String, List<CodingSample.Candidate>> strata = new TreeMap<>();
      for (KV<String, List<KV<Long, KV<String, String>>>> s : all.getValue()) {
        List<CodingSample.Candidate> l = new ArrayList<>();
        for (KV<Long, KV<String, String>> kv : s.getValue()) {
          l.add(toCandidate(s.getKey(), kv));
        }
        strata.put(s.getKey(), l);
      }
      for (CodingSample.Candidate c : CodingSample.allocate(strata, size)) {
        out.output(
            KV.of(Tables.key(String.format(java.util.Locale.ROOT, "%016x", c.rank()), c.sentenceId()),
                c.row()));
      }
    }
  }
}
