package org.newsstance.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryBodyTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void knownSignaturesAreBinary() {
    assertThat(BinaryBody.looksBinary(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0)), is(true));
    assertThat(BinaryBody.looksBinary(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F')), is(true));
    assertThat(BinaryBody.looksBinary(utf8("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj")), is(true));
    assertThat(BinaryBody.looksBinary(utf8("GIF89a")), is(true));
    assertThat(BinaryBody.looksBinary(bytes('P', 'K', 3, 4, 20, 0)), is(true));
    assertThat(BinaryBody.looksBinary(bytes(0x1F, 0x8B, 0x08, 0)), is(true));
    assertThat(BinaryBody.looksBinary(utf8("RIFF\u0010\u0020\u0000\u0000WEBPVP8 ")), is(true));
    assertThat(BinaryBody.looksBinary(bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm')), is(true));
  }

  @Test
  void htmlAndTextAreNot() {
    assertThat(BinaryBody.looksBinary(utf8("<!doctype html><html><body><p>NATO</p></body></html>")), is(false));
    assertThat(BinaryBody.looksBinary(utf8("\uFEFF<html>Caf\u00e9 \u2019quotes\u2019</html>")), is(false));
    assertThat(BinaryBody.looksBinary(new byte[0]), is(false));
    // plain text served as HTML, starting like a signature word
    assertThat(BinaryBody.looksBinary(utf8("BMW and ID3 are words; GIF is too.")), is(false));
    // windows-1252 bytes are text
    assertThat(BinaryBody.looksBinary(bytes('<', 'p', '>', 0x93, 'q', 0x94, 0xE9, '<', '/', 'p', '>')), is(false));
    // UTF-16 with a byte-order mark holds NUL bytes and is text
    assertThat(BinaryBody.looksBinary("\uFEFF<html>NATO</html>".getBytes(StandardCharsets.UTF_16BE)), is(false));
    assertThat(BinaryBody.looksBinary(bytes(0xFF, 0xFE, '<', 0, 'p', 0, '>', 0)), is(false));
  }

  @Test
  void aStrayControlCharacterIsTextButNulOrManyAreNot() {
    String page = "<html><body><p>" + "Allies met in Brussels. ".repeat(40) + "</p></body></html>";
    // a vertical tab from a word processor, an escape: still text
    assertThat(BinaryBody.looksBinary(utf8(page.replaceFirst("met", "met\u000b"))), is(false));
    assertThat(BinaryBody.looksBinary(utf8(page.replaceFirst("met", "met\u001b"))), is(false));
    // one NUL byte: binary
    assertThat(BinaryBody.looksBinary(utf8(page.replaceFirst("met", "met\u0000"))), is(true));
    // control bytes in more than one byte in a hundred of the head: binary
    assertThat(BinaryBody.looksBinary(utf8(page.replace("Allies", "\u0001\u0002llies"))), is(true));
  }
}
