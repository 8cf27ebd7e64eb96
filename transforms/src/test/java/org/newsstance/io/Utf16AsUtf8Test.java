package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** UTF-16 exports (Excel's "Unicode Text") are read as the UTF-8 the readers expect. */
class Utf16AsUtf8Test {
  private static String viaView(byte[] bytes) throws IOException {
    try (InputStream in = Utf16AsUtf8.view(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] withMark(String text, Charset charset, byte... mark) {
    byte[] body = text.getBytes(charset);
    byte[] out = new byte[mark.length + body.length];
    System.arraycopy(mark, 0, out, 0, mark.length);
    System.arraycopy(body, 0, out, mark.length, body.length);
    return out;
  }

  @Test
  void littleAndBigEndianWithAMarkBecomeUtf8WithoutIt() throws IOException {
    // 8,191 characters first, so that the emoji's surrogate pair straddles the 8,192-char buffer
    String text = "title\ttext\n" + "x".repeat(8180) + "\uD83D\uDE00 Allies \u00e9t\u00e9\n";
    assertThat(viaView(withMark(text, StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE)), is(text));
    assertThat(viaView(withMark(text, StandardCharsets.UTF_16BE, (byte) 0xFE, (byte) 0xFF)), is(text));
  }

  @Test
  void aStreamWithoutTheMarkIsReturnedAsItIs() throws IOException {
    BufferedInputStream in =
        new BufferedInputStream(new ByteArrayInputStream("{\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(Utf16AsUtf8.view(in), sameInstance(in));
  }

  @Test
  void anUnpairedSurrogateAtTheEndBecomesTheReplacementCharacter() throws IOException {
    byte[] bytes = withMark("ok\uD83D", StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE);
    assertThat(viaView(bytes), is("ok\uFFFD"));
  }
}
