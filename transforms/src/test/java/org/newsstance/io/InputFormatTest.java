package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputFormatTest {
  private static InputFormat sniff(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return InputFormat.sniff(b, b.length);
  }

  @Test
  void decidesByExtensionThenContent() {
    assertThat(InputFormat.fromExtension("a/CC-NEWS-1.warc.gz"), is(InputFormat.WARC));
    assertThat(InputFormat.fromExtension("CC-MAIN-1-00000.warc.wet.gz"), is(InputFormat.WARC));
    assertThat(InputFormat.fromExtension("x.csv.bz2"), is(InputFormat.CSV));
    assertThat(InputFormat.fromExtension("export.TSV"), is(InputFormat.CSV));
    assertThat(InputFormat.fromExtension("x.jsonl.gz"), is(InputFormat.JSONL));
    assertThat(InputFormat.fromExtension("x.txt"), is(InputFormat.AUTO));
    assertThat(sniff("WARC/1.1\r\n"), is(InputFormat.WARC));
    assertThat(sniff("\uFEFF  {\"text\":1}"), is(InputFormat.JSONL));
    assertThat(sniff("text,url\n"), is(InputFormat.CSV));
    assertThat(
        InputFormat.resolve(InputFormat.CSV, "x.jsonl", null, 0), is(InputFormat.CSV));
  }

  private static boolean document(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return InputFormat.isJsonDocument("export.json", b, b.length, "");
  }

  @Test
  void aPrettyPrintedObjectOrAnArrayIsAJsonDocumentAndJsonLinesIsNot() {
    assertThat(sniff("[{\"text\":1}]"), is(InputFormat.JSONL));
    assertThat(document("{\n    \"maintext\": \"x\""), is(true));
    assertThat(document("\uFEFF\r\n  {  \r\n  \"text\""), is(true));
    assertThat(document("[\n  {\"text\": \"a\"}"), is(true));
    assertThat(document("[{\"text\": \"a\"}]"), is(true));
    assertThat(document("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), is(false));
    // a broken first line of JSON Lines is not a document: the lines after it are still read
    assertThat(document("{\"text\": \"cut\n{\"text\": \"b\"}\n"), is(false));
    // a lone brace with no line end within the bytes looked at: JSON Lines
    assertThat(document("{" + " ".repeat(80)), is(false));
    assertThat(document(""), is(false));
    assertThat(document("text,url\n"), is(false));
    // a name that says JSON Lines is read line by line, whatever its first line
    byte[] array = "[1, 2]\n{\"text\": \"a\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(InputFormat.isJsonDocument("x.jsonl.gz", array, array.length, ""), is(false));
    assertThat(InputFormat.isJsonDocument("x.ndjson", array, array.length, ""), is(false));
    assertThat(InputFormat.isJsonDocument("x.data", array, array.length, ""), is(true));
  }
  private static boolean page(String name, String s, String recordsPath) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return InputFormat.isJsonDocument(name, b, b.length, recordsPath);
  }

  @Test
  void aOneLineApiPageIsADocumentWhenItsRecordsPathIsGiven() {
    String newsApi = "{\"status\":\"ok\",\"totalResults\":2,\"articles\" : [{\"content\":\"a\"}]}";
    assertThat(page("page.json", newsApi, "articles"), is(true));
    assertThat(page("pages.jsonl", newsApi + "\n" + newsApi + "\n", "articles"), is(true));
    assertThat(page("page.json", newsApi, ""), is(false));
    assertThat(page("page.json", newsApi, "results"), is(false));
    // the path's last key decides; the pretty-printed and array rules still hold
    assertThat(page("g.json", "{\"response\":{\"status\":\"ok\",\"results\":[]}}", "response.results"), is(true));
    assertThat(page("x.json", "[{\"text\": \"a\"}]", "articles"), is(true));
    // JSON Lines of articles: the key as a value, escaped inside a string, or not an array
    assertThat(page("a.json", "{\"text\":\"articles\"}\n", "articles"), is(false));
    assertThat(page("a.json", "{\"text\":\"see \\\"articles\\\": [1]\"}\n", "articles"), is(false));
    assertThat(page("a.json", "{\"articles\": 3}\n", "articles"), is(false));
    // only the first line counts
    assertThat(page("a.json", "{\"text\":\"x\"}\n{\"articles\":[]}\n", "articles"), is(false));
  }
}
