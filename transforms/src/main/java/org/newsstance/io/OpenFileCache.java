package org.newsstance.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files left open between two chunks of {@link ReadArticles}' splittable read, shared by the whole
 * JVM, so that a resumption on the same JVM continues the open file instead of re-reading it from
 * its start. An entry is keyed by the read (one id per {@code ReadArticles} expansion), the file
 * and the index of its next outcome: only a resumption at exactly that index can take it, and
 * taking removes it, so a parked file has one owner at a time.
 *
 * <p>This is a cache, not state: every resumption is also correct without it ({@link
 * FileRecords#skipTo} re-reads from scratch), which is what happens on another worker, after a
 * retry, or when the entry was dropped. Bounded: at most {@link #CAPACITY} files. When it is full,
 * a file parked longer than {@link #STALE} (its resumption is not coming: a failed bundle) makes
 * room; otherwise the newcomer is closed instead. The DirectRunner resumes every file it reads at
 * once in turn, and under that round robin evicting the oldest would make every resumption miss,
 * whereas turning newcomers away keeps {@link #CAPACITY} files hitting. Files that miss are
 * re-read up to their position (slower, same result); this is logged once. Thread-safe.
 */
final class OpenFileCache {
  /**
   * Parked files at most. A parked file holds its read buffers (about 0.2 MB; up to 4 MB for a
   * {@code .bz2}) and one file descriptor.
   */
  static final int CAPACITY = 64;

  /** A file parked this long is taken for abandoned when room is needed. */
  static final Duration STALE = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(OpenFileCache.class);

  /**
   * Where a parked file resumes: the read, the file, the chunk of it ({@link
   * FileChunk#startOffset()}, 0 for a whole file) and the index of the next outcome in the chunk.
   */
  record Key(String readId, String path, String name, long chunkStart, long position) {
    /** The key of a whole file. */
    Key(String readId, String path, String name, long position) {
      this(readId, path, name, 0, position);
    }
  }

  private record Parked(FileRecords file, long nanos) {}

  /** In parking order; guarded by itself. */
  private static final LinkedHashMap<Key, Parked> PARKED = new LinkedHashMap<>();

  private static boolean fullLogged;

  private OpenFileCache() {}

  /** The file parked at exactly this key, now owned by the caller; null when there is none. */
  static FileRecords take(Key key) {
    synchronized (PARKED) {
      Parked p = PARKED.remove(key);
      return p == null ? null : p.file();
    }
  }

  /**
   * Parks an open file for a resumption at {@code key}, or closes it when the cache is full of
   * files parked recently; may close a stale one.
   */
  static void park(Key key, FileRecords file) {
    List<FileRecords> closing = new ArrayList<>();
    boolean log = false;
    long now = System.nanoTime();
    synchronized (PARKED) {
      Parked replaced = PARKED.remove(key);
      if (replaced != null) {
        closing.add(replaced.file());
      }
      if (PARKED.size() >= CAPACITY) {
        Iterator<Parked> eldest = PARKED.values().iterator();
        Parked oldest = eldest.next();
        if (now - oldest.nanos() > STALE.toNanos()) {
          eldest.remove();
          closing.add(oldest.file());
        }
      }
      if (PARKED.size() < CAPACITY) {
        PARKED.put(key, new Parked(file, now));
      } else {
        closing.add(file);
        log = !fullLogged;
        fullLogged = true;
      }
    }
    closing.forEach(FileRecords::close);
    if (log) {
      LOG.info(
          "More than {} input files are being read at once; the others are re-read up to their"
              + " position each time they resume (same result, more time). Fewer, larger files,"
              + " or Flink, avoid this.",
          CAPACITY);
    }
  }

  /** Closes and forgets every file parked by this read. */
  static void closeAll(String readId) {
    List<FileRecords> closing = new ArrayList<>();
    synchronized (PARKED) {
      Iterator<Map.Entry<Key, Parked>> it = PARKED.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Key, Parked> e = it.next();
        if (e.getKey().readId().equals(readId)) {
          closing.add(e.getValue().file());
          it.remove();
        }
      }
    }
    closing.forEach(FileRecords::close);
  }

  /** Files parked by this read; for tests. */
  static int parked(String readId) {
    synchronized (PARKED) {
      return (int) PARKED.keySet().stream().filter(k -> k.readId().equals(readId)).count();
    }
  }

  /** Files parked by every read; for tests. */
  static int size() {
    synchronized (PARKED) {
      return PARKED.size();
    }
  }
}
