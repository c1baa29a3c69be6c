-- What an incremental read needs (issue 10): per tenant, the last snapshot of the policies' scope
-- (gzip-compressed tenant-file JSON), the scope it covers, and Graph's delta links for users and groups.
-- BYTEA is PostgreSQL's binary type and an alias of H2's BINARY VARYING.
CREATE TABLE IF NOT EXISTS seatwarden_delta_state (
    tenant_id VARCHAR(200) NOT NULL PRIMARY KEY,
    scope_key VARCHAR(20000) NOT NULL,
    users_delta_link VARCHAR(20000) NOT NULL,
    groups_delta_link VARCHAR(20000) NOT NULL,
    snapshot BYTEA NOT NULL,
    read_at TIMESTAMP WITH TIME ZONE NOT NULL,
    full_read_at TIMESTAMP WITH TIME ZONE NOT NULL
);
