package io.kiln.db;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Makes what has been committed survive a kill of the process, for many callers with one write:
 * the embedded database commits to memory and writes in the background (writing on every commit
 * costs a store of the whole change set each time, and took two thirds of the throughput of small
 * jobs). A caller that must not answer before its commit is safe calls {@link #await}; the first
 * waiter runs one {@code CHECKPOINT} for everyone who arrived before it began, later arrivals wait
 * for the next one.
 */
public final class GroupCommit {

    private final DataSource dataSource;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private long requested;
    private long done;
    private boolean writing;

    public GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns once every commit made before this call is on disk. */
    public void await() {
        long target;
        lock.lock();
        try {
            long ticket = ++requested;
            while (true) {
                if (done >= ticket) {
                    return;
                }
                if (!writing) {
                    writing = true;
                    target = requested;
                    break;
                }
                written.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        boolean ok = false;
        try {
            new Sql(dataSource).update("CHECKPOINT");
            ok = true;
        } finally {
            lock.lock();
            try {
                writing = false;
                if (ok) {
                    done = Math.max(done, target);
                }
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
