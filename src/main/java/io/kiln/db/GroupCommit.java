package io.kiln.db;

import io.kiln.error.Outages;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Makes what has been committed survive a kill of the process, for many callers with one write:
 * the embedded database commits to memory and writes in the background (writing on every commit
 * costs a store of the whole change set each time, and took two thirds of the throughput of small
 * jobs). A caller that must not answer before its commit is safe calls {@link #await}; the first
 * waiter runs one {@code CHECKPOINT} for everyone who arrived before it began, later arrivals wait
 * for the next one.
 *
 * <p>{@code CHECKPOINT} alone is not enough: when H2's background writer has already taken the
 * changes into a store of its own, the checkpoint finds nothing unsaved and returns while that store
 * is still being serialized and written on H2's executor threads, and a kill then loses commits that
 * were answered as safe (the crash storm lost 9 of 562 accepted jobs so). So after it, the writer's
 * queue is drained through {@code MVStore.executeFilestoreOperation}, H2's own barrier for file
 * operations; SQL offers none, hence the internal API.
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

    /** Stores what is committed and waits until every store under way has reached the file. */
    private void checkpoint() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            session.getDatabase().getStore().getMvStore().executeFilestoreOperation(() -> { });
        } catch (SQLException e) {
            throw Outages.of(e).<RuntimeException>map(o -> o).orElseGet(() -> new DatabaseException("CHECKPOINT", e));
        } catch (RuntimeException e) { // the store's own failure (a full disk) arrives unwrapped
            throw Outages.of(e).<RuntimeException>map(o -> o).orElse(e);
        }
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
            checkpoint();
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
