-- Secrets Kiln generates for itself (signed links, webhook signatures), kept where every node of a
-- cluster finds the same ones; an embedded server keeps them in files under its data directory.
CREATE TABLE server_secrets (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret VARCHAR(256) NOT NULL
);
