package io.kiln.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.db.DatabaseException;
import io.kiln.db.Sql;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link JobStore} on the {@code jobs} table; the same SQL runs on H2 and PostgreSQL. */
public final class JdbcJobStore implements JobStore {

    private static final String COLUMNS = "tenant, id, version, status, from_format, to_format, options, inputs, "
            + "request_hash, webhook, dialect, created_at, started_at, finished_at, expires_at, attempts, "
            + "lease_owner, lease_until, outputs, error_code, error_message, credits, key_id";
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() { };
    private static final TypeReference<List<JobInput>> INPUTS = new TypeReference<>() { };
    private static final TypeReference<List<JobOutput>> OUTPUTS = new TypeReference<>() { };

    /** Queue positions are exact up to this many jobs ahead. */
    static final int QUEUE_POSITION_CAP = 1000;

    private final Sql sql;
    private final ObjectMapper json = new ObjectMapper();

    public JdbcJobStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public void insert(Job j) {
        try {
            sql.update("INSERT INTO jobs (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    j.tenant(), j.id(), j.version(), j.status().wire(), j.from(), j.to(), write(j.options()),
                    write(j.inputs()), j.requestHash(), j.webhook(), j.dialect(), millis(j.createdAt()),
                    millis(j.startedAt()), millis(j.finishedAt()), millis(j.expiresAt()), j.attempts(),
                    j.leaseOwner(), millis(j.leaseUntil()), write(j.outputs()),
                    j.error() == null ? null : j.error().code().code(),
                    j.error() == null ? null : j.error().message(), j.credits(), j.keyId());
        } catch (DatabaseException e) {
            if (e.isDuplicateKey()) {
                throw new DuplicateJobException(j.key());
            }
            if (e.isValueTooLong()) {
                // what overflows a column of a new job is what the client sent (options, URLs, webhook): its 400
                throw new RequestRejected(ErrorCode.BAD_REQUEST,
                        "the request is larger than a job can hold: its options, inputs or webhook are too long");
            }
            throw e;
        }
    }

    @Override
    public Optional<Job> find(String tenant, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ? AND id = ?", this::row, tenant, id);
    }

    /**
     * Saves the job; when this is the update that ends it, the same transaction charges its credits
     * to its key (refusing with {@link InsufficientCreditsException} if the balance is short) and
     * writes its webhook delivery to the outbox, so an ended job and its notification never part.
     */
    @Override
    public Job update(Job j) {
        return sql.inTransaction(tx -> {
            save(tx, j);
            if (j.status().isTerminal()) {
                charge(tx, j);
                enqueueWebhook(tx, j);
            }
            return j.withVersion(j.version() + 1);
        });
    }

    private void charge(Sql.Tx tx, Job j) {
        if (j.credits() <= 0 || j.keyId() == null) {
            return;
        }
        int n = tx.update("UPDATE credit_accounts SET used = used + ? WHERE key_id = ? AND granted - used >= ?",
                j.credits(), j.keyId(), j.credits());
        boolean limited = !tx.query("SELECT 1 FROM credit_accounts WHERE key_id = ?", rs -> 1, j.keyId()).isEmpty();
        if (n == 0 && limited) {
            throw new InsufficientCreditsException(j.keyId(), j.credits());
        }
    }

    private static void enqueueWebhook(Sql.Tx tx, Job j) {
        if (j.webhook() == null) {
            return;
        }
        long now = j.finishedAt().toEpochMilli();
        tx.update("INSERT INTO webhook_deliveries (id, tenant, job_id, url, dialect, status, attempts, next_attempt_at, "
                        + "created_at, history, version) VALUES (?,?,?,?,?,'pending',0,?,?,'[]',0)",
                OrderedIds.next(), j.tenant(), j.id(), j.webhook(), j.dialect(), now, now);
    }

    private void save(Sql.Tx tx, Job j) {
        int n = tx.update("UPDATE jobs SET version = ?, status = ?, from_format = ?, started_at = ?, finished_at = ?, "
                        + "expires_at = ?, attempts = ?, lease_owner = ?, lease_until = ?, outputs = ?, error_code = ?, "
                        + "error_message = ?, credits = ? WHERE tenant = ? AND id = ? AND version = ?",
                j.version() + 1, j.status().wire(), j.from(), millis(j.startedAt()), millis(j.finishedAt()),
                millis(j.expiresAt()), j.attempts(), j.leaseOwner(), millis(j.leaseUntil()), write(j.outputs()),
                j.error() == null ? null : j.error().code().code(), j.error() == null ? null : j.error().message(),
                j.credits(), j.tenant(), j.id(), j.version());
        if (n != 1) {
            throw new StaleJobException(j);
        }
    }

    @Override
    public boolean delete(String tenant, String id) {
        return sql.update("DELETE FROM jobs WHERE tenant = ? AND id = ?", tenant, id) == 1;
    }

    @Override
    public List<Job> findInAnyTenant(String id, int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM jobs WHERE id = ? LIMIT ?", this::row, id, limit);
    }

    @Override
    public List<Job> nextQueued(int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM jobs WHERE status = 'queued' ORDER BY created_at LIMIT ?",
                this::row, limit);
    }

    @Override
    public List<Job> expiredLeases(Instant now, int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM jobs WHERE status = 'working' AND lease_until < ? LIMIT ?",
                this::row, now.toEpochMilli(), limit);
    }

    @Override
    public List<Job> working(int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM jobs WHERE status = 'working' LIMIT ?", this::row, limit);
    }

    @Override
    public List<Job> expired(Instant now, int limit) {
        // kept past its expiry while its webhook is still being delivered (at most the retry span, 24 h
        // by default): a receiver that was down gets the notification; the API answers for it as gone
        return sql.query("SELECT " + COLUMNS + " FROM jobs WHERE expires_at < ? AND NOT EXISTS (SELECT 1 FROM "
                        + "webhook_deliveries d WHERE d.tenant = jobs.tenant AND d.job_id = jobs.id AND d.status = 'pending') "
                        + "ORDER BY expires_at LIMIT ?",
                this::row, now.toEpochMilli(), limit);
    }

    @Override
    public List<Job> list(String tenant, Optional<JobStatus> status, int limit, int offset) {
        return status.isPresent()
                ? sql.query("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ? AND status = ? "
                        + "ORDER BY created_at DESC, id LIMIT ? OFFSET ?", this::row, tenant, status.get().wire(), limit, offset)
                : sql.query("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ? "
                        + "ORDER BY created_at DESC, id LIMIT ? OFFSET ?", this::row, tenant, limit, offset);
    }

    @Override
    public long count(JobStatus status) {
        return sql.count("SELECT COUNT(*) FROM jobs WHERE status = ?", status.wire());
    }

    @Override
    public long countUnfinished(String keyId) {
        return sql.count("SELECT COUNT(*) FROM jobs WHERE key_id = ? AND status IN ('queued', 'working')", keyId);
    }

    @Override
    public void recordRequestId(String tenant, String jobId, String requestId) {
        sql.update("INSERT INTO job_request_ids (tenant, job_id, request_id) VALUES (?, ?, ?)", tenant, jobId, requestId);
    }

    @Override
    public Optional<String> requestId(String tenant, String jobId) {
        return sql.one("SELECT request_id FROM job_request_ids WHERE tenant = ? AND job_id = ?",
                rs -> rs.getString(1), tenant, jobId);
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        long millis = sql.count("SELECT COALESCE(MIN(created_at), -1) FROM jobs WHERE status = 'queued'");
        return millis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    @Override
    public long queuePosition(Job job) {
        // bounded: the exact position deep in a long queue is not worth a scan per request
        return sql.count("SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE status = 'queued' AND created_at < ? LIMIT "
                + QUEUE_POSITION_CAP + ") ahead", job.createdAt().toEpochMilli());
    }

    private Job row(ResultSet rs) throws SQLException {
        String code = rs.getString("error_code");
        return new Job(rs.getString("tenant"), rs.getString("id"), rs.getLong("version"),
                JobStatus.fromWire(rs.getString("status")), rs.getString("from_format"), rs.getString("to_format"),
                read(rs.getString("options"), OPTIONS), read(rs.getString("inputs"), INPUTS),
                rs.getString("request_hash"), rs.getString("webhook"), rs.getString("dialect"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "expires_at"), rs.getInt("attempts"), rs.getString("lease_owner"),
                instant(rs, "lease_until"), read(rs.getString("outputs"), OUTPUTS),
                code == null ? null : new JobError(ErrorCode.fromCode(code), rs.getString("error_message")),
                rs.getLong("credits"), rs.getString("key_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long v = Sql.longOrNull(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job column: " + e.getOriginalMessage(), e);
        }
    }
}
