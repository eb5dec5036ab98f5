package dev.givinghooks.jdbc;

import dev.givinghooks.spi.RemoteIdempotencyStore;
import dev.givinghooks.spi.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * An {@link dev.givinghooks.spi.IdempotencyStore} in a table of the application's own database, shared by every
 * instance of a receiver, over plain JDBC; its SQL is PostgreSQL's (12 or newer).
 *
 * <pre>{@code
 * IdempotencyStore store = JdbcIdempotencyStore.of(dataSource);   // the table exists (schema below)
 * WebhookFilter filter = WebhookFilter.builder(verifier).idempotencyStore(store).build();
 * }</pre>
 *
 * <p>The table is {@value #DEFAULT_TABLE} unless {@linkplain Builder#table named otherwise}; its
 * schema, version 1, ships in this jar as {@value #SCHEMA} for a migration tool, or is created on
 * start with {@link Builder#createTable(boolean)}. Every operation is one statement, with bind
 * parameters only, and one round trip: a claim is an {@code INSERT ... ON CONFLICT DO UPDATE} that
 * takes the key when it is free or expired and returns who holds it; completing and releasing
 * update or delete the row only where the caller's owner token is. Leases and retentions run on
 * the database's clock ({@code statement_timestamp()}), never the JVM's. Expired rows are purged
 * in bounded batches that skip locked rows, so the purge never waits for a delivery nor a
 * delivery for it.
 *
 * <p>JDBC blocks, so operations run on a small pool of the store's own threads: the asynchronous
 * methods never block their caller (a Vert.x event loop, say), and every operation, synchronous
 * or not, is bounded by the {@linkplain Builder#timeout timeout}. A database that does not answer
 * in time, cannot be reached, or a pool whose queue is full makes an operation fail with
 * {@link StoreUnavailableException} (the receiver then answers 503 with {@code Retry-After}, or
 * processes without deduplication when configured to fail open). A claim that timed out may
 * still be committed: its lease then holds the key, and the provider's retry is answered 409
 * until the lease ends.
 *
 * <p>On an application's {@link DataSource} (a connection pool) each operation borrows a
 * connection and gives it back; a store {@linkplain #builder(String) made from a JDBC URL} keeps
 * one connection per thread of its pool and opens it again after a failure. Thread-safe.
 */
public final class JdbcIdempotencyStore extends RemoteIdempotencyStore implements AutoCloseable {
    /** The table name unless another is given. */
    public static final String DEFAULT_TABLE = "givinghooks_idempotency";
    /** The schema's resource in this jar: PostgreSQL, version 1. */
    public static final String SCHEMA = "/dev/givinghooks/jdbc/postgresql-v1.sql";

    private static final System.Logger LOG = System.getLogger(JdbcIdempotencyStore.class.getName());
    /** A table name, possibly schema-qualified: spliced into the SQL, so nothing else is allowed. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final int PURGE_BATCH = 1000;
    private static final int PURGE_BATCHES_PER_RUN = 10;

    /*
     * The claim takes the row when it is new or expired (CASE on the row as the conflict left it,
     * under its row lock) and always returns the row after the statement: holding our token, it is
     * ours; otherwise its state says DONE or IN_PROGRESS. statement_timestamp() is fixed for the
     * statement, so the three CASEs agree.
     */
    private static final String CLAIM = """
            INSERT INTO %1$s AS held (idempotency_key, owner_token, state, expires_at)
            VALUES (?, ?, 'P', statement_timestamp() + ? * INTERVAL '1 millisecond')
            ON CONFLICT (idempotency_key) DO UPDATE SET
                owner_token = CASE WHEN held.expires_at <= statement_timestamp() THEN EXCLUDED.owner_token ELSE held.owner_token END,
                state       = CASE WHEN held.expires_at <= statement_timestamp() THEN 'P' ELSE held.state END,
                expires_at  = CASE WHEN held.expires_at <= statement_timestamp() THEN EXCLUDED.expires_at ELSE held.expires_at END
            RETURNING owner_token, state""";
    private static final String COMPLETE = """
            UPDATE %1$s SET state = 'D', expires_at = statement_timestamp() + ? * INTERVAL '1 millisecond'
            WHERE idempotency_key = ? AND owner_token = ? AND state = 'P'""";
    private static final String RELEASE = """
            DELETE FROM %1$s WHERE idempotency_key = ? AND owner_token = ? AND state = 'P'""";
    private static final String PURGE = """
            DELETE FROM %1$s WHERE idempotency_key IN (
                SELECT idempotency_key FROM %1$s WHERE expires_at < statement_timestamp()
                ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final Connections connections;
    private final String table;
    private final int queryTimeoutSeconds;
    private final String claimSql;
    private final String completeSql;
    private final String releaseSql;
    private final String purgeSql;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService purger;

    private JdbcIdempotencyStore(Builder builder) {
        super("the database", builder.timeout);
        this.connections = builder.connections;
        this.table = builder.table;
        this.queryTimeoutSeconds = (int) Math.max(1, (builder.timeout.toMillis() + 999) / 1000);
        this.claimSql = CLAIM.formatted(table);
        this.completeSql = COMPLETE.formatted(table);
        this.releaseSql = RELEASE.formatted(table);
        this.purgeSql = PURGE.formatted(table);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(builder.threads, builder.threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(builder.queue), runnable -> daemon(runnable, "givinghooks-jdbc-" + threads.incrementAndGet()));
        this.executor.allowCoreThreadTimeOut(true);
        this.purger = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "givinghooks-jdbc-purge"));
        long every = builder.purgeInterval.toMillis();
        this.purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** A daemon thread on this library's class loader, whichever thread (a web application's, say) started it. */
    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(JdbcIdempotencyStore.class.getClassLoader());
        return thread;
    }

    /**
     * Returns a store on the application's {@link DataSource}, with the default table (which
     * must exist), timeout and pool.
     *
     * @param dataSource a connection pool of the database
     * @return the store
     */
    public static JdbcIdempotencyStore of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Starts a store on the application's {@link DataSource}: each operation borrows a connection
     * and gives it back.
     *
     * @param dataSource a connection pool of the database
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(new Connections.Borrowed(dataSource));
    }

    /**
     * Starts a store on a JDBC URL, such as
     * {@code jdbc:postgresql://HOST:PORT/DB?user=...&password=...}, whose driver is on the class
     * path: the store keeps one connection per thread of its pool.
     *
     * @param jdbcUrl where the database is
     * @return a builder
     * @throws IllegalArgumentException if it is not a JDBC URL
     */
    public static Builder builder(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL (jdbc:postgresql://HOST:PORT/DB?user=...)");
        }
        return new Builder(new Connections.PerThread(jdbcUrl));
    }

    /**
     * Returns the schema's SQL for a table name: {@value #SCHEMA} with {@value #DEFAULT_TABLE}
     * replaced.
     *
     * @param table the table name, possibly schema-qualified
     * @return the statements, separated by semicolons
     * @throws IllegalArgumentException if the name is not a plain SQL identifier
     */
    public static String schema(String table) {
        checkTable(table);
        try (InputStream in = JdbcIdempotencyStore.class.getResourceAsStream(SCHEMA)) {
            String sql = new String(Objects.requireNonNull(in, SCHEMA).readAllBytes(), StandardCharsets.UTF_8);
            String unqualified = table.substring(table.indexOf('.') + 1); // an index lives in its table's schema
            return sql.replace(DEFAULT_TABLE + "_expires_at", unqualified + "_expires_at").replace(DEFAULT_TABLE + " ", table + " ");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
    }

    private static String checkTable(String table) {
        Objects.requireNonNull(table, "table");
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("a table name is a plain SQL identifier, possibly schema-qualified: [A-Za-z_][A-Za-z0-9_]*");
        }
        return table;
    }

    @Override
    public CompletionStage<Claim> claimAsync(String key, Duration lease) {
        Objects.requireNonNull(key, "key");
        long leaseMillis = positiveMillis(lease, "lease");
        String token = newOwnerToken();
        return run(connection -> {
            try (PreparedStatement claim = prepare(connection, claimSql)) {
                claim.setString(1, key);
                claim.setString(2, token);
                claim.setLong(3, leaseMillis);
                try (ResultSet held = claim.executeQuery()) {
                    if (!held.next()) {
                        throw new SQLException("the claim returned no row");
                    }
                    if (token.equals(held.getString(1))) {
                        return new Claim(key, Status.ACQUIRED, token);
                    }
                    return new Claim(key, "D".equals(held.getString(2)) ? Status.DONE : Status.IN_PROGRESS, null);
                }
            }
        });
    }

    @Override
    public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
        Objects.requireNonNull(claim, "claim");
        long retentionMillis = positiveMillis(retention, "retention");
        if (!claim.acquired()) {
            return CompletableFuture.completedFuture(false);
        }
        return run(connection -> {
            try (PreparedStatement complete = prepare(connection, completeSql)) {
                complete.setLong(1, retentionMillis);
                complete.setString(2, claim.key());
                complete.setString(3, claim.ownerToken());
                return complete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public CompletionStage<Boolean> releaseAsync(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        if (!claim.acquired()) {
            return CompletableFuture.completedFuture(false);
        }
        return run(connection -> {
            try (PreparedStatement release = prepare(connection, releaseSql)) {
                release.setString(1, claim.key());
                release.setString(2, claim.ownerToken());
                return release.executeUpdate() == 1;
            }
        });
    }

    /**
     * Deletes expired rows now, in batches of at most a thousand, skipping rows other statements
     * hold; the store also does so on its own every {@linkplain Builder#purgeInterval interval}.
     *
     * @return how many rows were deleted
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public int purgeExpired() {
        return await(run(connection -> {
            int deleted = 0;
            for (int batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
                try (PreparedStatement purge = prepare(connection, purgeSql)) {
                    purge.setInt(1, PURGE_BATCH);
                    int rows = purge.executeUpdate();
                    deleted += rows;
                    if (rows < PURGE_BATCH) {
                        break;
                    }
                }
            }
            return deleted;
        }));
    }

    private void purgeQuietly() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "purging expired idempotency keys failed; the next run tries again: {0}", e.getMessage());
        }
    }

    /**
     * Creates the table and its index when missing. Instances starting together may race, and
     * PostgreSQL's {@code CREATE ... IF NOT EXISTS} can then fail on its catalogue (a unique
     * violation, or the object existing after all): the loser tries again and finds it there.
     */
    private void createTable() {
        for (int attempt = 1; ; attempt++) {
            try {
                createTableOnce();
                return;
            } catch (StoreUnavailableException e) {
                boolean raced = e.getCause() instanceof SQLException sql && Set.of("23505", "42P07", "42710").contains(sql.getSQLState());
                if (!raced || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void createTableOnce() {
        await(run(connection -> {
            try (Statement create = connection.createStatement()) {
                create.setQueryTimeout(queryTimeoutSeconds);
                String withoutComments = schema(table).lines().filter(line -> !line.strip().startsWith("--"))
                        .collect(Collectors.joining("\n"));
                for (String statement : withoutComments.split(";")) {
                    if (!statement.isBlank()) {
                        create.execute(statement.strip());
                    }
                }
            }
            return null;
        }));
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(queryTimeoutSeconds);
        return statement;
    }

    /**
     * Runs work on the store's pool, bounded by the timeout; its failures, a full pool and the
     * timeout fail the stage with {@link StoreUnavailableException}. A connection lost is
     * replaced and the work tried once more (see {@link #lostConnection}).
     */
    private <T> CompletableFuture<T> run(Connections.Use<T> work) {
        return bounded(() -> {
            try {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return connections.use(work);
                    } catch (SQLException e) {
                        if (!lostConnection(e)) {
                            throw new StoreUnavailableException("the database is unavailable: " + describe(e), e);
                        }
                    }
                    try {
                        return connections.use(work);
                    } catch (SQLException e) {
                        throw new StoreUnavailableException("the database is unavailable: " + describe(e), e);
                    }
                }, executor);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new StoreUnavailableException("the database store's queue is full", e));
            }
        });
    }

    /**
     * Whether the connection was lost (SQLState class 08), as a connection kept across a database
     * restart is at its next use. The work is then tried once more on a new connection. That is
     * safe even if the statement did run before the connection broke: a repeated claim finds the
     * row holding its own token (acquired), a repeated completion or release finds nothing left to
     * change (false, as for a claim that expired).
     */
    private static boolean lostConnection(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** An SQLException's state and class: its message may quote a URL or values, so it stays in the cause. */
    private static String describe(SQLException e) {
        return e.getClass().getSimpleName() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    /** Stops the store's threads and closes the connections it keeps; an application's DataSource stays open. */
    @Override
    public void close() {
        purger.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        connections.close();
    }

    /** Returns the table, timeout and pool size; never a URL, which may hold a password. */
    @Override
    public String toString() {
        return "JdbcIdempotencyStore[table=" + table + ", timeout=" + timeout() + ", threads=" + executor.getMaximumPoolSize() + "]";
    }

    /**
     * Builds a {@link JdbcIdempotencyStore}. Not thread-safe.
     */
    public static final class Builder {
        private final Connections connections;
        private String table = DEFAULT_TABLE;
        private boolean createTable;
        private Duration timeout = Duration.ofSeconds(1);
        private int threads = 4;
        private int queue = 1024;
        private Duration purgeInterval = Duration.ofMinutes(1);

        private Builder(Connections connections) {
            this.connections = connections;
        }

        /**
         * Sets the table, possibly schema-qualified. Default {@value #DEFAULT_TABLE}.
         *
         * @param table a plain SQL identifier, such as {@code webhooks.idempotency}
         * @return this builder
         * @throws IllegalArgumentException if it is not one
         */
        public Builder table(String table) {
            this.table = checkTable(table);
            return this;
        }

        /**
         * Sets whether {@link #build()} creates the table and its index when missing (the
         * schema's {@code CREATE ... IF NOT EXISTS}); off by default, for applications whose
         * migrations own the schema.
         *
         * @param createTable {@code true} to create it
         * @return this builder
         */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /**
         * Sets how long an operation may take, waiting for a connection included, before the
         * store counts the database as unavailable. Default 1 second; statements also carry it
         * as their query timeout (in whole seconds).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            positiveMillis(timeout, "timeout");
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets how many threads run statements, so how many connections the store uses at most.
         * Default 4.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets how often expired rows are purged. Default every minute.
         *
         * @param purgeInterval a positive duration
         * @return this builder
         */
        public Builder purgeInterval(Duration purgeInterval) {
            positiveMillis(purgeInterval, "purgeInterval");
            this.purgeInterval = purgeInterval;
            return this;
        }

        /**
         * Returns the store, creating its table first when asked to.
         *
         * @return the store
         * @throws StoreUnavailableException if the table was to be created and the database
         *         cannot be reached
         */
        public JdbcIdempotencyStore build() {
            JdbcIdempotencyStore store = new JdbcIdempotencyStore(this);
            if (createTable) {
                try {
                    store.createTable();
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
            }
            return store;
        }
    }
}
