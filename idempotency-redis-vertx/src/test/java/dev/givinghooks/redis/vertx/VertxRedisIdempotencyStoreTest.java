package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.redis.RedisIdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import dev.givinghooks.spi.StoreUnavailableException;
import dev.givinghooks.testsupport.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** What the Vert.x Redis store promises beyond the SPI contract, on a real redis-server and real event loops. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VertxRedisIdempotencyStoreTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private RedisServer redis;
    private Vertx vertx;
    private VertxRedisIdempotencyStore store;
    /** The store, every operation started on one event loop. */
    private OnTheLoops onTheLoop;

    @BeforeAll
    void start() throws IOException {
        redis = RedisServer.start();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        store = VertxRedisIdempotencyStore.create(vertx, redis.uri());
        onTheLoop = new OnTheLoops(store, vertx, 1);
    }

    @AfterAll
    void stop() throws Exception {
        store.close();
        vertx.close().await();
        redis.close();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    /** The two stores keep the same data: instances on either share one Redis, each settling the other's claims. */
    @Test
    void theLettuceStoreAndThisOneShareARedis() throws Exception {
        try (RedisIdempotencyStore lettuce = RedisIdempotencyStore.connect(redis.uri())) {
            String mine = key();
            Claim claimed = onTheLoop.claim(mine, LONG);
            assertEquals(Status.IN_PROGRESS, lettuce.claim(mine, LONG).status(), "Lettuce sees this store's claim");
            assertTrue(onTheLoop.complete(claimed, LONG));
            assertEquals(Status.DONE, lettuce.claim(mine, LONG).status(), "and its completion");

            String theirs = key();
            Claim lettuceClaim = lettuce.claim(theirs, LONG);
            assertEquals(Status.IN_PROGRESS, onTheLoop.claim(theirs, LONG).status(), "this store sees Lettuce's claim");
            assertTrue(onTheLoop.release(lettuceClaim), "and may settle it, the owner token being in the claim");
            assertEquals(Status.ACQUIRED, lettuce.claim(theirs, LONG).status());
            assertEquals("D", redis.command("GET", "givinghooks:" + mine));
        }
    }

    /** A processed delivery costs two round trips (claim, settle), a duplicate one. */
    @Test
    void aProcessedDeliveryTakesTwoRoundTripsAndADuplicateOne() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            VertxRedisIdempotencyStore counted = VertxRedisIdempotencyStore.create(vertx, own.uri());
            IdempotencyStore onLoop = new OnTheLoops(counted, vertx, 1);
            onLoop.complete(onLoop.claim(key(), LONG), LONG); // connected, scripts cached by now
            assertEquals("+OK", own.command("CONFIG", "RESETSTAT"));
            String key = key();
            assertTrue(onLoop.complete(onLoop.claim(key, LONG), LONG));
            assertEquals(Status.DONE, onLoop.claim(key, LONG).status());
            String stats = own.command("INFO", "commandstats");
            // Redis counts a script's own commands too: the completing EVALSHA runs one GET and one SET.
            assertEquals(1, calls(stats, "evalsha"), stats);
            assertEquals(1, calls(stats, "get"), "the script's GET: " + stats);
            assertEquals(2 + 1, calls(stats, "set"), "the two claims' SETs and the script's: " + stats);
            assertEquals(0, calls(stats, "eval") + calls(stats, "del") + calls(stats, "script") + calls(stats, "ping"), stats);
            counted.close();
        }
    }

    private static int calls(String commandStats, String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The claims a loop starts in one turn leave in one write and are read by Redis at once, not
     * one read each; their results are each claim's own.
     */
    @Test
    void theClaimsOfOneTurnOfTheLoopLeaveTogether() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            VertxRedisIdempotencyStore batching = VertxRedisIdempotencyStore.create(vertx, own.uri());
            new OnTheLoops(batching, vertx, 1).claim(key(), LONG); // connected
            String taken = key();
            new OnTheLoops(batching, vertx, 1).claim(taken, LONG);
            assertEquals("+OK", own.command("CONFIG", "RESETSTAT"));
            List<String> keys = new ArrayList<>(List.of(taken));
            for (int i = 0; i < 49; i++) {
                keys.add(key());
            }
            List<CompletableFuture<Claim>> claims = inOneTurn(batching, keys);
            assertEquals(Status.IN_PROGRESS, claims.get(0).get(10, TimeUnit.SECONDS).status(), "the key claimed before");
            for (CompletableFuture<Claim> claim : claims.subList(1, claims.size())) {
                assertEquals(Status.ACQUIRED, claim.get(10, TimeUnit.SECONDS).status());
            }
            String stats = own.command("INFO", "all");
            assertEquals(50, calls(stats, "set"), stats);
            // The test's own connection, which asks, is one read more.
            long reads = field(stats, "total_reads_processed");
            assertTrue(reads <= 1 + 2, "Redis read 50 claims in " + (reads - 1) + " reads");
            batching.close();
        }
    }

    /**
     * Redis refuses one claim of a turn's (a key of the prefix holding a list: misconfiguration):
     * only that claim fails; the others, in the same write, are acquired, their completions work,
     * and the loop's connection carries on.
     */
    @Test
    void aClaimThatRedisRefusesFailsAlone() throws Exception {
        String list = key();
        assertEquals(":1", redis.command("LPUSH", "givinghooks:" + list, "not ours"));
        String first = key();
        String last = key();
        assertEquals("+OK", redis.command("CONFIG", "RESETSTAT"));
        List<CompletableFuture<Claim>> claims = inOneTurn(store, List.of(first, list, last));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> claims.get(1).get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof StoreUnavailableException, failure.getCause().toString());
        assertTrue(String.valueOf(failure.getCause().getCause()).contains("WRONGTYPE"), "Redis's own refusal: " + failure.getCause().getCause());
        List<Claim> taken = List.of(claims.get(0).get(10, TimeUnit.SECONDS), claims.get(2).get(10, TimeUnit.SECONDS));
        assertEquals(3, calls(redis.command("INFO", "commandstats"), "set"), "each claim sent once");
        for (Claim claim : taken) {
            assertEquals(Status.ACQUIRED, claim.status());
            assertTrue(onTheLoop.complete(claim, LONG), "the claim is the store's own");
            assertEquals("D", redis.command("GET", "givinghooks:" + claim.key()));
        }
        assertEquals(Status.ACQUIRED, onTheLoop.claim(key(), LONG).status(), "the loop's connection carries on");
    }

    /** A user and password (Redis ACLs) and a database number in the URI are used, on and off the loops. */
    @Test
    void theUriNamesAUserAndADatabase() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            assertEquals("+OK", own.command("ACL", "SETUSER", "receiver", "on", ">p@ss:w/rd", "~givinghooks:*", "+@all"));
            VertxRedisIdempotencyStore named = VertxRedisIdempotencyStore.create(vertx, "redis://receiver:p%40ss%3Aw%2Frd@localhost:" + own.port() + "/3");
            String onLoop = key();
            String offLoop = key();
            IdempotencyStore loop = new OnTheLoops(named, vertx, 1);
            assertTrue(loop.complete(loop.claim(onLoop, LONG), LONG));
            assertTrue(named.complete(named.claim(offLoop, LONG), LONG));
            List<String> clients = own.command("CLIENT", "LIST").lines().filter(client -> client.contains(" user=receiver ")).toList();
            assertEquals(2, clients.size(), "the loop's connection and one from the pool: " + clients);
            clients.forEach(client -> assertTrue(client.contains(" db=3 "), client));
            for (String key : List.of(onLoop, offLoop)) {
                assertEquals("D", own.command("EVAL", "redis.call('SELECT', 3) return redis.call('GET', KEYS[1])", "1", "givinghooks:" + key));
            }
            named.close();
        }
    }

    /**
     * A rediss:// URI connects with TLS, on the loops' pipelines and off the loops alike, only to
     * a server whose certificate is trusted and names the URI's host.
     */
    @Test
    void redissChecksTheServersCertificate() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        int tlsPort = closedPort();
        try (RedisServer own = RedisServer.start(List.of("--tls-port", Integer.toString(tlsPort), "--tls-auth-clients", "no",
                "--tls-cert-file", certificate.certificatePath(), "--tls-key-file", certificate.privateKeyPath()))) {
            VertxRedisIdempotencyStore trusting = VertxRedisIdempotencyStore.builder(vertx, "rediss://localhost:" + tlsPort)
                    .trust(certificate.trustOptions()).build();
            String key = key();
            IdempotencyStore loop = new OnTheLoops(trusting, vertx, 1);
            assertTrue(loop.complete(loop.claim(key, LONG), LONG), "on the loop's pipeline");
            assertEquals(Status.DONE, trusting.claim(key, LONG).status(), "off the loop, on Vert.x's client");
            assertEquals("D", own.command("GET", "givinghooks:" + key));
            trusting.close();

            VertxRedisIdempotencyStore untrusted = VertxRedisIdempotencyStore.create(vertx, "rediss://localhost:" + tlsPort);
            VertxRedisIdempotencyStore otherName = VertxRedisIdempotencyStore.builder(vertx, "rediss://127.0.0.1:" + tlsPort)
                    .trust(certificate.trustOptions()).build();
            for (VertxRedisIdempotencyStore refused : List.of(untrusted, otherName)) {
                StoreUnavailableException onLoop = assertThrows(StoreUnavailableException.class, () -> new OnTheLoops(refused, vertx, 1).claim(key(), LONG));
                assertTrue(String.valueOf(onLoop.getCause()).contains("SSL"), "the handshake failed: " + onLoop.getCause());
                assertThrows(StoreUnavailableException.class, () -> refused.claim(key(), LONG));
                refused.close();
            }
        } finally {
            certificate.delete();
        }
    }

    /**
     * A connection on which commands have waited a whole timeout without a reply (a Redis that
     * stopped answering, a peer gone without closing) is given up for a new one, and the store
     * works on it once Redis answers.
     */
    @Test
    void aConnectionThatStoppedAnsweringIsReplaced() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            VertxRedisIdempotencyStore quick = VertxRedisIdempotencyStore.builder(vertx, own.uri()).timeout(Duration.ofMillis(200)).build();
            IdempotencyStore onLoop = new OnTheLoops(quick, vertx, 1);
            assertTrue(onLoop.claim(key(), LONG).acquired(), "connected before the pause");
            long connected = field(own.command("INFO", "stats"), "total_connections_received");
            assertEquals("+OK", own.command("CLIENT", "PAUSE", "1500", "WRITE"));
            long start = System.nanoTime();
            assertThrows(StoreUnavailableException.class, () -> onLoop.claim(key(), LONG));
            Thread.sleep(100); // the first claim has now waited more than the timeout
            assertThrows(StoreUnavailableException.class, () -> onLoop.claim(key(), LONG));
            long connections = field(own.command("INFO", "stats"), "total_connections_received");
            Thread.sleep(Math.max(0, 1700 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            assertEquals(Status.ACQUIRED, onLoop.claim(key(), LONG).status(), "answers again after the pause");
            // The connection that replaced the loop's first, and the test's PAUSE and INFO, one each.
            assertEquals(connected + 1 + 2, connections, "connections received during the pause");
            quick.close();
        }
    }

    /** Starts a claim of each key in one task on one event loop. */
    private List<CompletableFuture<Claim>> inOneTurn(IdempotencyStore store, List<String> keys) throws Exception {
        CompletableFuture<List<CompletableFuture<Claim>>> started = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(turn -> started.complete(
                keys.stream().map(key -> store.claimAsync(key, LONG).toCompletableFuture()).toList()));
        return started.get(10, TimeUnit.SECONDS);
    }

    /**
     * On a blocking handler's worker thread, whose current context is the loop's, the store's
     * calls, blocking ones included, work (on connections from the pool, not the loop's own).
     */
    @Test
    void aWorkerThreadOfABlockingHandlerUsesThePool() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            VertxRedisIdempotencyStore pooled = VertxRedisIdempotencyStore.create(vertx, own.uri());
            String key = key();
            CompletableFuture<Status> statuses = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(onLoop -> vertx.executeBlocking(() -> {
                Claim claim = pooled.claim(key, LONG);
                assertTrue(pooled.complete(claim, LONG));
                return pooled.claimAsync(key, LONG).toCompletableFuture().get(10, TimeUnit.SECONDS).status();
            }).onComplete((status, failure) -> {
                if (failure == null) {
                    statuses.complete(status);
                } else {
                    statuses.completeExceptionally(failure);
                }
            }));
            assertEquals(Status.DONE, statuses.get(10, TimeUnit.SECONDS));
            assertEquals("D", own.command("GET", "givinghooks:" + key));
            pooled.close();
        }
    }

    /** Each event loop that uses the store opens one connection and keeps it: deliveries do not open connections. */
    @Test
    void eachLoopKeepsOneConnection() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            VertxRedisIdempotencyStore counted = VertxRedisIdempotencyStore.create(vertx, own.uri());
            OnTheLoops twoLoops = new OnTheLoops(counted, vertx, 2);
            List<CompletableFuture<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                claims.add(twoLoops.claimAsync(key(), LONG).toCompletableFuture());
            }
            for (CompletableFuture<Claim> claim : claims) {
                assertTrue(claim.get(30, TimeUnit.SECONDS).acquired());
            }
            String info = own.command("INFO", "stats");
            // the test's own connection, which asks, is one more
            assertEquals(2 + 1, field(info, "total_connections_received"), info);
            assertEquals(0, twoLoops.hops(), "results that came back on another thread than their loop");
            counted.close();
        }
    }

    private static long field(String info, String name) {
        Matcher m = Pattern.compile(name + ":(\\d+)").matcher(info);
        assertTrue(m.find(), name + " in " + info);
        return Long.parseLong(m.group(1));
    }

    /** The lease and the retention are TTLs on Redis's clock. */
    @Test
    void leasesAndRetentionsAreRedisTtls() throws Exception {
        String key = key();
        Claim claim = onTheLoop.claim(key, Duration.ofMillis(1500));
        long lease = Long.parseLong(redis.command("PTTL", "givinghooks:" + key).substring(1));
        assertTrue(lease > 1000 && lease <= 1500, "lease TTL " + lease);
        assertTrue(onTheLoop.complete(claim, Duration.ofHours(72)));
        long retention = Long.parseLong(redis.command("PTTL", "givinghooks:" + key).substring(1));
        assertTrue(retention > Duration.ofHours(71).toMillis() && retention <= Duration.ofHours(72).toMillis(), "retention TTL " + retention);
    }

    /** A Redis that does not answer makes an operation fail within the timeout, on and off the loops; the store works once it answers. */
    @Test
    void aSilentRedisFailsWithinTheTimeout() throws Exception {
        VertxRedisIdempotencyStore quick = VertxRedisIdempotencyStore.builder(vertx, redis.uri()).timeout(Duration.ofMillis(200)).build();
        IdempotencyStore quickOnLoop = new OnTheLoops(quick, vertx, 1);
        assertTrue(quickOnLoop.claim(key(), LONG).acquired(), "connected before the pause");
        assertEquals("+OK", redis.command("CLIENT", "PAUSE", "1500", "WRITE"));
        long start = System.nanoTime();
        CompletableFuture<Claim> pending = quickOnLoop.claimAsync(key(), LONG).toCompletableFuture();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof StoreUnavailableException, failure.getCause().toString());
        assertTrue(failure.getCause().getMessage().contains("did not answer within PT0.2S"), failure.getCause().getMessage());
        StoreUnavailableException sync = assertThrows(StoreUnavailableException.class, () -> quick.claim(key(), LONG));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < 1200, "two timed-out operations took " + took + " ms");
        assertTrue(sync.getMessage().contains("did not answer"), sync.getMessage());
        Thread.sleep(1600 - took);
        assertEquals(Status.ACQUIRED, quickOnLoop.claim(key(), LONG).status(), "answers again after the pause");
        quick.close();
    }

    /** While Redis is down, a loop's operations fail at once; the loop reconnects by itself when Redis is back. */
    @Test
    void aStoppedRedisFailsFastAndTheStoreRecoversByItself() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            VertxRedisIdempotencyStore store = VertxRedisIdempotencyStore.create(vertx, own.uri());
            IdempotencyStore onLoop = new OnTheLoops(store, vertx, 1);
            String done = key();
            assertTrue(onLoop.complete(onLoop.claim(done, LONG), LONG));
            own.kill();
            try {
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    assertThrows(StoreUnavailableException.class, () -> onLoop.claim(key(), LONG));
                    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "refused without waiting for the timeout");
                }
            } finally {
                own.restart();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    assertEquals(Status.DONE, onLoop.claim(done, LONG).status(), "the append-only file kept the done key");
                    break;
                } catch (StoreUnavailableException reconnecting) {
                    assertTrue(System.nanoTime() < deadline, "no reconnection within 10 s");
                    Thread.sleep(50);
                }
            }
            store.close();
        }
    }

    /** Redis forgets its script cache on restart (or SCRIPT FLUSH): the store runs the script by body once and carries on. */
    @Test
    void aFlushedScriptCacheIsRefilled() throws Exception {
        Claim first = onTheLoop.claim(key(), LONG);
        assertEquals("+OK", redis.command("SCRIPT", "FLUSH"));
        assertTrue(onTheLoop.complete(first, LONG));
        Claim second = store.claim(key(), LONG);
        assertEquals("+OK", redis.command("SCRIPT", "FLUSH"));
        assertTrue(store.release(second));
        assertFalse(store.release(second));
    }

    /** Keys carry the prefix; stores with different prefixes share a Redis without seeing each other's keys. */
    @Test
    void thePrefixSeparatesReceivers() throws Exception {
        String key = key();
        VertxRedisIdempotencyStore a = VertxRedisIdempotencyStore.builder(vertx, redis.uri()).keyPrefix("app-a:").build();
        VertxRedisIdempotencyStore b = VertxRedisIdempotencyStore.builder(vertx, redis.uri()).keyPrefix("app-b:").build();
        assertTrue(a.claim(key, LONG).acquired());
        assertTrue(b.claim(key, LONG).acquired());
        assertEquals(":1", redis.command("EXISTS", "app-a:" + key));
        assertEquals(":1", redis.command("EXISTS", "app-b:" + key));
        assertEquals(":0", redis.command("EXISTS", key));
        a.close();
        b.close();
    }

    /** A store on the application's own client returns its connections on close, never closing the client. */
    @Test
    void aStoreOnTheApplicationsClientLeavesTheClientOpen() throws Exception {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redis.uri()));
        try {
            String key = key();
            VertxRedisIdempotencyStore onClient = VertxRedisIdempotencyStore.builder(vertx, client).build();
            assertTrue(new OnTheLoops(onClient, vertx, 1).claim(key, LONG).acquired());
            onClient.close();
            StoreUnavailableException closed = assertThrows(StoreUnavailableException.class, () -> onClient.claim(key(), LONG));
            assertTrue(closed.getCause() instanceof IllegalStateException, "a closed store refuses: " + closed);
            VertxRedisIdempotencyStore again = VertxRedisIdempotencyStore.builder(vertx, client).build();
            assertEquals(Status.IN_PROGRESS, new OnTheLoops(again, vertx, 1).claim(key, LONG).status(), "the client still connects");
        } finally {
            client.close().await();
        }
    }

    /** connect() completes once Redis answers, and fails with the store's exception when it cannot be reached. */
    @Test
    void connectChecksThatRedisAnswers() throws Exception {
        VertxRedisIdempotencyStore connected = VertxRedisIdempotencyStore.builder(vertx, redis.uri()).connect()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(connected.claim(key(), LONG).acquired());
        connected.close();
        ExecutionException unreachable = assertThrows(ExecutionException.class, () -> VertxRedisIdempotencyStore
                .builder(vertx, "redis://127.0.0.1:" + closedPort()).connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(unreachable.getCause() instanceof StoreUnavailableException, unreachable.getCause().toString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An unreachable Redis fails with the store's exception; no message or toString holds the password, nor does a refused URI. */
    @Test
    void noMessageHoldsThePassword() throws Exception {
        String uri = "redis://:hunter2-secret@127.0.0.1:" + closedPort();
        VertxRedisIdempotencyStore unreachable = VertxRedisIdempotencyStore.create(vertx, uri);
        assertNoSecret(assertThrows(StoreUnavailableException.class, () -> unreachable.claim(key(), LONG)), "hunter2");
        assertNoSecret(assertThrows(StoreUnavailableException.class, () -> new OnTheLoops(unreachable, vertx, 1).claim(key(), LONG)), "hunter2");
        assertEquals("VertxRedisIdempotencyStore[Redis, prefix=givinghooks:, timeout=PT1S]", unreachable.toString());
        unreachable.close();
        for (String bad : List.of("http://:hunter2-secret@x", "redis://:hunter2-secret@bad host:1", "redis-cluster://:hunter2-secret@a:1,,b:2")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VertxRedisIdempotencyStore.create(vertx, bad));
            assertNoSecret(refused, "hunter2");
        }
        try (RedisServer own = RedisServer.start()) {
            assertEquals("+OK", own.command("CONFIG", "SET", "requirepass", "right-password"));
            VertxRedisIdempotencyStore wrong = VertxRedisIdempotencyStore.create(vertx, "redis://:wrong-but-secret@127.0.0.1:" + own.port());
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> new OnTheLoops(wrong, vertx, 1).claim(key(), LONG));
            assertTrue(String.valueOf(refused.getCause()).contains("WRONGPASS"), "Redis refused the password: " + refused.getCause());
            assertNoSecret(refused, "wrong-but-secret");
            wrong.close();
            VertxRedisIdempotencyStore right = VertxRedisIdempotencyStore.create(vertx, "redis://:right-password@127.0.0.1:" + own.port());
            assertTrue(new OnTheLoops(right, vertx, 1).claim(key(), LONG).acquired(), "the password is used");
            assertFalse(right.toString().contains("right-password"), right.toString());
            right.close();
        }
    }

    private static void assertNoSecret(Throwable failure, String secret) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains(secret), "a message holds the password: " + t);
        }
    }

    /** URIs: core's RedisUris (tested there) for standalone servers and Cluster seeds, and clear refusals. */
    @Test
    void urisNameAStandaloneServerOrClusterSeeds() {
        assertEquals("VertxRedisIdempotencyStore[Redis Cluster, prefix=givinghooks:, timeout=PT1S]",
                VertxRedisIdempotencyStore.create(vertx, "rediss-cluster://user:pw@10.0.0.1:7000,10.0.0.2:7001?x=1").toString());
        assertThrows(IllegalArgumentException.class, () -> VertxRedisIdempotencyStore.create(vertx, "localhost:6379"));
        assertThrows(IllegalArgumentException.class, () -> VertxRedisIdempotencyStore.builder(vertx, redis.uri()).timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store.claim(key(), Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> VertxRedisIdempotencyStore.create(null, redis.uri()));
    }
}
