package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsstance.io.CsvColumns;
import org.newsstance.io.InputFormat;

class InputFilesTest {
  @TempDir Path dir;

  @Test
  void aFolderListsEveryEntryItDoesNotReadAsSkipped() throws Exception {
    Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    Files.writeString(dir.resolve("README.md"), "notes\n");
    Files.writeString(dir.resolve("c.tsv"), "title\ttext\nRiga\tAllies meet.\n");
    Files.createDirectory(dir.resolve("older"));
    Files.createSymbolicLink(dir.resolve("gone.jsonl"), dir.resolve("missing.jsonl"));
    Files.createSymbolicLink(dir.resolve("loop"), dir);
    Files.createSymbolicLink(dir.resolve("b.jsonl"), dir.resolve("a.jsonl"));

    InputFiles.Resolution r = InputFiles.resolve(dir.toString());

    assertThat(
        r.files().stream().map(InputFiles.InputFile::displayName).toList(),
        contains(dir + "/a.jsonl", dir + "/b.jsonl", dir + "/c.tsv"));
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

  @Test
  void theHeaderCheckFindsColumnsThatDifferOnlyInCase() throws Exception {
    Files.writeString(dir.resolve("caps.csv"), "Text,URL,Published\nAllies meet.,,\n");
    Files.writeString(dir.resolve("mapped.csv"), "Headline,Body\nRiga,Allies meet.\n");

    InputFiles.checkCsvHeaders(files("caps.csv"), InputFormat.AUTO, CsvColumns.defaults(), 4096);
    InputFiles.checkCsvHeaders(
        files("mapped.csv"), InputFormat.AUTO, CsvColumns.parse("text=body"), 4096);
  }

  @Test
  void theHeaderCheckReadsSemicolonAndTabFilesAsTheReaderDoes() throws Exception {
    Files.writeString(dir.resolve("excel.csv"), "title;text;date\nRiga;Allies meet, at last.;\n");
    Files.writeString(dir.resolve("export.txt"), "Title\tBody\nRiga\tAllies meet.\n");

    InputFiles.checkCsvHeaders(files("excel.csv"), InputFormat.AUTO, CsvColumns.defaults(), 4096);
    InputFiles.checkCsvHeaders(
        files("export.txt"), InputFormat.AUTO, CsvColumns.parse("text=body"), 4096);
  }

  @Test
  void theHeaderCheckStillStopsASemicolonFileWithoutTheTextColumn() throws Exception {
    Files.writeString(dir.resolve("excel.csv"), "title;body;date\nRiga;Allies meet.;\n");

    UserError e =
        assertThrows(
            UserError.class,
            () ->
                InputFiles.checkCsvHeaders(
                    files("excel.csv"), InputFormat.AUTO, CsvColumns.defaults(), 4096));
    assertThat(e.getMessage(), containsString("excel.csv: CSV column text not found"));
    assertThat(e.getMessage(), containsString("header is: title;body;date."));
  }

  @Test
  void theHeaderCheckStillStopsAFileWithoutTheTextColumn() throws Exception {
    Files.writeString(dir.resolve("export.csv"), "title,body,date\nRiga,Allies meet.,\n");

    UserError e =
        assertThrows(
            UserError.class,
            () ->
                InputFiles.checkCsvHeaders(
                    files("export.csv"), InputFormat.AUTO, CsvColumns.defaults(), 4096));
    assertThat(e.getMessage(), containsString("export.csv: CSV column text not found"));
    assertThat(e.getMessage(), containsString("header is: title,body,date."));
    assertThat(e.getMessage(), containsString("--csvColumns"));
  }

  private List<InputFiles.InputFile> files(String... names) {
    return Arrays.stream(names)
        .map(n -> new InputFiles.InputFile(dir.resolve(n).toString(), n, -1))
        .toList();
  }
}
