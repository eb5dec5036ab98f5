package dev.givinghooks.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of a store shared by several instances of a receiver: two adapters (two servers,
 * each with a store of its own connected to the same backing server, as two instances of an
 * application would be) must deduplicate as one, and a backing server that stops must make them
 * fail as configured, losing nothing and processing nothing twice once it is back.
 *
 * <pre>{@code
 * class RedisSharedStoreTest extends SharedStoreContractTest {
 *     protected IdempotencyStore connect() { return RedisIdempotencyStore.connect(redis.uri()); }
 *     protected RunningAdapter start(AdapterSetup setup, int instance) { ... }  // a real server
 *     protected void stopServer() { redis.kill(); }
 *     protected void startServer() { redis.restart(); }
 * }
 * }</pre>
 *
 * <p>The backing server must keep what it stored across {@link #stopServer()} and
 * {@link #startServer()}, as a production store with persistence does. Tests run one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SharedStoreContractTest {
    /** How long a store may take to reconnect after its server is back. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final Testkit kit = Testkit.create();
    private final WebhookSender sender = WebhookSender.create();
    private final ScriptedApplication application = new ScriptedApplication();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<IdempotencyStore> stores = new ArrayList<>();
    private AdapterSetup setup;
    private RunningAdapter first;
    private RunningAdapter second;

    /** Creates the suite. */
    protected SharedStoreContractTest() {
    }

    /**
     * Returns a new store connected to the shared backing server, with a client of its own, as
     * another instance of the application would have. The suite closes it if it is
     * {@link AutoCloseable}.
     *
     * @return the store
     * @throws Exception when it cannot connect
     */
    protected abstract IdempotencyStore connect() throws Exception;

    /**
     * Starts an adapter on a real server, configured from the setup.
     *
     * @param setup the verifiers, store, failure mode, body limit and application to use
     * @param instance 0 or 1 for the two instances the suite keeps running (they may differ, such
     *        as two servlet containers), 2 for the ones it starts for one test
     * @return the running adapter
     * @throws Exception when it cannot be started
     */
    protected abstract RunningAdapter start(AdapterSetup setup, int instance) throws Exception;

    /**
     * Stops the backing server abruptly, as a crash would.
     *
     * @throws Exception when it cannot be stopped
     */
    protected abstract void stopServer() throws Exception;

    /**
     * Starts the backing server again where it was, with what it had stored.
     *
     * @throws Exception when it does not start
     */
    protected abstract void startServer() throws Exception;

    /**
     * Starts the two instances.
     *
     * @throws Exception when they cannot be started
     */
    @BeforeAll
    public final void startInstances() throws Exception {
        setup = new AdapterSetup(kit.sirGivingVerifier(), kit.givingBlockDecryptor(), kit.chuffedVerifier(),
                IdempotencyStore.inMemory(), kit.maxBodyBytes(), application);
        first = instance(false, 0);
        second = instance(false, 1);
    }

    /**
     * Stops the instances and closes their stores.
     *
     * @throws Exception when one cannot be stopped
     */
    @AfterAll
    public final void stopInstances() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private RunningAdapter instance(boolean failOpen, int instance) throws Exception {
        IdempotencyStore store = connect();
        assertNotNull(store, "connect() returned null");
        stores.add(store);
        if (store instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        RunningAdapter adapter = start(setup.with(store, failOpen), instance);
        assertNotNull(adapter, "start returned null");
        resources.add(adapter);
        return adapter;
    }

    /**
     * A delivery processed by one instance is acknowledged by the other with 200, without a call.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void aDuplicateOnTheOtherInstanceIsAcknowledgedWithoutProcessing(Provider provider) throws Exception {
        Fixture delivery = fresh(provider);
        String key = key(delivery);
        assertEquals(200, send(first, delivery).status());
        assertEquals(200, send(second, delivery).status(), "the duplicate on the other instance");
        assertEquals(200, send(first, delivery).status(), "the duplicate on the first instance");
        assertEquals(1, application.calls(key).size(), "application calls");
    }

    /**
     * Fifty concurrent copies of one delivery, spread over both instances, are processed once:
     * while the first is processed, every other copy is refused with 409, and the provider's
     * retries of those are acknowledged without a call.
     *
     * @throws Exception on failure
     */
    @Test
    public final void fiftyConcurrentCopiesOverBothInstancesAreProcessedOnce() throws Exception {
        Fixture delivery = fresh(Provider.SIR_GIVING);
        String key = key(delivery);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        application.script(key, verified -> {
            entered.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the suite never released the delivery");
            }
            return 200;
        });
        List<CompletableFuture<WebhookSender.Response>> copies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            copies.add(sender.sendAsync(delivery, (i % 2 == 0 ? first : second).endpoint(Provider.SIR_GIVING)));
        }
        int conflicts = 0;
        try {
            assertTrue(entered.await(30, TimeUnit.SECONDS), "no copy reached the application");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (copies.stream().filter(CompletableFuture::isDone).count() < 49 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (CompletableFuture<WebhookSender.Response> copy : copies) {
                if (copy.isDone()) {
                    WebhookSender.Response response = copy.get();
                    assertEquals(Reason.DUPLICATE_IN_PROGRESS.httpStatus(), response.status(), "a copy while the first is processed: " + response);
                    conflicts++;
                }
            }
        } finally {
            release.countDown();
        }
        assertEquals(49, conflicts, "copies refused while the first was processed");
        int processed = 0;
        for (CompletableFuture<WebhookSender.Response> copy : copies) {
            if (copy.get(30, TimeUnit.SECONDS).status() == 200) {
                processed++;
            }
        }
        assertEquals(1, processed, "copies answered 200");
        for (int i = 0; i < 49; i++) {
            assertEquals(200, send(i % 2 == 0 ? second : first, delivery).status(), "a retry of a refused copy");
        }
        assertEquals(1, application.calls(key).size(), "application calls");
    }

    /**
     * A delivery whose processing failed on one instance is processed once by its retry on the
     * other.
     *
     * @throws Exception on failure
     */
    @Test
    public final void aFailureOnOneInstanceIsProcessedOnceByTheRetryOnTheOther() throws Exception {
        Fixture delivery = fresh(Provider.CHUFFED);
        String key = key(delivery);
        application.script(key, verified -> {
            throw new IllegalStateException("processing failure scripted by the shared-store suite");
        });
        int failed = send(first, delivery).status();
        assertTrue(failed >= 500 && failed <= 599, "the failed processing is answered 5xx, was " + failed);
        assertEquals(200, send(second, delivery).status(), "the retry on the other instance");
        assertEquals(200, send(first, delivery).status(), "a further retry");
        assertEquals(200, send(second, delivery).status(), "a further retry");
        assertEquals(2, application.calls(key).size(), "one failed call, one processed");
    }

    /**
     * Failing closed: while the backing server is down, deliveries are refused with 503 and
     * {@code Retry-After} and nothing is processed; once it is back, the provider's retries of
     * every delivery, before and during the outage, are each processed exactly once.
     *
     * @throws Exception on failure
     */
    @Test
    public final void anOutageFailsClosedAndNothingIsLostOrProcessedTwice() throws Exception {
        List<Fixture> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deliveries.add(fresh(Provider.values()[i % 3]));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(200, send(i % 2 == 0 ? first : second, deliveries.get(i)).status(), "before the outage");
        }
        int before = application.total();
        stopServer();
        try {
            for (int i = 4; i < 8; i++) {
                WebhookSender.Response refused = send(i % 2 == 0 ? first : second, deliveries.get(i));
                assertEquals(503, refused.status(), "during the outage: " + refused);
                assertTrue(refused.header("Retry-After").isPresent(), "a 503 says when to retry");
                assertTrue(refused.bodyText().contains(Reason.STORE_UNAVAILABLE.name()), refused.bodyText());
            }
            assertEquals(before, application.total(), "nothing is processed during the outage");
        } finally {
            startServer();
        }
        awaitRecovery();
        for (int round = 0; round < 2; round++) { // the provider retries all, on either instance
            for (int i = 0; i < deliveries.size(); i++) {
                assertEquals(200, send((i + round) % 2 == 0 ? second : first, deliveries.get(i)).status(), "retry after the outage");
            }
        }
        for (Fixture delivery : deliveries) {
            assertEquals(1, application.calls(key(delivery)).size(), "application calls for " + key(delivery));
        }
    }

    /**
     * Failing open: while the backing server is down, an instance configured to fail open
     * processes deliveries without deduplication; once it is back, deduplication resumes.
     *
     * @throws Exception on failure
     */
    @Test
    public final void anOutageFailsOpenWhenConfiguredAndDeduplicationResumes() throws Exception {
        RunningAdapter open = instance(true, 2);
        Fixture during = fresh(Provider.SIR_GIVING);
        stopServer();
        try {
            assertEquals(200, send(open, during).status(), "processed without deduplication");
            assertEquals(503, send(first, fresh(Provider.SIR_GIVING)).status(), "an instance failing closed still refuses");
        } finally {
            startServer();
        }
        assertEquals(1, application.calls(key(during)).size(), "processed during the outage");
        awaitRecovery();
        Fixture after = fresh(Provider.SIR_GIVING);
        assertEquals(200, send(open, after).status());
        assertEquals(200, send(open, after).status());
        assertEquals(200, send(second, after).status());
        assertEquals(1, application.calls(key(after)).size(), "deduplicated again");
    }

    /** Waits until every instance's store answers again, within the recovery time. */
    private void awaitRecovery() throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        for (IdempotencyStore store : stores) {
            while (true) {
                try {
                    store.claim("shared-store-contract:probe:" + UUID.randomUUID(), Duration.ofSeconds(1));
                    break;
                } catch (RuntimeException stillDown) {
                    assertTrue(System.nanoTime() < deadline, "a store did not recover within " + RECOVERY + " of its server's return: " + stillDown);
                    Thread.sleep(50);
                }
            }
        }
    }

    private Fixture fresh(Provider provider) {
        return switch (provider) {
            case SIR_GIVING -> kit.sirGiving().actionCompleted().signed();
            case GIVING_BLOCK -> kit.givingBlock().deposit().encrypted();
            case CHUFFED -> kit.chuffed().paymentConfirmed().signed();
        };
    }

    private String key(Fixture delivery) {
        return kit.verifier(delivery.provider()).verify(delivery.toWebhookRequest()).idempotencyKey();
    }

    private WebhookSender.Response send(RunningAdapter instance, Fixture delivery) throws Exception {
        return sender.send(delivery, instance.endpoint(delivery.provider()));
    }
}
