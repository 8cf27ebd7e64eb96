package org.newsstance.io;

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
 * retry, or when the entry was evicted. Bounded: at most {@link #CAPACITY} files; parking one more
 * closes the longest-parked. The DirectRunner resumes every file it reads at once in turn, so with
 * more large files than that in one run, resumptions re-read their files (slower, same result);
 * this is logged once. Thread-safe.
 */
final class OpenFileCache {
  /**
   * Parked files at most. A parked file holds its read buffers (about 0.2 MB; up to 4 MB for a
   * {@code .bz2}) and one file descriptor.
   */
  static final int CAPACITY = 64;

  private static final Logger LOG = LoggerFactory.getLogger(OpenFileCache.class);

  /** Where a parked file resumes. */
  record Key(String readId, String path, String name, long position) {}

  /** In parking order; guarded by itself. */
  private static final LinkedHashMap<Key, FileRecords> PARKED = new LinkedHashMap<>();

  private static boolean evictionLogged;

  private OpenFileCache() {}

  /** The file parked at exactly this key, now owned by the caller; null when there is none. */
  static FileRecords take(Key key) {
    synchronized (PARKED) {
      return PARKED.remove(key);
    }
  }

  /** Parks an open file for a resumption at {@code key}; may close the longest-parked one. */
  static void park(Key key, FileRecords file) {
    FileRecords evicted = null;
    FileRecords replaced;
    boolean log = false;
    synchronized (PARKED) {
      replaced = PARKED.put(key, file);
      if (PARKED.size() > CAPACITY) {
        Iterator<FileRecords> eldest = PARKED.values().iterator();
        evicted = eldest.next();
        eldest.remove();
        log = !evictionLogged;
        evictionLogged = true;
      }
    }
    if (replaced != null) {
      replaced.close();
    }
    if (evicted != null) {
      evicted.close();
    }
    if (log) {
      LOG.info(
          "More than {} input files are being read at once; files resumed later are re-read from"
              + " their start (same result, more time). Fewer, larger files, or Flink, avoid this.",
          CAPACITY);
    }
  }

  /** Closes and forgets every file parked by this read. */
  static void closeAll(String readId) {
    List<FileRecords> closing = new ArrayList<>();
    synchronized (PARKED) {
      Iterator<Map.Entry<Key, FileRecords>> it = PARKED.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Key, FileRecords> e = it.next();
        if (e.getKey().readId().equals(readId)) {
          closing.add(e.getValue());
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
}
