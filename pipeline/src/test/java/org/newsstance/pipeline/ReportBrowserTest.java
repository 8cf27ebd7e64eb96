package org.newsstance.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.File;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsstance.report.HtmlReport;

/**
 * Opens the sample run's {@code report.html} in headless Chromium and checks that the charts are
 * in the rendered DOM and that the browser logged nothing to the console (no error, no blocked
 * load: the page has no script, so any console line is a fault). A control page with a script
 * error proves the console check catches errors. {@code scripts/test.sh} installs Debian's {@code
 * chromium} when it is missing; without it (a bare {@code mvn} run) this test is skipped.
 */
class ReportBrowserTest {
  static final Path EXPECTED = NewsstanceEndToEndTest.EXPECTED;
  static String chromium;

  @TempDir Path tmp;

  @BeforeAll
  static void findChromium() {
    String env = System.getenv("NEWSSTANCE_CHROMIUM");
    if (env != null && !env.isBlank()) {
      chromium = env;
      return;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
        File f = new File(dir, name);
        if (f.canExecute()) {
          chromium = f.getPath();
          return;
        }
      }
    }
  }

  /** What Chromium printed: the DOM on stdout, its log (with CONSOLE lines) on stderr. */
  record Rendered(String dom, List<String> console) {}

  Rendered render(Path page) throws Exception {
    Assumptions.assumeTrue(chromium != null,
        "chromium is not installed (scripts/test.sh installs it); skipping the browser test");
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    Path dom = tmp.resolve("dom-" + System.nanoTime() + ".html");
    Path log = tmp.resolve("log-" + System.nanoTime() + ".txt");
    Process p = new ProcessBuilder(
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
            "--window-size=1400,2400", "--dump-dom", page.toUri().toString())
        .redirectOutput(dom.toFile())
        .redirectError(log.toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s on " + page);
    }
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
        console.add(line);
      }
    }
    return new Rendered(Files.readString(dom, StandardCharsets.UTF_8), console);
  }

  @Test
  void theConsoleCheckCatchesAScriptError() throws Exception {
    Path control = tmp.resolve("control.html");
    Files.writeString(control,
        "<!DOCTYPE html><html><body><p>x</p><script>console.error('control');"
            + " notDefined();</script></body></html>", StandardCharsets.UTF_8);
    assertThat(render(control).console(), is(not(empty())));
  }

  @Test
  void sampleReportRendersItsChartsWithoutConsoleErrors() throws Exception {
    Path page = tmp.resolve("report.html");
    String manifest =
        "{\"tool\":\"newsstance\",\"dimensions\":[\"unity\",\"burden\"],"
            + "\"lexicon_version\":\"sample\",\"counts\":{\"records_read\":89}}";
    try (Reader ow = Files.newBufferedReader(EXPECTED.resolve("outlet_week.csv"));
        Reader se = Files.newBufferedReader(EXPECTED.resolve("sentences.csv"));
        Reader ar = Files.newBufferedReader(EXPECTED.resolve("articles.csv"));
        var out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
      HtmlReport.create().write(ow, se, ar, manifest, out);
    }
    Rendered r = render(page);
    assertThat("console output: " + r.console(), r.console(), is(empty()));
    assertThat("a stance chart per dimension", count(r.dom(), "<svg class=\"stance\""), is(2));
    assertThat("a volume chart per dimension", count(r.dom(), "<svg class=\"volume\""), is(2));
    assertThat("mean lines", count(r.dom(), "<path class=\"mean\""), greaterThan(6));
    assertThat("interval bands", count(r.dom(), "class=\"band\""), greaterThan(6));
    assertThat("bars", count(r.dom(), "<rect class=\"bar\""), greaterThan(20));
    assertThat("evidence", count(r.dom(), "<details>"), greaterThan(10));
    assertThat("links to articles", count(r.dom(), "<a href=\"https://"), greaterThan(10));
  }

  static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
