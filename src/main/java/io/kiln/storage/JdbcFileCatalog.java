package io.kiln.storage;

import io.kiln.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link FileCatalog} on the {@code files} table (H2 or PostgreSQL). */
public final class JdbcFileCatalog implements FileCatalog {

    private static final String COLUMNS =
            "id, tenant, name, ext, size_bytes, sha256, blob_key, page_count, job_id, created_at, expires_at";
    private final Sql sql;

    public JdbcFileCatalog(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    @Override
    public void insert(StoredFile f) {
        sql.update("INSERT INTO files (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                f.id(), f.tenant(), f.name(), f.ext(), f.size(), f.sha256(), f.blobKey(), f.pageCount(),
                f.jobId(), f.createdAt().toEpochMilli(), f.expiresAt().toEpochMilli());
    }

    @Override
    public Optional<StoredFile> find(String tenant, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM files WHERE tenant = ? AND id = ?", JdbcFileCatalog::row, tenant, id);
    }

    @Override
    public Optional<StoredFile> findAnyTenant(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM files WHERE id = ?", JdbcFileCatalog::row, id);
    }

    @Override
    public List<StoredFile> byJob(String tenant, String jobId) {
        return sql.query("SELECT " + COLUMNS + " FROM files WHERE tenant = ? AND job_id = ?",
                JdbcFileCatalog::row, tenant, jobId);
    }

    @Override
    public List<StoredFile> expired(Instant now, int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM files WHERE expires_at < ? ORDER BY expires_at LIMIT ?",
                JdbcFileCatalog::row, now.toEpochMilli(), limit);
    }

    @Override
    public void delete(String id) {
        sql.update("DELETE FROM files WHERE id = ?", id);
    }

    @Override
    public void attach(String id, String jobId, Instant expiresAt) {
        sql.update("UPDATE files SET job_id = ?, expires_at = ? WHERE id = ?", jobId, expiresAt.toEpochMilli(), id);
    }

    @Override
    public void expireWithJob(String tenant, String jobId, Instant expiresAt) {
        sql.update("UPDATE files SET expires_at = ? WHERE tenant = ? AND job_id = ?",
                expiresAt.toEpochMilli(), tenant, jobId);
    }

    @Override
    public void extendExpiry(String id, Instant expiresAt) {
        sql.update("UPDATE files SET expires_at = ? WHERE id = ? AND expires_at < ?",
                expiresAt.toEpochMilli(), id, expiresAt.toEpochMilli());
    }

    private static StoredFile row(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString("id"), rs.getString("tenant"), rs.getString("name"), rs.getString("ext"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("blob_key"),
                Sql.intOrNull(rs, "page_count"), rs.getString("job_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
