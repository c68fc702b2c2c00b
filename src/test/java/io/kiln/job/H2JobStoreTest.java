package io.kiln.job;

import io.kiln.db.Database;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The job store contract on embedded H2, migrated by the same Flyway files as production. */
class H2JobStoreTest extends JobStoreContract {

    private Database db;

    @Override
    protected JobStore freshStore() {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
        return new JdbcJobStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }
}
