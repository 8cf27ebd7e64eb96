package org.newsstance.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds a file of the repository (e.g. a gold split) from wherever Maven runs the tests. */
final class RepoFiles {
  private RepoFiles() {}

  static Path find(String relative) {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve(relative))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(relative + " not found above " + Paths.get("").toAbsolutePath());
    }
    return p.resolve(relative);
  }
}
