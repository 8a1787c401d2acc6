-- The access log on SQL Server (2022 or later, or Azure SQL): append-only ledger tables. SQL Server itself refuses
-- UPDATE and DELETE on an append-only ledger table and keeps a cryptographic digest of every transaction, on top of
-- the log's own Merkle tree. Not yet exercised by the tests: no SQL Server runs on the build machines.
CREATE TABLE audit_entries (
    idx BIGINT NOT NULL PRIMARY KEY,
    leaf VARBINARY(MAX) NOT NULL
) WITH (LEDGER = ON (APPEND_ONLY = ON));

CREATE TABLE audit_tiles (
    level INT NOT NULL,
    idx BIGINT NOT NULL,
    width INT NOT NULL,
    hashes VARBINARY(8192) NOT NULL,
    CONSTRAINT pk_audit_tiles PRIMARY KEY (level, idx, width)
) WITH (LEDGER = ON (APPEND_ONLY = ON));

CREATE TABLE audit_checkpoints (
    tree_size BIGINT NOT NULL PRIMARY KEY,
    root BINARY(32) NOT NULL,
    note NVARCHAR(4000) NOT NULL,
    signed_at DATETIMEOFFSET NOT NULL
) WITH (LEDGER = ON (APPEND_ONLY = ON));
