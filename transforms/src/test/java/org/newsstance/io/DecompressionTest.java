package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class DecompressionTest {
  private static final String LINES = "{\"text\":\"a\"}\n".repeat(5000); // 65 KB, several reads

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static InputStream open(String path, byte[] bytes) throws IOException {
    return Channels.newInputStream(
        Decompression.open(path, Channels.newChannel(new ByteArrayInputStream(bytes))));
  }

  /** Everything read before the stream failed, and the failure. */
  private record Outcome(String text, IOException error) {}

  private static Outcome readAll(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
      return new Outcome(out.toString(StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      return new Outcome(out.toString(StandardCharsets.UTF_8), e);
    }
  }

  @Test
  void membersAreReadOneAfterAnother() throws IOException {
    Outcome o = readAll(open("a.jsonl.gz", concat(gzip(LINES), gzip("x\n"))));
    assertThat(o.error(), is((IOException) null));
    assertThat(o.text(), is(LINES + "x\n"));
  }

  @Test
  void trailingZerosAreIgnored() throws IOException {
    Outcome o = readAll(open("a.jsonl.gz", concat(gzip(LINES), new byte[1000])));
    assertThat(o.error(), is((IOException) null));
    assertThat(o.text(), is(LINES));
  }

  @Test
  void trailingGarbageFailsOnlyAfterEverythingBeforeItWasRead() throws IOException {
    byte[] data = gzip(LINES);
    Outcome o = readAll(open("a.jsonl.gz", concat(data, "junk".getBytes(StandardCharsets.UTF_8))));
    assertThat(o.text(), is(LINES));
    assertThat(o.error().getMessage(), containsString("byte offset " + data.length));
    assertThat(o.error().getMessage(), containsString("trailing garbage"));
  }

  @Test
  void aGzFileThatIsNotCompressedIsReadAsItIs() throws IOException {
    assertThat(readAll(open("a.jsonl.gz", LINES.getBytes(StandardCharsets.UTF_8))).text(), is(LINES));
    assertThat(readAll(open("a.jsonl.gz", new byte[0])).text(), is(""));
  }

  @Test
  void aTruncatedMemberFailsAfterWhatItHeld() throws IOException {
    byte[] data = gzip(LINES);
    byte[] cut = java.util.Arrays.copyOf(data, data.length - 20);
    Outcome o = readAll(open("a.jsonl.gz", cut));
    assertThat(o.error() != null, is(true));
    assertThat(LINES.startsWith(o.text()), is(true));
  }

  @Test
  void aCompressionWithoutItsLibraryIsAnIOExceptionSayingWhatToDo() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> readAll(open("a.jsonl.zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})));
    assertThat(e.getMessage(), containsString("zstd -d"));
  }
}
