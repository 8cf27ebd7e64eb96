package org.newsstance.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Deterministic coder for {@link Article}: fields in declaration order. */
public final class ArticleCoder extends AtomicCoder<Article> {
  private static final ArticleCoder INSTANCE = new ArticleCoder();

  public static ArticleCoder of() {
    return INSTANCE;
  }

  /** Found by {@code @DefaultCoder}: makes this the coder of every {@link Article}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Article.class), INSTANCE);
  }

  @Override
  public void encode(Article a, OutputStream out) throws IOException {
    CoderIo.str(a.id(), out);
    CoderIo.str(a.outlet(), out);
    CoderIo.str(a.url(), out);
    CoderIo.str(a.canonicalUrl(), out);
    CoderIo.str(a.published(), out);
    CoderIo.str(a.publishedDate(), out);
    CoderIo.str(a.dateSource(), out);
    CoderIo.str(a.title(), out);
    CoderIo.str(a.text(), out);
    CoderIo.str(a.language(), out);
    CoderIo.str(a.source(), out);
    CoderIo.lng(a.position(), out);
    CoderIo.num(a.linesRemoved(), out);
  }

  @Override
  public Article decode(InputStream in) throws IOException {
    return new Article(
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.str(in),
        CoderIo.lng(in),
        CoderIo.num(in));
  }

  @Override
  public void verifyDeterministic() {}
}
