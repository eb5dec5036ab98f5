-- Givinghooks idempotency store, schema version 1, PostgreSQL 12 or newer.
-- Usable as a migration as it is (Flyway: copy it as V1__givinghooks_idempotency.sql; Liquibase:
-- an sqlFile change), or created on start by JdbcIdempotencyStore.Builder.createTable(true).
-- The store replaces the table name givinghooks_idempotency with the one it is given.

CREATE TABLE IF NOT EXISTS givinghooks_idempotency (
    -- The provider-scoped idempotency key, such as sir-giving:evt_123.
    idempotency_key TEXT        NOT NULL PRIMARY KEY,
    -- The token of the acquisition that holds the key; completing or releasing must present it.
    owner_token     TEXT        NOT NULL,
    -- P while a delivery is processed, D once it was processed.
    state           CHAR(1)     NOT NULL CHECK (state IN ('P', 'D')),
    -- When the lease (P) or the retention (D) ends, on the database's clock.
    expires_at      TIMESTAMPTZ NOT NULL
);

-- The purge of expired rows finds them by their expiry.
CREATE INDEX IF NOT EXISTS givinghooks_idempotency_expires_at ON givinghooks_idempotency (expires_at);
