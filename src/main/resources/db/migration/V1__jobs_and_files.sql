-- One schema for H2 and PostgreSQL: portable types only, times as epoch milliseconds.
CREATE TABLE files (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant      VARCHAR(128) NOT NULL,
    name        VARCHAR(512) NOT NULL,
    ext         VARCHAR(32)  NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    blob_key    VARCHAR(256) NOT NULL,
    page_count  INTEGER,
    job_id      VARCHAR(36),
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX files_expires ON files (expires_at);
CREATE INDEX files_job ON files (tenant, job_id);

CREATE TABLE jobs (
    tenant        VARCHAR(128)    NOT NULL,
    id            VARCHAR(36)     NOT NULL,
    version       BIGINT          NOT NULL,
    status        VARCHAR(16)     NOT NULL,
    from_format   VARCHAR(32),
    to_format     VARCHAR(32)     NOT NULL,
    options       VARCHAR(100000) NOT NULL,
    inputs        VARCHAR(100000) NOT NULL,
    request_hash  VARCHAR(64)     NOT NULL,
    webhook       VARCHAR(2048),
    dialect       VARCHAR(32)     NOT NULL,
    created_at    BIGINT          NOT NULL,
    started_at    BIGINT,
    finished_at   BIGINT,
    expires_at    BIGINT,
    attempts      INTEGER         NOT NULL,
    lease_owner   VARCHAR(64),
    lease_until   BIGINT,
    outputs       VARCHAR(100000),
    error_code    VARCHAR(64),
    error_message VARCHAR(4000),
    credits       BIGINT          NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX jobs_queue ON jobs (status, created_at);
CREATE INDEX jobs_expiry ON jobs (expires_at);
CREATE INDEX jobs_tenant ON jobs (tenant, created_at);
