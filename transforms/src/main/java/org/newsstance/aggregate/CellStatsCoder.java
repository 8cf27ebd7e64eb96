package org.newsstance.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link CellStats}: nine variable-length longs. */
public final class CellStatsCoder extends AtomicCoder<CellStats> {
  private static final CellStatsCoder INSTANCE = new CellStatsCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static CellStatsCoder of() {
    return INSTANCE;
  }

  /** Found by {@code @DefaultCoder}: makes this the coder of every {@link CellStats}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(CellStats.class), INSTANCE);
  }

  @Override
  public void encode(CellStats s, OutputStream out) throws IOException {
    LONG.encode(s.articles(), out);
    LONG.encode(s.relevantArticles(), out);
    LONG.encode(s.relevantSentences(), out);
    LONG.encode(s.pro(), out);
    LONG.encode(s.anti(), out);
    LONG.encode(s.neutral(), out);
    LONG.encode(s.sumMicros(), out);
    LONG.encode(s.sumSquaresMicros(), out);
    LONG.encode(s.syndicated(), out);
  }

  @Override
  public CellStats decode(InputStream in) throws IOException {
    return new CellStats(
        LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in),
        LONG.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
