package dev.clarity.runner.local;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per workspace id, held as a scoped handle, so steps of one workspace never overlap. Thread-safe. */
final class WorkspaceLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    Held hold(String workspaceId) {
        ReentrantLock lock = locks.computeIfAbsent(workspaceId, k -> new ReentrantLock());
        lock.lock();
        return new Held(lock);
    }

    /** Releases the workspace when closed. */
    record Held(ReentrantLock lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.unlock();
        }
    }
}
