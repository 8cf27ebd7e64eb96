package org.newsstance.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.newsstance.nlp.MinHash;

/** Deterministic coder for {@link ScoredArticle}. */
public final class ScoredArticleCoder extends AtomicCoder<ScoredArticle> {
  private static final ScoredArticleCoder INSTANCE = new ScoredArticleCoder();

  public static ScoredArticleCoder of() {
    return INSTANCE;
  }

  /** Found by {@code @DefaultCoder}: makes this the coder of every {@link ScoredArticle}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ScoredArticle.class), INSTANCE);
  }

  @Override
  public void encode(ScoredArticle s, OutputStream out) throws IOException {
    ArticleCoder.of().encode(s.article(), out);
    CoderIo.num(s.sentences(), out);
    CoderIo.str(s.textHash(), out);
    CoderIo.str(s.status(), out);
    CoderIo.num(s.dimensions().size(), out);
    for (DimensionResult d : s.dimensions()) {
      CoderIo.str(d.dimension(), out);
      CoderIo.num(d.relevantSentences(), out);
      CoderIo.dbl(d.score(), out);
    }
    CoderIo.num(s.evidence().size(), out);
    for (SentenceEvidence e : s.evidence()) {
      CoderIo.num(e.sentenceNo(), out);
      CoderIo.str(e.dimension(), out);
      CoderIo.dbl(e.score(), out);
      CoderIo.num(e.label(), out);
      CoderIo.str(e.cues(), out);
      CoderIo.str(e.sentence(), out);
    }
    CoderIo.str(s.duplicateOf(), out);
    int[] sig = s.minHash();
    CoderIo.num(sig.length, out);
    out.write(MinHash.toBytes(sig)); // one write: every grouping of light copies encodes it
    CoderIo.str(s.clusterId(), out);
    CoderIo.str(s.syndication(), out);
  }

  @Override
  public ScoredArticle decode(InputStream in) throws IOException {
    Article article = ArticleCoder.of().decode(in);
    int sentences = CoderIo.num(in);
    String hash = CoderIo.str(in);
    String status = CoderIo.str(in);
    int nd = CoderIo.num(in);
    List<DimensionResult> dims = new ArrayList<>(nd);
    for (int i = 0; i < nd; i++) {
      dims.add(new DimensionResult(CoderIo.str(in), CoderIo.num(in), CoderIo.dbl(in)));
    }
    int ne = CoderIo.num(in);
    List<SentenceEvidence> evidence = new ArrayList<>(ne);
    for (int i = 0; i < ne; i++) {
      evidence.add(
          new SentenceEvidence(
              CoderIo.num(in),
              CoderIo.str(in),
              CoderIo.dbl(in),
              CoderIo.num(in),
              CoderIo.str(in),
              CoderIo.str(in)));
    }
    String duplicateOf = CoderIo.str(in);
    int[] sig = signature(in, CoderIo.num(in));
    return new ScoredArticle(
        article, sentences, hash, status, dims, evidence, duplicateOf, sig, CoderIo.str(in),
        CoderIo.str(in));
  }

  @Override
  public void verifyDeterministic() {}

  /** The signature's bytes ({@link MinHash#toBytes}) in one read. */
  private static int[] signature(InputStream in, int length) throws IOException {
    byte[] b = in.readNBytes(length * 4);
    if (b.length < length * 4) {
      throw new EOFException("stream ended inside a MinHash signature");
    }
    return MinHash.fromBytes(b);
  }
}
