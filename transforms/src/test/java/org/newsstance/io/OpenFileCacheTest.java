package org.newsstance.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenFileCache} hands a parked file to the resumption at exactly its index, once; when
 * full it turns newcomers away (closing them) rather than evicting recently parked files, and a
 * read's teardown closes what it left parked.
 */
class OpenFileCacheTest {
  private final AtomicInteger closed = new AtomicInteger();

  private FileRecords file() {
    return FileRecords.open(
        "f", () -> new FileRecords.Opened(() -> null, closed::incrementAndGet));
  }

  @Test
  void aParkedFileIsTakenOnceAndOnlyAtItsIndex() {
    String read = UUID.randomUUID().toString();
    FileRecords f = file();
    OpenFileCache.park(new OpenFileCache.Key(read, "p", "n", 7), f);
    assertNull(OpenFileCache.take(new OpenFileCache.Key(read, "p", "n", 6)));
    assertNull(OpenFileCache.take(new OpenFileCache.Key("other", "p", "n", 7)));
    assertSame(f, OpenFileCache.take(new OpenFileCache.Key(read, "p", "n", 7)));
    assertNull(OpenFileCache.take(new OpenFileCache.Key(read, "p", "n", 7)));
    assertEquals(0, closed.get());
  }

  @Test
  void whenFullNewcomersAreClosedAndTheParkedStay() {
    String read = UUID.randomUUID().toString();
    List<FileRecords> parked = new ArrayList<>();
    int room = OpenFileCache.CAPACITY - OpenFileCache.size(); // other tests may have parked some
    for (int i = 0; i < room; i++) {
      FileRecords f = file();
      parked.add(f);
      OpenFileCache.park(new OpenFileCache.Key(read, "p" + i, "n", 1), f);
    }
    assertEquals(room, OpenFileCache.parked(read));
    OpenFileCache.park(new OpenFileCache.Key(read, "late", "n", 1), file());
    assertEquals(1, closed.get(), "the newcomer was closed");
    assertNull(OpenFileCache.take(new OpenFileCache.Key(read, "late", "n", 1)));
    assertSame(parked.get(0), OpenFileCache.take(new OpenFileCache.Key(read, "p0", "n", 1)));

    OpenFileCache.closeAll(read);
    assertEquals(0, OpenFileCache.parked(read));
    assertEquals(room, closed.get(), "teardown closed the ones still parked, and the newcomer");
    assertTrue(parked.get(1).peek() == null, "a closed file yields nothing more");
  }
}
