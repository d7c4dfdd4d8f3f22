package dev.wscheck.history;

import dev.wscheck.WscheckException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps two runs sharing a history from overlapping (contract §7). The lock is an operating-system
 * lock on {@code DIR/.lock} (fcntl on Unix, LockFileEx on Windows), so it is released whenever its
 * holder ends, however it ends: a lock left by a process that is gone (killed, crashed, power cut)
 * is simply taken over, and no PID has to be trusted. The holder writes its PID into the file,
 * only so that the second run can name it.
 *
 * <p>The locked byte lies far beyond the PID text: on Windows a locked range cannot be read by
 * another process, and the PID must stay readable.
 */
public final class HistoryLock implements AutoCloseable {
    static final String FILE = ".lock";
    private static final long LOCKED_BYTE = 1L << 40;

    /**
     * Folders this process holds. Checked before the lock file is opened: on POSIX systems closing
     * any descriptor of a file drops every lock the process has on it, so a second run inside the
     * same JVM (tests, a future serve) must not even open it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private HistoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at once, or fails with one line naming the holder's PID. */
    public static HistoryLock acquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw busy(dir, Long.toString(ProcessHandle.current().pid()));
        }
        try {
            return open(dir, key);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static WscheckException busy(Path dir, String holder) {
        return new WscheckException("--history " + dir + ": another wscheck run (PID " + holder + ") is using this history; "
                + "this run did not start");
    }

    private static HistoryLock open(Path dir, Path key) {
        Path file = dir.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WscheckException("--history " + dir + ": cannot open the lock file: " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = ch.tryLock(LOCKED_BYTE, 1, false);
        } catch (IOException e) {
            close(ch);
            throw new WscheckException("--history " + dir + ": cannot lock: " + e.getMessage());
        }
        if (lock == null) {
            String holder = holder(ch);
            close(ch);
            throw busy(dir, holder);
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            // the lock holds; only the PID shown to a second run is missing
        }
        return new HistoryLock(key, ch, lock);
    }

    /** The PID in the lock file; the holder writes it right after locking, so a moment is allowed for it. */
    private static String holder(FileChannel ch) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                ByteBuffer b = ByteBuffer.allocate(32);
                int n = ch.read(b, 0);
                String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
                if (text.matches("\\d+")) {
                    return text;
                }
                Thread.sleep(10);
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "unknown";
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        close(channel);
        HELD.remove(key);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
