package dev.givinghooks.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.Provider;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.SirGivingEventBuilder;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.delivery.Delivery;
import dev.givinghooks.testkit.delivery.DeliveryReport;
import dev.givinghooks.testkit.delivery.DeliverySimulator;
import dev.givinghooks.testkit.delivery.RetryPolicy;
import dev.givinghooks.testkit.delivery.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Exactly once, the way providers deliver: the {@link DeliverySimulator} sends events to an
 * adapter in front of an application that is slow or fails the first times, with the providers'
 * retries, back-off and timeouts on a virtual clock. With deduplication each event is processed
 * exactly once and the simulator's report agrees; against the same adapter with a store that
 * deduplicates nothing, the suite sees the doubles, so it demonstrably catches the bug it exists
 * for. Subclass it and start the adapter as for {@link AdapterContractTest}; it is started twice.
 *
 * <p>The verifiers and the deduplicating store run on the simulator's virtual clock, so that a
 * retry signed two days later is current and a lease is measured in the provider's time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class DeliveryContractTest {
    /** Longer than the suite's attempt timeout: the endpoint is still processing when the provider gives up on the attempt. */
    private static final long SLOW_MILLIS = 900;
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final VirtualClock clock = VirtualClock.at(Testkit.DEFAULT_NOW);
    private final Testkit kit = Testkit.create(clock, 2026L);
    private final AtomicLong ids = new AtomicLong(500_000);
    private final ScriptedApplication deduplicated = new ScriptedApplication();
    private final ScriptedApplication forgetful = new ScriptedApplication();
    private RunningAdapter withDeduplication;
    private RunningAdapter withoutDeduplication;

    /** Creates the suite. */
    protected DeliveryContractTest() {
    }

    /**
     * Starts the adapter under test on a real server, configured from the setup.
     *
     * @param setup the verifiers, store, body limit and application to use
     * @return the running adapter
     * @throws Exception when it cannot be started
     */
    protected abstract RunningAdapter start(AdapterSetup setup) throws Exception;

    /**
     * Starts the adapter twice: deduplicating, and on a store that lets every delivery through.
     *
     * @throws Exception when it cannot be started
     */
    @BeforeAll
    public final void startAdapters() throws Exception {
        withDeduplication = start(setup(IdempotencyStore.inMemory(IdempotencyStore.DEFAULT_MAX_ENTRIES, clock), deduplicated));
        withoutDeduplication = start(setup(new ForgetfulStore(), forgetful));
        assertNotNull(withDeduplication, "start(setup) returned null");
        assertNotNull(withoutDeduplication, "start(setup) returned null");
    }

    private AdapterSetup setup(IdempotencyStore store, Application application) {
        return new AdapterSetup(kit.sirGivingVerifier(), kit.givingBlockDecryptor(), kit.chuffedVerifier(), store, kit.maxBodyBytes(), application);
    }

    /**
     * Stops both adapters.
     *
     * @throws Exception when one cannot be stopped
     */
    @AfterAll
    public final void stopAdapters() throws Exception {
        if (withDeduplication != null) {
            withDeduplication.close();
        }
        if (withoutDeduplication != null) {
            withoutDeduplication.close();
        }
    }

    /**
     * An answer slower than Chuffed's timeout is retried 3 h 12 min later: with deduplication the
     * retry is acknowledged without processing; without, the event is processed twice.
     *
     * @throws Exception on failure
     */
    @Test
    public final void aSlowAnswerIsRetriedAndProcessedOnce() throws Exception {
        DeliverySimulator simulator = simulator().policy(RetryPolicy.chuffed().withTimeout(TIMEOUT)).build();
        for (boolean deduplicating : new boolean[] {true, false}) {
            Fixture donation = kit.chuffed().paymentConfirmed().id(ids.incrementAndGet()).signed();
            String key = key(donation);
            application(deduplicating).script(key, slow(SLOW_MILLIS));
            DeliveryReport report = simulator.deliver(Delivery.of(donation).named(key), endpoint(deduplicating, Provider.CHUFFED));
            assertTrue(report.delivered(), report.toString());
            assertEquals(2, report.attemptCount(), report.toString());
            DeliveryReport.Attempt first = report.attempts().get(0);
            assertTrue(first.timedOut() && first.lateStatus().orElse(0) == 200, "the first attempt timed out, then was processed: " + report);
            assertEquals(Duration.ofMinutes(192), Duration.between(first.sentAt(), report.attempts().get(1).sentAt()).minus(first.latency()),
                    "Chuffed's first back-off, on the virtual clock");
            assertEquals(deduplicating ? 1 : 2, application(deduplicating).processed(key),
                    (deduplicating ? "processed once: " : "the double is there without deduplication: ") + report);
        }
    }

    /**
     * An application that fails the first two times is retried on Chuffed's schedule and
     * processes the event at the third attempt, once.
     *
     * @throws Exception on failure
     */
    @Test
    public final void failuresAreRetriedOnTheScheduleUntilProcessedOnce() throws Exception {
        DeliverySimulator simulator = simulator().build();
        Fixture donation = kit.chuffed().paymentConfirmed().id(ids.incrementAndGet()).signed();
        String key = key(donation);
        deduplicated.script(key, verified -> 500, verified -> 503);
        DeliveryReport report = simulator.deliver(Delivery.of(donation), endpoint(true, Provider.CHUFFED));
        assertEquals(List.of(500, 503, 200), report.statuses(), report.toString());
        assertTrue(report.delivered());
        assertEquals(1, deduplicated.processed(key), report.toString());
        Duration waited = Duration.between(report.attempts().get(0).sentAt(), report.attempts().get(2).sentAt());
        assertTrue(waited.compareTo(Duration.ofMinutes(192 + 384)) >= 0 && waited.compareTo(Duration.ofMinutes(192 + 384).plusSeconds(5)) < 0,
                "9 h 36 min of back-off, on the virtual clock: " + waited);
    }

    /**
     * SIR Giving retrying a slow answer a minute later overlaps the attempt still being processed:
     * with deduplication that retry is refused with 409 and the next, minutes later, acknowledged;
     * without, the overlapping retry is processed a second time. Each retry carries a new
     * timestamp and signature.
     *
     * @throws Exception on failure
     */
    @Test
    public final void aRetryOverlappingTheFirstAttemptIsNotProcessedTwice() throws Exception {
        DeliverySimulator simulator = simulator().policy(RetryPolicy.sirGiving().withTimeout(TIMEOUT)).overlapWithin(Duration.ofMinutes(2)).build();
        for (boolean deduplicating : new boolean[] {true, false}) {
            SirGivingEventBuilder event = kit.sirGiving().actionCompleted();
            String key = key(event.signed());
            application(deduplicating).script(key, slow(SLOW_MILLIS));
            DeliveryReport report = simulator.deliver(Delivery.of(event).named(key), endpoint(deduplicating, Provider.SIR_GIVING));
            assertTrue(report.delivered(), report.toString());
            assertTrue(report.attempts().get(0).timedOut(), report.toString());
            if (deduplicating) {
                assertEquals(List.of(-1, 409, 200), report.statuses(), "refused while processed, then acknowledged: " + report);
                assertEquals(1, deduplicated.processed(key), report.toString());
            } else {
                assertEquals(List.of(-1, 200), report.statuses(), report.toString());
                assertEquals(2, forgetful.processed(key), "the double is there without deduplication: " + report);
            }
        }
    }

    /**
     * Four concurrent copies of each attempt are processed once with deduplication, four times
     * without.
     *
     * @throws Exception on failure
     */
    @Test
    public final void concurrentCopiesAreProcessedOnce() throws Exception {
        DeliverySimulator simulator = simulator().copies(4).build();
        for (boolean deduplicating : new boolean[] {true, false}) {
            Fixture donation = kit.chuffed().paymentConfirmed().id(ids.incrementAndGet()).signed();
            String key = key(donation);
            application(deduplicating).script(key, slow(150), slow(150), slow(150), slow(150));
            DeliveryReport report = simulator.deliver(Delivery.of(donation), endpoint(deduplicating, Provider.CHUFFED));
            assertTrue(report.delivered(), report.toString());
            assertEquals(4, report.attempts().size(), report.toString());
            assertEquals(deduplicating ? 1 : 4, application(deduplicating).processed(key), report.toString());
        }
    }

    /**
     * A shuffled stream of events of every provider, every third failing once, is delivered in
     * full and each event processed exactly once, as the reports say.
     *
     * @throws Exception on failure
     */
    @Test
    public final void aShuffledStreamIsProcessedExactlyOnce() throws Exception {
        DeliverySimulator simulator = simulator().shuffle(7).build();
        List<Delivery> deliveries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Delivery delivery = switch (i % 3) {
                case 0 -> Delivery.of(kit.sirGiving().actionCompleted());
                case 1 -> Delivery.of(kit.givingBlock().deposit().encrypted());
                default -> Delivery.of(kit.chuffed().paymentConfirmed().id(ids.incrementAndGet()).signed());
            };
            String key = key(delivery.at(clock.instant()));
            if (i % 4 == 0) {
                deduplicated.script(key, verified -> 500);
            }
            deliveries.add(delivery.named(key));
            keys.add(key);
        }
        List<DeliveryReport> reports = simulator.deliverAll(deliveries, provider -> withDeduplication.endpoint(provider));
        for (int i = 0; i < reports.size(); i++) {
            DeliveryReport report = reports.get(i);
            assertTrue(report.delivered(), DeliveryReport.table(reports));
            assertEquals(i % 4 == 0 ? 2 : 1, report.attemptCount(), DeliveryReport.table(reports));
            assertEquals(1, deduplicated.processed(keys.get(i)), DeliveryReport.table(reports));
        }
    }

    private DeliverySimulator.Builder simulator() {
        return DeliverySimulator.builder().clock(clock);
    }

    private ScriptedApplication application(boolean deduplicating) {
        return deduplicating ? deduplicated : forgetful;
    }

    private java.net.URI endpoint(boolean deduplicating, Provider provider) {
        return (deduplicating ? withDeduplication : withoutDeduplication).endpoint(provider);
    }

    /** A call that takes this long, then processes the event. */
    private static ScriptedApplication.Step slow(long millis) {
        return verified -> {
            Thread.sleep(millis);
            return 200;
        };
    }

    private String key(Fixture fixture) {
        return kit.verifier(fixture.provider()).verify(fixture.toWebhookRequest()).idempotencyKey();
    }

    /** A store that deduplicates nothing: every claim is acquired, as with deduplication off. */
    private static final class ForgetfulStore implements IdempotencyStore {
        private final AtomicLong tokens = new AtomicLong();

        @Override
        public Claim claim(String key, Duration lease) {
            return new Claim(key, Status.ACQUIRED, Long.toString(tokens.incrementAndGet()));
        }

        @Override
        public boolean complete(Claim claim, Duration retention) {
            return true;
        }

        @Override
        public boolean release(Claim claim) {
            return true;
        }
    }
}
