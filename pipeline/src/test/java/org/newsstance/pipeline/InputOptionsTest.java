package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.newsstance.io.InputFormat;

class InputOptionsTest {
  private static NewsstanceOptions parse(String... args) {
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(NewsstanceOptions.class);
  }

  @Test
  void formatIsTypedAndAcceptsTheDocumentedLowerCaseSpelling() {
    assertThat(parse().getFormat(), is(InputFormat.AUTO));
    assertThat(parse("--format=warc").getFormat(), is(InputFormat.WARC));
    assertThat(parse("--format=CSV").getFormat(), is(InputFormat.CSV));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse("--format=xml"));
    assertThat(e.getMessage(), containsString("format"));
  }

  @Test
  void directoriesAcceptArchiveAndCsvFiles() {
    for (String name : new String[] {"a.csv", "a.csv.gz", "CC-NEWS-1.warc.gz", "b.warc", "c.warc.bz2", "d.jsonl", "CC-MAIN-1.warc.wet.gz"}) {
      assertThat(name, InputFiles.isDataFile(name), is(true));
    }
    assertThat(InputFiles.isDataFile("README.md"), is(false));
  }
}
