-- The X-Request-Id of the request that created a job (kept or made by the HTTP layer): carried
-- into the job's log lines on whichever node runs it, and into its webhooks. Beside the jobs
-- table rather than in it: most reads of a job never need it. Gone with its job.
CREATE TABLE job_request_ids (
    tenant     VARCHAR(128) NOT NULL,
    job_id     VARCHAR(36)  NOT NULL,
    request_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (tenant, job_id),
    FOREIGN KEY (tenant, job_id) REFERENCES jobs (tenant, id) ON DELETE CASCADE
);
