package org.newsstance.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trie over token keys holding every phrase of every lexicon, so that one pass over a
 * sentence's tokens finds all phrases of all dimensions and modifiers. Keys are produced by
 * {@link TokenNormalizer}; {@code <num>} matches any number, {@code *} skips 0 to {@link
 * TokenNormalizer#MAX_GAP} tokens (never a clause punctuation token), and a word written
 * {@code =word} matches only that exact lower-case form (e.g. {@code =rose}, not {@code rise}).
 *
 * <p>Built once, then read-only: safe to share between threads.
 */
final class PhraseTrie {

  /** A phrase found in a sentence: token span [start, end] inclusive. */
  record Match(int start, int end, LexiconEntry entry) {
    boolean overlaps(Match o) {
      return start <= o.end && o.start <= end;
    }

    boolean contains(Match o) {
      return start <= o.start && o.end <= end && (end - start) > (o.end - o.start);
    }
  }

  private static final class Node {
    final Map<String, Node> children = new HashMap<>(4);
    final List<LexiconEntry> entries = new ArrayList<>(1);
  }

  private final Node root = new Node();
  private int size;

  void add(List<String> keys, LexiconEntry entry) {
    if (keys.isEmpty() || keys.get(0).equals(TokenNormalizer.GAP)
        || keys.get(keys.size() - 1).equals(TokenNormalizer.GAP)) {
      throw new IllegalArgumentException(
          entry.source() + ": phrase '" + entry.phrase()
              + "' is empty or starts/ends with the gap '*'; put '*' only between words");
    }
    Node n = root;
    for (String k : keys) {
      n = n.children.computeIfAbsent(k, x -> new Node());
    }
    // Inflections collapse to one key ("ally", "allies"): keep one row per dimension and kind,
    // the one with the largest weight.
    for (int i = 0; i < n.entries.size(); i++) {
      LexiconEntry e = n.entries.get(i);
      if (e.dimension() == entry.dimension() && e.kind() == entry.kind()) {
        if (entry.weight() > e.weight()) {
          n.entries.set(i, entry);
        }
        return;
      }
    }
    n.entries.add(entry);
    size++;
  }

  int size() {
    return size;
  }

  /** The keys that can start a phrase (for the cheap pre-filter). */
  Iterable<String> firstKeys() {
    return root.children.keySet();
  }

  /** All matches of all phrases, ordered by start then end. */
  List<Match> findAll(String[] keys, String[] exact, boolean[] numeric, boolean[] clausePunct) {
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      walk(root, i, i, keys, exact, numeric, clausePunct, out);
    }
    return out;
  }

  private void walk(
      Node node, int start, int pos, String[] keys, String[] exact, boolean[] numeric,
      boolean[] punct, List<Match> out) {
    if (node != root) {
      for (LexiconEntry e : node.entries) {
        out.add(new Match(start, pos - 1, e));
      }
    }
    if (pos >= keys.length) {
      return;
    }
    step(node, start, pos, keys, exact, numeric, punct, out);
    Node gap = node == root ? null : node.children.get(TokenNormalizer.GAP);
    if (gap != null) {
      // The gap node has no entries of its own; try its children after skipping 0..MAX_GAP tokens.
      for (int skip = 0; skip <= TokenNormalizer.MAX_GAP && pos + skip < keys.length; skip++) {
        if (skip > 0 && punct[pos + skip - 1]) {
          break;
        }
        step(gap, start, pos + skip, keys, exact, numeric, punct, out);
      }
    }
  }

  /** Follows the children of {@code node} that accept the token at {@code pos}. */
  private void step(
      Node node, int start, int pos, String[] keys, String[] exact, boolean[] numeric,
      boolean[] punct, List<Match> out) {
    Node next = node.children.get(keys[pos]);
    if (next != null) {
      walk(next, start, pos + 1, keys, exact, numeric, punct, out);
    }
    Node ex = node.children.get(exact[pos]);
    if (ex != null && ex != next) {
      walk(ex, start, pos + 1, keys, exact, numeric, punct, out);
    }
    if (numeric[pos]) {
      Node num = node.children.get(TokenNormalizer.NUM);
      if (num != null) {
        walk(num, start, pos + 1, keys, exact, numeric, punct, out);
      }
    }
  }
}
