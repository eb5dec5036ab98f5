package dev.givinghooks.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import dev.givinghooks.spi.StoreUnavailableException;
import dev.givinghooks.testsupport.PostgresServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/** What the JDBC store promises beyond the SPI contract, on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcIdempotencyStoreTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private PostgresServer postgres;
    private JdbcIdempotencyStore store;
    private final List<String> statements = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        postgres = PostgresServer.start();
        // No purge of its own during the tests: they count its statements and call the purge themselves.
        store = JdbcIdempotencyStore.builder(counting(dataSource())).createTable(true).purgeInterval(Duration.ofHours(1)).build();
    }

    @AfterAll
    void stop() {
        store.close();
        postgres.close();
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        return dataSource;
    }

    private Connection sql() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl());
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    /** A DataSource whose connections record every statement executed and every commit. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                forward(target, (method, args, result) -> method.getName().equals("getConnection")
                        ? proxy(Connection.class, (Connection) result, (m, a, r) -> {
                            if (m.getName().equals("prepareStatement")) {
                                String sql = ((String) a[0]).strip();
                                return proxy(PreparedStatement.class, (PreparedStatement) r, (s, sa, sr) -> {
                                    if (s.getName().startsWith("execute")) {
                                        statements.add(sql.substring(0, sql.indexOf(' ')));
                                    }
                                    return sr;
                                });
                            }
                            if (m.getName().equals("commit")) {
                                statements.add("COMMIT");
                            }
                            return r;
                        })
                        : result));
    }

    private interface After {
        Object apply(java.lang.reflect.Method method, Object[] args, Object result);
    }

    private <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, forward(target, after)));
    }

    private static InvocationHandler forward(Object target, After after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    /** Each operation is one statement (one round trip), in auto-commit: a processed delivery two, a duplicate one. */
    @Test
    void eachOperationIsOneStatement() {
        statements.clear();
        String key = key();
        Claim claim = store.claim(key, LONG);
        assertEquals(List.of("INSERT"), statements, "claim");
        assertTrue(store.complete(claim, LONG));
        assertEquals(List.of("INSERT", "UPDATE"), statements, "claim, complete");
        assertEquals(Status.DONE, store.claim(key, LONG).status());
        assertEquals(List.of("INSERT", "UPDATE", "INSERT"), statements, "and the duplicate's claim");
        Claim other = store.claim(key(), LONG);
        assertTrue(store.release(other));
        assertEquals(List.of("INSERT", "UPDATE", "INSERT", "INSERT", "DELETE"), statements);
    }

    /**
     * Leases run on the database's clock: the stored expiry is the database's statement time plus
     * the lease, whatever the JVM's clock says, and another instance's store finds the key free
     * as soon as the database's clock passes it, not before.
     */
    @Test
    void leasesExpireOnTheDatabaseClock() throws Exception {
        String key = key();
        assertTrue(store.claim(key, Duration.ofMillis(1500)).acquired());
        Timestamp expiresAt;
        long leftMillis;
        try (Connection sql = sql(); PreparedStatement read = sql.prepareStatement(
                "SELECT expires_at, EXTRACT(EPOCH FROM expires_at - statement_timestamp()) * 1000 FROM givinghooks_idempotency WHERE idempotency_key = ?")) {
            read.setString(1, key);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                expiresAt = row.getTimestamp(1);
                leftMillis = (long) row.getDouble(2);
            }
        }
        assertTrue(leftMillis > 1000 && leftMillis <= 1500, "expiry - database time = " + leftMillis + " ms");
        try (JdbcIdempotencyStore other = JdbcIdempotencyStore.builder(postgres.jdbcUrl()).build()) {
            assertEquals(Status.IN_PROGRESS, other.claim(key, LONG).status(), "held while the database's lease runs");
            try (Connection sql = sql(); PreparedStatement now = sql.prepareStatement("SELECT statement_timestamp() > ?")) {
                now.setTimestamp(1, expiresAt);
                while (true) {
                    try (ResultSet passed = now.executeQuery()) {
                        passed.next();
                        if (passed.getBoolean(1)) {
                            break;
                        }
                    }
                    Thread.sleep(20);
                }
            }
            assertEquals(Status.ACQUIRED, other.claim(key, LONG).status(), "free once the database's clock passed the lease");
        }
    }

    /** The purge deletes expired rows only, in bounded batches, and skips a row another transaction holds instead of waiting for it. */
    @Test
    void thePurgeDeletesExpiredRowsAndNeverWaits() throws Exception {
        String live = key();
        String done = key();
        String locked = key();
        store.claim(live, LONG);
        store.complete(store.claim(done, LONG), LONG);
        for (int i = 0; i < 30; i++) {
            store.claim(key(), Duration.ofMillis(1));
        }
        store.complete(store.claim(locked, LONG), Duration.ofMillis(1));
        Thread.sleep(50);
        try (Connection holder = sql()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM givinghooks_idempotency WHERE idempotency_key = ? FOR UPDATE")) {
                lock.setString(1, locked);
                lock.executeQuery().close();
            }
            long start = System.nanoTime();
            int purged = store.purgeExpired();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "the purge did not wait for the locked row");
            assertTrue(purged >= 30, "purged " + purged);
            holder.rollback();
        }
        assertEquals(Status.IN_PROGRESS, store.claim(live, LONG).status(), "a live claim stays");
        assertEquals(Status.DONE, store.claim(done, LONG).status(), "a done key stays for its retention");
        assertTrue(store.purgeExpired() >= 1, "the row that was locked goes at the next run");
        try (Connection sql = sql(); PreparedStatement row = sql.prepareStatement("SELECT 1 FROM givinghooks_idempotency WHERE idempotency_key = ?")) {
            row.setString(1, locked);
            try (ResultSet gone = row.executeQuery()) {
                assertFalse(gone.next(), "the row that was locked is purged");
            }
        }
    }

    /** A database that does not answer in time (a row lock held elsewhere) fails the operation within the timeout; claimAsync returns at once. */
    @Test
    void aSilentDatabaseFailsWithinTheTimeout() throws Exception {
        String key = key();
        try (JdbcIdempotencyStore quick = JdbcIdempotencyStore.builder(postgres.jdbcUrl()).timeout(Duration.ofMillis(300)).build();
                Connection holder = sql()) {
            assertTrue(quick.claim(key, Duration.ofMillis(1)).acquired());
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM givinghooks_idempotency WHERE idempotency_key = ? FOR UPDATE")) {
                lock.setString(1, key);
                lock.executeQuery().close();
            }
            long start = System.nanoTime();
            CompletableFuture<Claim> pending = quick.claimAsync(key, LONG).toCompletableFuture();
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "claimAsync does not wait for the database");
            ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof StoreUnavailableException, failure.getCause().toString());
            assertTrue(failure.getCause().getMessage().contains("did not answer within PT0.3S"), failure.getCause().getMessage());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 1000, "the timed-out claim took " + took + " ms");
            holder.rollback();
        }
    }

    /** Keys are bind parameters, never SQL; table names are checked before they reach the SQL. */
    @Test
    void keysAreParametersAndTableNamesAreChecked() throws Exception {
        String hostile = "sir-giving:x'); DROP TABLE givinghooks_idempotency; --";
        Claim claim = store.claim(hostile, LONG);
        assertTrue(claim.acquired());
        assertTrue(store.complete(claim, LONG));
        assertEquals(Status.DONE, store.claim(hostile, LONG).status());
        for (String bad : List.of("idempotency; DROP TABLE x", "a b", "\"quoted\"", "1table", "a.b.c", "")) {
            assertThrows(IllegalArgumentException.class, () -> JdbcIdempotencyStore.builder(postgres.jdbcUrl()).table(bad), bad);
        }
    }

    /** A schema-qualified table of another name is created on start and used. */
    @Test
    void aTableOfAnotherNameIsCreatedOnStart() throws Exception {
        try (Connection sql = sql(); Statement create = sql.createStatement()) {
            create.execute("CREATE SCHEMA IF NOT EXISTS webhooks");
        }
        try (JdbcIdempotencyStore other = JdbcIdempotencyStore.builder(postgres.jdbcUrl()).table("webhooks.deliveries").createTable(true).build()) {
            String key = key();
            assertTrue(other.claim(key, LONG).acquired());
            assertEquals(Status.ACQUIRED, store.claim(key, LONG).status(), "the default table is another");
            assertEquals("JdbcIdempotencyStore[table=webhooks.deliveries, timeout=PT1S, threads=4]", other.toString());
        }
        try (Connection sql = sql(); ResultSet index = sql.getMetaData().getIndexInfo(null, "webhooks", "deliveries", false, false)) {
            boolean expiry = false;
            while (index.next()) {
                expiry |= "deliveries_expires_at".equals(index.getString("INDEX_NAME"));
            }
            assertTrue(expiry, "the expiry index");
        }
        assertTrue(JdbcIdempotencyStore.schema(JdbcIdempotencyStore.DEFAULT_TABLE).contains("CREATE TABLE IF NOT EXISTS givinghooks_idempotency ("));
    }

    /** Instances starting together all create "the" table: the race PostgreSQL's CREATE ... IF NOT EXISTS loses on its catalogue is absorbed. */
    @Test
    void instancesStartingTogetherCreateTheTableOnce() throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 5; round++) {
                String table = "race_" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<JdbcIdempotencyStore>> starts = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    starts.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return JdbcIdempotencyStore.builder(postgres.jdbcUrl()).table(table).createTable(true).build();
                    }, instances));
                }
                go.countDown();
                for (CompletableFuture<JdbcIdempotencyStore> start : starts) {
                    try (JdbcIdempotencyStore started = start.get(30, TimeUnit.SECONDS)) {
                        assertTrue(started.claim(key(), LONG).acquired(), "round " + round);
                    }
                }
            }
        } finally {
            instances.shutdownNow();
        }
    }

    /** A database that is down fails fast, and the store is back by itself once the database is. */
    @Test
    void aStoppedDatabaseFailsAndTheStoreRecoversByItself() throws Exception {
        try (PostgresServer own = PostgresServer.start();
                JdbcIdempotencyStore onUrl = JdbcIdempotencyStore.builder(own.jdbcUrl()).createTable(true).build()) {
            String done = key();
            assertTrue(onUrl.complete(onUrl.claim(done, LONG), LONG));
            own.kill();
            try {
                long start = System.nanoTime();
                assertThrows(StoreUnavailableException.class, () -> onUrl.claim(key(), LONG));
                assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1100), "bounded by the timeout");
            } finally {
                own.restart();
            }
            assertEquals(Status.DONE, onUrl.claim(done, LONG).status(), "back at the first operation; the done key survived the crash");
        }
    }

    /** Neither a message nor toString holds a URL's password. */
    @Test
    void noMessageHoldsThePassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (JdbcIdempotencyStore unreachable = JdbcIdempotencyStore.builder(
                "jdbc:postgresql://127.0.0.1:" + closed + "/postgres?user=postgres&password=hunter2-secret").build()) {
            StoreUnavailableException failure = assertThrows(StoreUnavailableException.class, () -> unreachable.claim(key(), LONG));
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertFalse(t.toString().contains("hunter2"), t.toString());
            }
            assertFalse(unreachable.toString().contains("hunter2"));
        }
        IllegalArgumentException notJdbc = assertThrows(IllegalArgumentException.class, () -> JdbcIdempotencyStore.builder("postgres://u:hunter2@h/db"));
        assertFalse(notJdbc.getMessage().contains("hunter2"));
    }
}
