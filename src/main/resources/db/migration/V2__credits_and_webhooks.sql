-- Which key submitted a job (its credits pay for it), per-key credit accounts, and the webhook outbox.
ALTER TABLE jobs ADD COLUMN key_id VARCHAR(64);

CREATE TABLE credit_accounts (
    key_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant   VARCHAR(128) NOT NULL,
    granted  BIGINT      NOT NULL,
    used     BIGINT      NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              VARCHAR(36)     NOT NULL PRIMARY KEY,
    tenant          VARCHAR(128)    NOT NULL,
    job_id          VARCHAR(36)     NOT NULL,
    url             VARCHAR(2048)   NOT NULL,
    dialect         VARCHAR(32)     NOT NULL,
    status          VARCHAR(16)     NOT NULL,
    attempts        INTEGER         NOT NULL,
    next_attempt_at BIGINT          NOT NULL,
    created_at      BIGINT          NOT NULL,
    history         VARCHAR(100000) NOT NULL,
    version         BIGINT          NOT NULL
);
CREATE INDEX webhook_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_job ON webhook_deliveries (tenant, job_id);
