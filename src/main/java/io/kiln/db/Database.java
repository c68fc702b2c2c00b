package io.kiln.db;

import com.zaxxer.hikari.HikariConfig;
import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.kiln.error.Outages;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the connection pool and brings the schema up to date. */
public final class Database implements AutoCloseable {

    /**
     * How long a caller waits for a connection before the request is answered 503: short, because
     * a database that cannot hand one out within this is down or swamped, and a client is better
     * told to come back than held (Hikari's own default is 30 s).
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** The longest a health check of the database may take, so {@code /ready} answers in time. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final ExecutorService health = Executors.newVirtualThreadPerTaskExecutor();

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.dataSource = new FailFastDataSource(pool);
    }

    /** Opens the pool and migrates the schema, or fails at once. */
    public static Database open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, Duration.ZERO);
    }

    /**
     * Opens the pool and migrates the schema, waiting up to {@code wait} for a database that cannot
     * be reached yet (one line logged per try).
     *
     * @throws Unreachable with a one-line reason when it still cannot be reached after {@code wait}
     */
    public static Database open(String url, String user, String password, int poolSize, Duration wait) {
        return open(url, user, password, poolSize, wait, null);
    }

    /** As {@link #open(String, String, String, int, Duration)}, the pool's figures on {@code meters} (null: none). */
    public static Database open(String url, String user, String password, int poolSize, Duration wait,
                                MeterRegistry meters) {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                return openOnce(url, user, password, poolSize, meters);
            } catch (RuntimeException e) {
                String reason = reason(e);
                if (!isUnreachable(e)) {
                    throw e;
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new Unreachable("the database " + redacted(url) + " cannot be reached: " + reason
                            + " (waited " + wait.toSeconds() + " s; --db-wait sets how long)", e);
                }
                LOG.warn("the database {} cannot be reached yet ({}); trying again in {} ms", redacted(url), reason,
                        pause.toMillis());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
            }
        }
    }

    private static Database openOnce(String url, String user, String password, int poolSize, MeterRegistry meters) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (!user.isEmpty()) {
            hc.setUsername(user);
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("kiln-db");
        hc.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hc.setValidationTimeout(Math.min(1000, CONNECTION_TIMEOUT.toMillis() / 2));
        hc.setExceptionOverrideClassName(EvictClosedDatabase.class.getName());
        if (meters != null) {
            hc.setMetricRegistry(meters); // hikaricp_connections_{active,idle,pending,…}
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    /**
     * Discards a pooled connection to an embedded H2 that closed after a failed write (a full disk):
     * Hikari evicts on SQL state class 08 only, and H2 reports a closed database otherwise, so every
     * later statement would fail until a restart. The next connection opens the database again.
     */
    public static final class EvictClosedDatabase implements SQLExceptionOverride {
        @java.lang.Override
        public Override adjudicate(SQLException e) {
            return Outages.isH2Closed(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        }
    }

    /** A database that is down, refusing connections or unknown: waiting may help, unlike a bad password. */
    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (Outages.isConnectionLost(sql) || "57P03".equals(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: what actually went wrong, in one line. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    /** The URL without anything after '?' or ';' (credentials may be there). */
    private static String redacted(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while waiting for the database", e);
        }
    }

    /** A database that could not be reached within the start's wait. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether a connection can be had and answers, decided within {@link #HEALTH_TIMEOUT}. */
    public boolean isHealthy() {
        Callable<Boolean> check = () -> {
            try (var c = dataSource.getConnection()) {
                return c.isValid(1);
            }
        };
        Future<Boolean> answer = health.submit(check);
        try {
            return answer.get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            answer.cancel(true);
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        health.shutdownNow();
    }
}
