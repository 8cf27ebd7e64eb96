package org.newsstance.nlp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Near-duplicate fingerprints of cleaned article text: word shingles summarised by MinHash, cut
 * into LSH bands. Plain Java, no state: every method is a pure function of its arguments, so a
 * text has the same signature on every JVM and runner.
 *
 * <ul>
 *   <li><b>Tokens</b>: maximal runs of letters or digits, lower-cased ({@link Character} rules, no
 *       regular expression). Punctuation, case and white space do not matter.
 *   <li><b>Shingles</b>: every run of {@link #SHINGLE_WORDS} consecutive tokens, hashed to 64 bits.
 *   <li><b>Signature</b>: one-permutation MinHash: each shingle hash falls into one of {@link
 *       #HASHES} bins by its top bits and each bin keeps its minimum; empty bins are filled by
 *       rotation densification. The share of equal positions of two signatures estimates the
 *       Jaccard similarity of their shingle sets.
 *   <li><b>Bands</b>: {@link #BANDS} bands of {@link #ROWS} positions; two texts become candidates
 *       when at least one band is identical. At Jaccard 0.7 that happens with probability 0.988,
 *       at 0.3 with 0.12, at 0.1 with 0.002.
 * </ul>
 *
 * <p>A text with fewer than {@link #MIN_SHINGLES} shingles gets no signature (an empty array): it
 * is too short to judge, and the exact rules still apply to it.
 */
public final class MinHash {
  public static final int SHINGLE_WORDS = 4;
  public static final int HASHES = 64;
  public static final int BANDS = 16;
  public static final int ROWS = HASHES / BANDS;
  public static final int MIN_SHINGLES = 8;

  /**
   * Two texts whose estimated Jaccard similarity is at least this are near-duplicates. A trimmed
   * last paragraph, a handful of changed words or a different headline stay well above it (0.8 to
   * 1.0); two articles on the same topic share few 4-word sequences (below 0.15).
   */
  public static final double THRESHOLD = 0.7;

  private static final HexFormat HEX = HexFormat.of();
  private static final int BIN_BITS = 6; // 2^6 = HASHES bins
  private static final long VALUE_MASK = (1L << (64 - BIN_BITS)) - 1;
  private static final long DENSIFY_OFFSET = 1L << (64 - BIN_BITS);

  private MinHash() {}

  /** The signature of the text, or an empty array when the text is too short. */
  public static int[] signature(String text) {
    long[] tokens = tokenHashes(text);
    int shingles = tokens.length - SHINGLE_WORDS + 1;
    if (shingles < MIN_SHINGLES) {
      return new int[0];
    }
    // One-permutation hashing: each shingle hash falls into one of HASHES bins (its top bits)
    // and only the bin's minimum is kept, so a shingle costs one hash, not HASHES of them.
    long[] min = new long[HASHES];
    Arrays.fill(min, Long.MAX_VALUE);
    for (int i = 0; i < shingles; i++) {
      long h = 0;
      for (int j = 0; j < SHINGLE_WORDS; j++) {
        h = mix(h * 31 + tokens[i + j]);
      }
      int bin = (int) (h >>> (64 - BIN_BITS));
      long v = h & VALUE_MASK;
      if (v < min[bin]) {
        min[bin] = v;
      }
    }
    // Rotation densification (Shrivastava and Li, 2014): an empty bin borrows the value of the
    // next non-empty bin to its right, offset by the distance, so equal positions still estimate
    // the Jaccard similarity when a short text leaves bins empty.
    long[] dense = new long[HASHES];
    for (int k = 0; k < HASHES; k++) {
      int d = 0;
      while (min[(k + d) % HASHES] == Long.MAX_VALUE) {
        d++;
      }
      dense[k] = d == 0 ? min[k] : min[(k + d) % HASHES] + d * DENSIFY_OFFSET;
    }
    min = dense;
    int[] sig = new int[HASHES];
    for (int k = 0; k < HASHES; k++) {
      sig[k] = (int) (mix(min[k]) >>> 32);
    }
    return sig;
  }

  /** Estimated Jaccard similarity: the share of equal positions; 0 if either is empty. */
  public static double similarity(int[] a, int[] b) {
    if (a.length != HASHES || b.length != HASHES) {
      return 0;
    }
    int same = 0;
    for (int k = 0; k < HASHES; k++) {
      if (a[k] == b[k]) {
        same++;
      }
    }
    return same / (double) HASHES;
  }

  public static boolean nearDuplicates(int[] a, int[] b) {
    return similarity(a, b) >= THRESHOLD;
  }

  /**
   * The band keys of a signature: {@code <band>:<16 hex digits>}, one per band; none for an empty
   * signature. Equal keys mean an identical band.
   */
  public static String[] bandKeys(int[] sig) {
    if (sig.length != HASHES) {
      return new String[0];
    }
    String[] keys = new String[BANDS];
    for (int b = 0; b < BANDS; b++) {
      keys[b] = b + ":" + HEX.toHexDigits(bandHash(sig, b));
    }
    return keys;
  }

  /** Whether the two signatures share a band below {@code band}: then that band reported them. */
  public static boolean shareEarlierBand(int[] a, int[] b, int band) {
    for (int x = 0; x < band; x++) {
      if (sameBand(a, b, x)) {
        return true;
      }
    }
    return false;
  }

  static boolean sameBand(int[] a, int[] b, int band) {
    for (int r = band * ROWS; r < (band + 1) * ROWS; r++) {
      if (a[r] != b[r]) {
        return false;
      }
    }
    return true;
  }

  /** The hash of one band of a signature: equal for identical bands (the key of {@link #bandKeys}). */
  public static long bandHash(int[] sig, int band) {
    long h = band;
    for (int r = band * ROWS; r < (band + 1) * ROWS; r++) {
      h = mix(h * 0x100000001B3L + sig[r]);
    }
    return h;
  }

  /** 64-bit hashes of the lower-cased letter-or-digit runs of the text, in order. */
  static long[] tokenHashes(String text) {
    long[] out = new long[Math.max(16, text.length() / 5)];
    int n = 0;
    long h = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        h = (h ^ Character.toLowerCase(cp)) * 0x100000001B3L;
        if (!inToken) {
          inToken = true;
        }
      } else if (inToken) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = mix(h);
        h = 0;
        inToken = false;
      }
    }
    if (inToken) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n + 1);
      }
      out[n++] = mix(h);
    }
    return Arrays.copyOf(out, n);
  }

  /** The signature as bytes (four per value, big-endian), for a compact deterministic coder. */
  public static byte[] toBytes(int[] sig) {
    byte[] b = new byte[sig.length * 4];
    for (int i = 0; i < sig.length; i++) {
      b[4 * i] = (byte) (sig[i] >>> 24);
      b[4 * i + 1] = (byte) (sig[i] >>> 16);
      b[4 * i + 2] = (byte) (sig[i] >>> 8);
      b[4 * i + 3] = (byte) sig[i];
    }
    return b;
  }

  public static int[] fromBytes(byte[] b) {
    int[] sig = new int[b.length / 4];
    for (int i = 0; i < sig.length; i++) {
      sig[i] =
          (b[4 * i] & 0xFF) << 24
              | (b[4 * i + 1] & 0xFF) << 16
              | (b[4 * i + 2] & 0xFF) << 8
              | (b[4 * i + 3] & 0xFF);
    }
    return sig;
  }

  /** SplitMix64's finaliser: a fast, well-mixed 64-bit bijection. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
