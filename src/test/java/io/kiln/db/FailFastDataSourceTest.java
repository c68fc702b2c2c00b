package io.kiln.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** After the pool fails to hand out a connection, callers are refused at once for a moment, then it is tried again. */
class FailFastDataSourceTest {

    /** A pool whose database is down: each call waits its timeout (here none) and fails. */
    private static final class DownPool implements DataSource {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            calls.incrementAndGet();
            throw new SQLTransientConnectionException("kiln-db - Connection is not available, request timed out");
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void aFailedWaitRefusesTheNextCallersAtOnceAndThePoolIsTriedAgainAfterTheHold() {
        DownPool pool = new DownPool();
        FailFastDataSource ds = new FailFastDataSource(pool);

        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("a moment ago").extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("08001");
        }
        assertThat(pool.calls).as("the pool asked while the hold lasts").hasValue(1);

        int before = pool.calls.get();
        Awaitility.await().atMost(FailFastDataSource.HOLD.plus(Duration.ofSeconds(2))).until(() -> {
            try {
                ds.getConnection();
            } catch (SQLException e) {
                // refused or tried
            }
            return pool.calls.get() > before;
        });
    }
}
