package org.newsstance.pipeline;

/**
 * A problem the user can fix (a missing input, an unwritable folder, a bad option value). The
 * message is one line that names the path or value and says what to do; the launcher prints it
 * without a stack trace and exits non-zero before any work starts.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
