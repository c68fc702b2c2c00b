-- API keys every node of a cluster reads (a node's keys file still works for that node alone):
-- only the SHA-256 of a key is kept. id is the hash's first characters, as in logs and
-- credit_accounts. A revoked key stays, with revoked_at set, so `keys list` can show it. The
-- limits are NULL for "no limit".
CREATE TABLE api_keys (
    hash                VARCHAR(64)  NOT NULL PRIMARY KEY,
    id                  VARCHAR(16)  NOT NULL UNIQUE,
    tenant              VARCHAR(128) NOT NULL,
    created_at          BIGINT       NOT NULL,
    revoked_at          BIGINT,
    credits             BIGINT,
    requests_per_second INTEGER,
    concurrent_jobs     INTEGER,
    upload_bytes        BIGINT
);

-- Requests a key made in one second (epoch seconds), counted by every node: a key's rate limit
-- holds across the cluster. Rows older than a few seconds are deleted as new ones are made.
CREATE TABLE key_request_counts (
    key_id   VARCHAR(16) NOT NULL,
    epoch_second BIGINT  NOT NULL,
    requests INTEGER     NOT NULL,
    PRIMARY KEY (key_id, epoch_second)
);

-- A key's unfinished jobs, counted at each submission when the key has a concurrent-jobs limit.
CREATE INDEX jobs_key_status ON jobs (key_id, status);
