package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;

  @Test
  void aFolderListsEveryEntryItDoesNotReadAsSkipped() throws Exception {
    Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    Files.writeString(dir.resolve("README.md"), "notes\n");
    Files.createDirectory(dir.resolve("older"));
    Files.createSymbolicLink(dir.resolve("gone.jsonl"), dir.resolve("missing.jsonl"));
    Files.createSymbolicLink(dir.resolve("loop"), dir);
    Files.createSymbolicLink(dir.resolve("b.jsonl"), dir.resolve("a.jsonl"));

    InputFiles.Resolution r = InputFiles.resolve(dir.toString());

    assertThat(
        r.files().stream().map(InputFiles.InputFile::displayName).toList(),
        contains(dir + "/a.jsonl", dir + "/b.jsonl"));
    assertThat(
        r.skipped(),
        contains(dir + "/README.md", dir + "/gone.jsonl", dir + "/loop/", dir + "/older/"));
  }

  @Test
  void aGlobWithTwoStarsReachesIntoSubfolders() throws Exception {
    Files.createDirectories(dir.resolve("2024/05"));
    Files.writeString(dir.resolve("top.jsonl"), "{}\n");
    Files.writeString(dir.resolve("2024/05/deep.jsonl"), "{}\n");

    InputFiles.Resolution r = InputFiles.resolve(dir + "/**.jsonl");

    assertThat(
        r.files().stream().map(InputFiles.InputFile::displayName).toList(),
        contains(dir + "/2024/05/deep.jsonl", dir + "/top.jsonl"));
  }
}
