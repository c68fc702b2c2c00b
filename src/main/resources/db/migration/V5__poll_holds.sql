-- ConvertAPI allows one poll of a job at a time: the nodes of a cluster see each other's holds here.
CREATE TABLE poll_holds (
    job_key    VARCHAR(200) NOT NULL PRIMARY KEY,
    held_until BIGINT       NOT NULL
);
