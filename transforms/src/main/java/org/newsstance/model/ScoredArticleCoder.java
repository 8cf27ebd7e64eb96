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
    for (int v : sig) {
      fixedInt(v, out);
    }
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
    int[] sig = new int[CoderIo.num(in)];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = fixedInt(in);
    }
    return new ScoredArticle(
        article, sentences, hash, status, dims, evidence, duplicateOf, sig, CoderIo.str(in),
        CoderIo.str(in));
  }

  @Override
  public void verifyDeterministic() {}

  /** Four bytes, big-endian: hash values are spread over the whole int range. */
  private static void fixedInt(int v, OutputStream out) throws IOException {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static int fixedInt(InputStream in) throws IOException {
    int a = in.read();
    int b = in.read();
    int c = in.read();
    int d = in.read();
    if ((a | b | c | d) < 0) {
      throw new EOFException("stream ended inside a MinHash signature");
    }
    return (a << 24) | (b << 16) | (c << 8) | d;
  }
}
