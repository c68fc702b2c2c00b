package io.kiln.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes of a cluster when a job ends, over PostgreSQL's {@code LISTEN/NOTIFY}: a
 * long-poll held on one node is answered as soon as another node's worker ends its job (or a node
 * deletes it), not when its wait runs out. Each end on this node is announced on one channel; one
 * connection per node listens and wakes the local waiters of the job named. A lost listening
 * connection is opened again; what ended meanwhile is answered when those waits run out, as before.
 */
public final class ClusterJobNotices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobNotices.class);
    static final String CHANNEL = "kiln_job_ended";
    private static final int LISTEN_MILLIS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final JobEvents events;
    private final Thread listener;
    private volatile boolean closed;

    /** Announces every job end of {@code events} and wakes its waiters for ends announced by other nodes. */
    public ClusterJobNotices(DataSource dataSource, JobEvents events) {
        this.dataSource = dataSource;
        this.events = events;
        events.onEnd(job -> announce(job.key()));
        this.listener = Thread.ofPlatform().daemon().name("kiln-cluster-notices").start(this::listen);
    }

    private void announce(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, key);
            notify.execute();
        } catch (SQLException e) {
            LOG.warn("could not tell the other nodes that job {} ended: {}", key, e.getMessage());
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notices = pg.getNotifications(LISTEN_MILLIS);
                    if (notices != null) {
                        for (PGNotification n : notices) {
                            events.endedElsewhere(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    LOG.warn("listening for other nodes' job ends failed; again in {} s: {}",
                            RECONNECT_PAUSE.toSeconds(), e.getMessage());
                    try {
                        Thread.sleep(RECONNECT_PAUSE);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.join(Duration.ofMillis(LISTEN_MILLIS * 4L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
