package org.newsstance.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Deterministic coder for {@link Reject}. */
public final class RejectCoder extends AtomicCoder<Reject> {
  private static final RejectCoder INSTANCE = new RejectCoder();

  public static RejectCoder of() {
    return INSTANCE;
  }

  /** Found by {@code @DefaultCoder}: makes this the coder of every {@link Reject}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Reject.class), INSTANCE);
  }

  @Override
  public void encode(Reject r, OutputStream out) throws IOException {
    CoderIo.str(r.source(), out);
    CoderIo.str(r.position(), out);
    CoderIo.str(r.reasonCode(), out);
    CoderIo.str(r.detail(), out);
    CoderIo.str(r.excerpt(), out);
  }

  @Override
  public Reject decode(InputStream in) throws IOException {
    return new Reject(
        CoderIo.str(in), CoderIo.str(in), CoderIo.str(in), CoderIo.str(in), CoderIo.str(in));
  }

  @Override
  public void verifyDeterministic() {}
}
