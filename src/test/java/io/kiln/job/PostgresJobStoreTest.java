package io.kiln.job;

import io.kiln.db.Database;
import io.kiln.testing.Postgres;
import org.junit.jupiter.api.AfterEach;

/** The job store contract on a real PostgreSQL, migrated by the same Flyway files as H2. */
class PostgresJobStoreTest extends JobStoreContract {

    private Database db;

    @Override
    protected JobStore freshStore() {
        Postgres pg = Postgres.server();
        db = Database.open(pg.freshDatabase(), pg.user(), "", 4);
        return new JdbcJobStore(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }
}
