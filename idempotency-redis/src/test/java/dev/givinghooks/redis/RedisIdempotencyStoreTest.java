package dev.givinghooks.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.Verified;
import dev.givinghooks.WebhookListener;
import dev.givinghooks.WebhookReceiver;
import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import dev.givinghooks.spi.StoreUnavailableException;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** What the Redis store promises beyond the SPI contract, on a real redis-server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisIdempotencyStoreTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private RedisServer redis;
    private RedisIdempotencyStore store;

    @BeforeAll
    void start() throws IOException {
        redis = RedisServer.start();
        store = RedisIdempotencyStore.connect(redis.uri());
    }

    @AfterAll
    void stop() {
        store.close();
        redis.close();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    /** A processed delivery costs two round trips (claim, settle), a duplicate one. */
    @Test
    void aProcessedDeliveryTakesTwoRoundTripsAndADuplicateOne() throws Exception {
        store.complete(store.claim(key(), LONG), LONG); // the scripts are cached by now
        assertEquals("+OK", redis.command("CONFIG", "RESETSTAT"));
        String key = key();
        Claim claim = store.claim(key, LONG);
        assertTrue(store.complete(claim, LONG));
        assertEquals(Status.DONE, store.claim(key, LONG).status());
        String stats = redis.command("INFO", "commandstats");
        // Redis counts a script's own commands too: the completing EVALSHA runs one GET and one SET.
        assertEquals(1, calls(stats, "evalsha"), stats);
        assertEquals(1, calls(stats, "get"), "the script's GET: " + stats);
        assertEquals(2 + 1, calls(stats, "set"), "the two claims' SETs and the script's: " + stats);
        assertEquals(0, calls(stats, "eval") + calls(stats, "del") + calls(stats, "script"), stats);
    }

    private static int calls(String commandStats, String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The lease is a TTL that Redis keeps on its own clock (PX, relative): its expiry, read from
     * Redis, is Redis's time plus the lease, whatever the JVM's clock says; and the key is free
     * for another instance's store as soon as Redis expires it, not before.
     */
    @Test
    void leasesExpireOnRedisClock() throws Exception {
        String key = key();
        Duration lease = Duration.ofMillis(1500);
        assertTrue(store.claim(key, lease).acquired());
        long expiresAt = Long.parseLong(redis.command("PEXPIRETIME", "givinghooks:" + key).substring(1));
        long redisNow = redisMillis();
        assertTrue(expiresAt - redisNow > 1000 && expiresAt - redisNow <= 1500, "expiry - Redis time = " + (expiresAt - redisNow) + " ms");
        try (RedisIdempotencyStore other = RedisIdempotencyStore.connect(redis.uri())) {
            assertEquals(Status.IN_PROGRESS, other.claim(key, LONG).status(), "held while Redis's TTL runs");
            // Redis expires a key once its clock is past the expiry time, not at it: wait until
            // its TIME, truncated to the millisecond, is past that millisecond.
            while (redisMillis() <= expiresAt) {
                Thread.sleep(20);
            }
            assertEquals(Status.ACQUIRED, other.claim(key, LONG).status(), "free once Redis expired it");
        }
    }

    /** Redis's TIME, in milliseconds. */
    private long redisMillis() throws IOException {
        return Long.parseLong(redis.command("EVAL", "local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)", "0").substring(1));
    }

    /** A completed key is remembered for the retention, on Redis's clock too. */
    @Test
    void theRetentionIsARedisTtl() throws Exception {
        String key = key();
        assertTrue(store.complete(store.claim(key, LONG), Duration.ofHours(72)));
        long ttl = Long.parseLong(redis.command("PTTL", "givinghooks:" + key).substring(1));
        assertTrue(ttl > Duration.ofHours(71).toMillis() && ttl <= Duration.ofHours(72).toMillis(), "TTL " + ttl);
        assertEquals("D", redis.command("GET", "givinghooks:" + key));
    }

    /** A Redis that does not answer makes an operation fail within the timeout, and the store works once it answers again. */
    @Test
    void aSilentRedisFailsWithinTheTimeout() throws Exception {
        try (RedisIdempotencyStore quick = RedisIdempotencyStore.builder(redis.uri()).timeout(Duration.ofMillis(200)).build()) {
            assertEquals("+OK", redis.command("CLIENT", "PAUSE", "1500", "WRITE"));
            long start = System.nanoTime();
            CompletableFuture<Claim> pending = quick.claimAsync(key(), LONG).toCompletableFuture();
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100), "claimAsync does not wait for Redis");
            ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof StoreUnavailableException, failure.getCause().toString());
            assertTrue(failure.getCause().getMessage().contains("did not answer within PT0.2S"), failure.getCause().getMessage());
            StoreUnavailableException sync = assertThrows(StoreUnavailableException.class, () -> quick.claim(key(), LONG));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 1200, "two timed-out operations took " + took + " ms");
            assertTrue(sync.getMessage().contains("did not answer"), sync.getMessage());
            Thread.sleep(1600 - took);
            assertEquals(Status.ACQUIRED, quick.claim(key(), LONG).status(), "answers again after the pause");
        }
    }

    /** While Redis is down (a server of the test's own), a store of its own refuses at once; it reconnects by itself when Redis is back. */
    @Test
    void aStoppedRedisFailsFastAndTheStoreRecoversByItself() throws Exception {
        try (RedisServer redis = RedisServer.start(); RedisIdempotencyStore own = RedisIdempotencyStore.connect(redis.uri())) {
            String done = key();
            assertTrue(own.complete(own.claim(done, LONG), LONG));
            redis.kill();
            try {
                long start = System.nanoTime();
                assertThrows(StoreUnavailableException.class, () -> own.claim(key(), LONG));
                assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "refused without waiting for the timeout");
            } finally {
                redis.restart();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    assertEquals(Status.DONE, own.claim(done, LONG).status(), "the append-only file kept the done key");
                    break;
                } catch (StoreUnavailableException reconnecting) {
                    assertTrue(System.nanoTime() < deadline, "no reconnection within 10 s");
                    Thread.sleep(50);
                }
            }
        }
    }

    /** Redis forgets its script cache on restart (or SCRIPT FLUSH): the store runs the script by body once and carries on. */
    @Test
    void aFlushedScriptCacheIsRefilled() throws Exception {
        Claim first = store.claim(key(), LONG);
        assertEquals("+OK", redis.command("SCRIPT", "FLUSH"));
        assertTrue(store.complete(first, LONG));
        Claim second = store.claim(key(), LONG);
        assertEquals("+OK", redis.command("SCRIPT", "FLUSH"));
        assertTrue(store.release(second));
        assertFalse(store.release(second));
    }

    /** Keys carry the prefix; stores with different prefixes share a Redis without seeing each other's keys. */
    @Test
    void thePrefixSeparatesReceivers() throws Exception {
        String key = key();
        try (RedisIdempotencyStore a = RedisIdempotencyStore.builder(redis.uri()).keyPrefix("app-a:").build();
                RedisIdempotencyStore b = RedisIdempotencyStore.builder(redis.uri()).keyPrefix("app-b:").build()) {
            assertTrue(a.claim(key, LONG).acquired());
            assertTrue(b.claim(key, LONG).acquired());
            assertEquals(":1", redis.command("EXISTS", "app-a:" + key));
            assertEquals(":1", redis.command("EXISTS", "app-b:" + key));
            assertEquals(":0", redis.command("EXISTS", key));
        }
    }

    /** A store on the application's own client closes its connection, never the client. */
    @Test
    void aStoreOnTheApplicationsClientLeavesTheClientOpen() {
        RedisClient client = RedisClient.create(redis.uri());
        try {
            String key = key();
            try (RedisIdempotencyStore onClient = RedisIdempotencyStore.of(client)) {
                assertTrue(onClient.claim(key, LONG).acquired());
            }
            try (RedisIdempotencyStore again = RedisIdempotencyStore.of(client)) {
                assertEquals(Status.IN_PROGRESS, again.claim(key, LONG).status(), "the client still connects");
            }
        } finally {
            client.shutdown();
        }
    }

    /** An unreachable Redis fails the build with the store's exception; no message or toString holds the password. */
    @Test
    void anUnreachableRedisFailsTheBuildWithoutThePassword() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String uri = "redis://:hunter2-secret@127.0.0.1:" + closed;
        assertNoSecret(assertThrows(StoreUnavailableException.class, () -> RedisIdempotencyStore.connect(uri)), "hunter2");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RedisIdempotencyStore.connect("http://:hunter2-secret@x"));
        assertFalse(bad.getMessage().contains("hunter2"), bad.getMessage());
        try (RedisIdempotencyStore withPassword = RedisIdempotencyStore.connect("redis://default:unused-but-secret@127.0.0.1:" + redis.port())) {
            assertFalse(withPassword.toString().contains("unused-but-secret"), withPassword.toString());
            assertEquals("RedisIdempotencyStore[Redis, prefix=givinghooks:, timeout=PT1S]", withPassword.toString());
        } catch (StoreUnavailableException authRefused) { // a Redis without ACLs refuses a password: then its message must not hold it either
            assertNoSecret(authRefused, "unused-but-secret");
        }
    }

    private static void assertNoSecret(Throwable failure, String secret) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(t.toString().contains(secret), "a message holds the password: " + t);
        }
    }

    /** URIs: the schemes taken, cluster seeds, and clear refusals. */
    @Test
    void urisNameAStandaloneServerOrClusterSeeds() {
        assertEquals(1, RedisIdempotencyStore.seeds("redis://127.0.0.1:6379/2").size());
        List<io.lettuce.core.RedisURI> seeds = RedisIdempotencyStore.seeds("rediss-cluster://user:pw@10.0.0.1:7000,10.0.0.2:7001?timeout=5s");
        assertEquals(2, seeds.size());
        assertEquals("10.0.0.2", seeds.get(1).getHost());
        assertEquals(7001, seeds.get(1).getPort());
        assertTrue(seeds.get(1).isSsl());
        assertTrue(seeds.stream().allMatch(seed -> seed.toString().contains("user")), "every seed has the credentials");
        assertThrows(IllegalArgumentException.class, () -> RedisIdempotencyStore.seeds("redis-cluster://a:1,,b:2"));
        assertThrows(IllegalArgumentException.class, () -> RedisIdempotencyStore.connect("localhost:6379"));
        assertThrows(IllegalArgumentException.class, () -> RedisIdempotencyStore.builder(redis.uri()).timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store.claim(key(), Duration.ofMillis(-1)));
    }

    /**
     * Failing open, end to end on the receiver: with Redis down, the delivery is processed without
     * deduplication and the listener is told.
     */
    @Test
    void failingOpenProcessesAndTellsTheListener() throws Exception {
        Testkit kit = Testkit.create();
        AtomicBoolean told = new AtomicBoolean();
        try (RedisServer redis = RedisServer.start(); RedisIdempotencyStore own = RedisIdempotencyStore.connect(redis.uri())) {
            WebhookReceiver open = WebhookReceiver.builder(kit.chuffedVerifier()).idempotencyStore(own).failOpen(true)
                    .listener(new WebhookListener() {
                        @Override
                        public void onStoreFailure(Verified<?> verified, Throwable cause, boolean processedAnyway) {
                            told.set(processedAnyway && cause instanceof StoreUnavailableException);
                        }
                    }).build();
            WebhookReceiver closed = WebhookReceiver.builder(kit.chuffedVerifier()).idempotencyStore(own).build();
            Fixture delivery = kit.chuffed().paymentConfirmed().signed();
            redis.kill();
            try {
                assertTrue(open.receive(delivery.toWebhookRequest()) instanceof WebhookReceiver.Accepted, "processed without deduplication");
                assertTrue(told.get(), "the listener was told");
                WebhookReceiver.Outcome refused = closed.receive(delivery.toWebhookRequest());
                assertTrue(refused instanceof WebhookReceiver.Refused r && r.status() == 503, refused.toString());
            } finally {
                redis.restart();
            }
        }
    }
}
