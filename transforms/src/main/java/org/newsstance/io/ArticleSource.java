package org.newsstance.io;

import java.io.IOException;

/**
 * The records of one input file, in file order, as {@link ReadOutcome}s. Implementations never
 * throw for bad content: a record that cannot be read is a reject and reading goes on; only the
 * caller's stream failing to open is an exception. Not thread-safe.
 */
public interface ArticleSource {
  /** The next outcome, or null after the last one. */
  ReadOutcome next() throws IOException;
}
