package dev.givinghooks.cli;

import dev.givinghooks.jdbc.JdbcIdempotencyStore;
import dev.givinghooks.redis.RedisIdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.StoreUnavailableException;

/** Opens the store {@code listen --idempotency-store} names. */
final class Stores {
    private Stores() {
    }

    /**
     * Opens a store.
     *
     * @param uri {@code memory}, a Redis URI or a JDBC URL (whose table is created when missing)
     * @return the store, connected
     * @throws UsageException for a URI of no known store, or a store that cannot be reached; the
     *         message never quotes the URI, which may hold a password
     */
    static IdempotencyStore open(String uri) {
        if (uri.equals("memory")) {
            return IdempotencyStore.inMemory();
        }
        if (uri.startsWith("redis")) {
            try {
                return RedisIdempotencyStore.connect(uri);
            } catch (IllegalArgumentException | StoreUnavailableException e) {
                throw new UsageException("--idempotency-store: " + e.getMessage());
            }
        }
        if (uri.startsWith("jdbc:")) {
            try {
                return JdbcIdempotencyStore.builder(uri).createTable(true).build();
            } catch (IllegalArgumentException | StoreUnavailableException e) {
                throw new UsageException("--idempotency-store: cannot use the database: " + e.getMessage());
            }
        }
        throw new UsageException("--idempotency-store takes memory, redis://HOST:PORT, rediss://HOST:PORT,"
                + " redis-cluster://HOST:PORT,HOST:PORT or jdbc:postgresql://HOST:PORT/DB?user=...");
    }

    /** Closes a store that holds connections. */
    static void close(IdempotencyStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the idempotency store failed", e);
            }
        }
    }
}
