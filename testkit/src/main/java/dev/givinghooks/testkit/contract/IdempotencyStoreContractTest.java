package dev.givinghooks.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link IdempotencyStore} SPI contract that every store passes: atomic claims, owner tokens,
 * completion for the retention, release, lease expiry, and the asynchronous methods agreeing with
 * the synchronous ones. Extend it and return the store under test:
 *
 * <pre>{@code
 * class RedisStoreContractTest extends IdempotencyStoreContractTest {
 *     protected IdempotencyStore createStore() { return RedisIdempotencyStore.of(client); }
 * }
 * }</pre>
 *
 * <p>Time passes for real (a store's clock may be its server's): leases and retentions in the
 * suite are a few hundred milliseconds, and each test uses keys of its own, so one store serves
 * the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class IdempotencyStoreContractTest {
    /** A lease long enough never to expire during a test that does not wait for it. */
    private static final Duration LONG = Duration.ofMinutes(5);
    /** A lease or retention the suite waits out. */
    private static final Duration SHORT = Duration.ofMillis(300);

    private IdempotencyStore store;

    /** Creates the suite. */
    protected IdempotencyStoreContractTest() {
    }

    /**
     * Returns the store under test, empty or holding only keys of its own; called once, before
     * the suite's tests.
     *
     * @return the store
     * @throws Exception when it cannot be created
     */
    protected abstract IdempotencyStore createStore() throws Exception;

    /**
     * Creates the store.
     *
     * @throws Exception as {@link #createStore()} throws
     */
    @BeforeAll
    public final void createTheStore() throws Exception {
        store = createStore();
    }

    /**
     * Closes the store if it is {@link AutoCloseable}.
     *
     * @throws Exception as its close throws
     */
    @AfterAll
    public final void closeTheStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static String key() {
        return "contract:" + UUID.randomUUID();
    }

    private static void waitOut(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis() + 150);
    }

    /** The first claim acquires the key with an owner token; the next sees it in progress, with none. */
    @Test
    public void theFirstClaimAcquiresAndTheNextSeesItInProgress() {
        String key = key();
        Claim first = store.claim(key, LONG);
        assertEquals(Status.ACQUIRED, first.status());
        assertNotNull(first.ownerToken());
        Claim second = store.claim(key, LONG);
        assertEquals(Status.IN_PROGRESS, second.status());
        assertNull(second.ownerToken());
        assertEquals(Status.ACQUIRED, store.claim(key(), LONG).status(), "another key is independent");
    }

    /** A completed key is done for its retention, then claimable again. */
    @Test
    public void aCompletedKeyIsDoneForItsRetention() throws Exception {
        String key = key();
        Claim claim = store.claim(key, LONG);
        assertTrue(store.complete(claim, SHORT));
        assertEquals(Status.DONE, store.claim(key, LONG).status());
        assertFalse(store.complete(claim, LONG), "completing twice acts on nothing");
        assertFalse(store.release(claim), "a done key is not released by its old claim");
        assertEquals(Status.DONE, store.claim(key, LONG).status());
        waitOut(SHORT);
        assertEquals(Status.ACQUIRED, store.claim(key, LONG).status(), "the retention has passed");
    }

    /** A released key is claimable again at once. */
    @Test
    public void aReleasedKeyIsClaimableAgain() {
        String key = key();
        Claim claim = store.claim(key, LONG);
        assertTrue(store.release(claim));
        assertFalse(store.release(claim), "releasing twice acts on nothing");
        Claim again = store.claim(key, LONG);
        assertEquals(Status.ACQUIRED, again.status());
        assertNotEquals(claim.ownerToken(), again.ownerToken(), "each acquisition has a token of its own");
    }

    /** After a lease expires, another delivery claims the key, and the late owner cannot touch its claim. */
    @Test
    public void aLateOwnerCannotTouchTheNextClaim() throws Exception {
        String key = key();
        Claim late = store.claim(key, SHORT);
        waitOut(SHORT);
        Claim next = store.claim(key, LONG);
        assertEquals(Status.ACQUIRED, next.status(), "the expired lease freed the key");
        assertFalse(store.complete(late, LONG));
        assertFalse(store.release(late));
        assertEquals(Status.IN_PROGRESS, store.claim(key, LONG).status(), "the next claim is intact");
        assertTrue(store.complete(next, LONG));
        assertEquals(Status.DONE, store.claim(key, LONG).status());
    }

    /** A claim that was not acquired completes and releases nothing. */
    @Test
    public void aClaimNotAcquiredActsOnNothing() {
        String key = key();
        Claim owner = store.claim(key, LONG);
        Claim other = store.claim(key, LONG);
        assertFalse(store.complete(other, LONG));
        assertFalse(store.release(other));
        assertEquals(Status.IN_PROGRESS, store.claim(key, LONG).status());
        assertTrue(store.release(owner));
    }

    /**
     * Many threads claiming one key acquire it exactly once, round after round.
     *
     * @throws Exception when a thread fails
     */
    @Test
    public void manyThreadsClaimingOneKeyAcquireItOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 25; round++) {
                String key = key();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Claim>> claims = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    claims.add(threads.submit(() -> {
                        start.await();
                        return store.claim(key, LONG);
                    }));
                }
                start.countDown();
                int acquired = 0;
                for (Future<Claim> claim : claims) {
                    if (claim.get(30, TimeUnit.SECONDS).acquired()) {
                        acquired++;
                    }
                }
                assertEquals(1, acquired, "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The asynchronous methods agree with the synchronous ones.
     *
     * @throws Exception when a stage fails
     */
    @Test
    public void theAsynchronousMethodsAgree() throws Exception {
        String key = key();
        Claim claim = store.claimAsync(key, LONG).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(Status.ACQUIRED, claim.status());
        assertEquals(Status.IN_PROGRESS, store.claimAsync(key, LONG).toCompletableFuture().get(30, TimeUnit.SECONDS).status());
        assertTrue(store.releaseAsync(claim).toCompletableFuture().get(30, TimeUnit.SECONDS));
        Claim again = store.claimAsync(key, LONG).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(store.completeAsync(again, LONG).toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertFalse(store.completeAsync(again, LONG).toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(Status.DONE, store.claimAsync(key, LONG).toCompletableFuture().get(30, TimeUnit.SECONDS).status());
    }
}
