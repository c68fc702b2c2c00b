package io.kiln.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kiln.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code webhook_deliveries} table (rows are written by the job store when a job ends). Every
 * write is optimistic on {@code version}, so senders on several nodes can share the table.
 */
public final class JdbcDeliveries implements WebhookLog {

    private static final String COLUMNS = "id, tenant, job_id, url, dialect, status, attempts, next_attempt_at, "
            + "created_at, history, version";
    private static final TypeReference<List<Attempt>> HISTORY = new TypeReference<>() { };

    private final Sql sql;
    // ISO instants in the history, as the job JSON shows them
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public JdbcDeliveries(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Pending deliveries due at {@code now}, longest waiting first. */
    List<Delivery> due(Instant now, int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE status = 'pending' "
                + "AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?", this::row, now.toEpochMilli(), limit);
    }

    /**
     * Saves {@code d} if nobody changed the row since it was read.
     *
     * @return {@code d} as stored, its version incremented
     * @throws StaleDeliveryException when another sender got there first, or the row is gone
     */
    Delivery save(Delivery d) {
        int n = sql.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, history = ?, "
                        + "version = ? WHERE id = ? AND version = ?",
                d.status().wire(), d.attempts(), d.nextAttemptAt().toEpochMilli(), write(d.history()),
                d.version() + 1, d.id(), d.version());
        if (n != 1) {
            throw new StaleDeliveryException(d);
        }
        return d.withVersion(d.version() + 1);
    }

    Optional<Delivery> find(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = ?", this::row, id);
    }

    @Override
    public Optional<Delivery> delivery(String tenant, String jobId) {
        // a job ends once, so there is one row; the newest wins should that ever change
        return sql.one("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE tenant = ? AND job_id = ? "
                + "ORDER BY created_at DESC LIMIT 1", this::row, tenant, jobId);
    }

    /** Deletes the job's deliveries, whatever their status (the job itself is being deleted). */
    public int deleteForJob(String tenant, String jobId) {
        return sql.update("DELETE FROM webhook_deliveries WHERE tenant = ? AND job_id = ?", tenant, jobId);
    }

    /**
     * Deletes deliveries that are over — delivered, and also failed or cancelled — and were created
     * before {@code cutoff}. Pending ones are kept whatever their age: they still have attempts to make.
     */
    public int deleteDeliveredOlderThan(Instant cutoff) {
        return sql.update("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ?",
                cutoff.toEpochMilli());
    }

    private Delivery row(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("tenant"), rs.getString("job_id"), rs.getString("url"),
                rs.getString("dialect"), DeliveryStatus.fromWire(rs.getString("status")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
                read(rs.getString("history")), rs.getLong("version"));
    }

    private String write(List<Attempt> history) {
        try {
            return json.writeValueAsString(history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Attempt> read(String text) {
        try {
            return json.readValue(text, HISTORY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable webhook history: " + e.getOriginalMessage(), e);
        }
    }
}
