-- Stored files small enough to live in the database itself: a file on disk costs an inode
-- (about a millisecond of kernel time to create here), a row costs a few microseconds.
CREATE TABLE small_blobs (
    blob_key VARCHAR(256) NOT NULL PRIMARY KEY,
    content  BYTEA        NOT NULL
);
