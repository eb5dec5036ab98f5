package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.WebhookReceiver.Accepted;
import dev.givinghooks.WebhookReceiver.Answer;
import dev.givinghooks.WebhookReceiver.Duplicate;
import dev.givinghooks.WebhookReceiver.Outcome;
import dev.givinghooks.WebhookReceiver.Refused;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The delivery lifecycle on its own, with no framework (DESIGN §2.4, §2.5). */
@Timeout(60)
class WebhookReceiverTest {
    static final String SECRET = "whsec_receiver_test_secret_0123456789";
    static final long NOW = 1_746_876_000L;
    static final WebhookVerifier<SirGivingEvent> VERIFIER = SirGiving.verifierBuilder().secrets(SECRET)
            .clock(TestSupport.fixedAt(NOW)).maxBodyBytes(4096).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final Recorder recorder = new Recorder();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    static WebhookRequest delivery(String id) {
        byte[] body = ("{\"id\":\"" + id + "\",\"type\":\"action.completed\",\"createdAt\":\"2025-05-10T11:20:00Z\","
                + "\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":5}}").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(NOW);
        return TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp, SirGiving.SIGNATURE_HEADER,
                SirGiving.sign(SECRET, timestamp, body)).withPath("/webhooks/sir");
    }

    static WebhookRequest head() {
        return TestSupport.request(new byte[0]);
    }

    WebhookReceiver receiver(IdempotencyStore store) {
        return WebhookReceiver.builder(VERIFIER).idempotencyStore(store).listener(recorder).build();
    }

    @Test
    void acceptedThenCompletedThenDuplicate() {
        WebhookReceiver receiver = receiver(IdempotencyStore.inMemory());
        Outcome first = receiver.receive(delivery("evt_1"));
        assertThat(first).isInstanceOf(Accepted.class);
        Accepted accepted = (Accepted) first;
        assertThat(accepted.verified().idempotencyKey()).isEqualTo("sir-giving:evt_1");
        assertThat(accepted.settled()).isFalse();

        assertThat(receiver.receive(delivery("evt_1"))).as("while processing")
                .isInstanceOfSatisfying(Refused.class, r -> assertProblem(r, 409, Reason.DUPLICATE_IN_PROGRESS));

        assertThat(accepted.settle(204).toCompletableFuture()).isCompleted();
        assertThat(accepted.settled()).isTrue();
        Outcome again = receiver.receive(delivery("evt_1"));
        assertThat(again).isInstanceOfSatisfying(Duplicate.class, d -> {
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.body()).isEmpty();
            assertThat(d.headers()).isEmpty();
            assertThat(d.verified().idempotencyKey()).isEqualTo("sir-giving:evt_1");
        });
        assertThat(recorder.events).containsExactly("verified sir-giving:evt_1", "verified sir-giving:evt_1",
                "rejected DUPLICATE_IN_PROGRESS", "settled sir-giving:evt_1 processed=true", "verified sir-giving:evt_1",
                "duplicate sir-giving:evt_1");
    }

    @Test
    void aFailedOrNon2xxDeliveryIsReleasedForItsRetry() {
        WebhookReceiver receiver = receiver(IdempotencyStore.inMemory());
        for (int status : new int[] {500, 404, 302, 199, 300}) {
            Accepted accepted = (Accepted) receiver.receive(delivery("evt_status"));
            accepted.settle(status);
        }
        ((Accepted) receiver.receive(delivery("evt_status"))).fail();
        Accepted last = (Accepted) receiver.receive(delivery("evt_status"));
        last.settle(299);
        assertThat(receiver.receive(delivery("evt_status"))).isInstanceOf(Duplicate.class);
        assertThat(recorder.events.stream().filter(e -> e.startsWith("settled"))).containsExactly(
                "settled sir-giving:evt_status processed=false", "settled sir-giving:evt_status processed=false",
                "settled sir-giving:evt_status processed=false", "settled sir-giving:evt_status processed=false",
                "settled sir-giving:evt_status processed=false", "settled sir-giving:evt_status processed=false",
                "settled sir-giving:evt_status processed=true");
    }

    @Test
    void anAbandonedDeliveryKeepsItsClaimUntilTheLeaseEnds() {
        TestSupport.MutableClock clock = new TestSupport.MutableClock(java.time.Instant.ofEpochSecond(NOW));
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).idempotencyStore(store).lease(Duration.ofMinutes(1)).build();
        Accepted accepted = (Accepted) receiver.receive(delivery("evt_abandoned"));
        accepted.abandon();
        assertThat(accepted.settled()).isTrue();
        assertThat(accepted.settle(200).toCompletableFuture()).isCompleted();
        accepted.fail();
        assertThat(receiver.receive(delivery("evt_abandoned"))).as("neither completed nor released")
                .isInstanceOfSatisfying(Refused.class, r -> assertProblem(r, 409, Reason.DUPLICATE_IN_PROGRESS));
        clock.advance(Duration.ofMinutes(1));
        assertThat(receiver.receive(delivery("evt_abandoned"))).as("the lease has ended").isInstanceOf(Accepted.class);
    }

    @Test
    void refusalsAreProblemsNeverExceptionsAndCarryNoSecret() throws Exception {
        WebhookReceiver receiver = receiver(IdempotencyStore.inMemory());
        WebhookRequest good = delivery("evt_2");
        WebhookRequest forged = TestSupport.request(good.body(), SirGiving.TIMESTAMP_HEADER, Long.toString(NOW),
                SirGiving.SIGNATURE_HEADER, SirGiving.sign("whsec_some_other_secret_0123456789", Long.toString(NOW), good.body()));
        Refused refused = (Refused) receiver.receive(forged);
        assertProblem(refused, 401, Reason.SIGNATURE_MISMATCH);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET)
                .doesNotContain(SirGiving.sign(SECRET, Long.toString(NOW), good.body()).substring(7, 20));
        assertThat(refused.type()).isEqualTo("https://givinghooks.dev/problems/signature-mismatch");
        assertThat(refused.title()).isEqualTo("Signature mismatch");
        assertThat(refused.headers()).containsEntry("Content-Type", "application/problem+json").containsEntry("Cache-Control", "no-store")
                .doesNotContainKey("Retry-After");

        assertProblem((Refused) receiver.receive(TestSupport.request(new byte[4097])), 413, Reason.BODY_TOO_LARGE);
        assertProblem(receiver.refuseDeclaredLength(head(), 4097).orElseThrow(), 413, Reason.BODY_TOO_LARGE);
        assertThat(receiver.refuseDeclaredLength(head(), 4096)).isEmpty();
        assertThat(receiver.refuseDeclaredLength(head(), -1)).isEmpty();
        assertProblem(receiver.refuseBodyTooLarge(head()), 413, Reason.BODY_TOO_LARGE);
        assertProblem(receiver.refuseIncompleteBody(head()), 400, Reason.INCOMPLETE_BODY);
        assertThat(receiver.maxBodyBytes()).isEqualTo(4096);
        assertThat(recorder.events).containsExactly("rejected SIGNATURE_MISMATCH", "rejected BODY_TOO_LARGE", "rejected BODY_TOO_LARGE",
                "rejected BODY_TOO_LARGE", "rejected INCOMPLETE_BODY");
    }

    @Test
    void authenticButMalformedBodyReachesTheListenerWithItsBytes() {
        byte[] body = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, Long.toString(NOW), SirGiving.SIGNATURE_HEADER,
                SirGiving.sign(SECRET, Long.toString(NOW), body));
        List<byte[]> kept = new ArrayList<>();
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).listener(new WebhookListener() {
            @Override
            public void onRejected(WebhookRequest r, WebhookRejectedException rejection) {
                rejection.authenticBody().ifPresent(kept::add);
            }
        }).build();
        assertProblem((Refused) receiver.receive(request), 400, Reason.MALFORMED_PAYLOAD);
        assertThat(kept).containsExactly(body);
    }

    @Test
    void anEndpointThatTakesOneEventTypeRefusesOthersWithoutClaimingThem() {
        IdempotencyStore store = IdempotencyStore.inMemory();
        List<byte[]> kept = new ArrayList<>();
        WebhookReceiver failedOnly = WebhookReceiver.builder(VERIFIER).idempotencyStore(store)
                .expectedEvent(dev.givinghooks.sirgiving.ActionFailed.class).listener(new WebhookListener() {
                    @Override
                    public void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
                        rejection.authenticBody().ifPresent(kept::add);
                    }
                }).build();
        Refused refused = (Refused) failedOnly.receive(delivery("evt_other"));
        assertProblem(refused, 422, Reason.UNEXPECTED_EVENT);
        assertThat(refused.rejection().detail()).contains("action.completed").contains("ActionFailed");
        assertThat(kept).containsExactly(delivery("evt_other").body());
        WebhookReceiver completedOnly = WebhookReceiver.builder(VERIFIER).idempotencyStore(store)
                .expectedEvent(dev.givinghooks.sirgiving.ActionCompleted.class).build();
        assertThat(completedOnly.receive(delivery("evt_other"))).as("not claimed by the refusal").isInstanceOf(Accepted.class);
        assertThat(WebhookReceiver.builder(VERIFIER).expectedEvent(SirGivingEvent.class).build().receive(delivery("evt_x")))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void aStoreThatThrowsFailsClosedWith503AndRetryAfter() {
        FlakyStore store = new FlakyStore();
        store.failClaims = true;
        WebhookReceiver receiver = receiver(store);
        Refused refused = (Refused) receiver.receive(delivery("evt_3"));
        assertProblem(refused, 503, Reason.STORE_UNAVAILABLE);
        assertThat(refused.headers()).containsEntry("Retry-After", "5");
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as("no internal message").doesNotContain("connection refused");
        assertThat(recorder.events).containsExactly("verified sir-giving:evt_3", "store failure connection refused processedAnyway=false",
                "rejected STORE_UNAVAILABLE");

        store.failClaims = false;
        assertThat(receiver.receive(delivery("evt_3"))).as("recovers by itself").isInstanceOf(Accepted.class);
    }

    @Test
    void failingOpenProcessesWithoutAClaimAndTellsTheListener() {
        FlakyStore store = new FlakyStore();
        store.failClaims = true;
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).idempotencyStore(store).failOpen(true).listener(recorder).build();
        Accepted accepted = (Accepted) receiver.receive(delivery("evt_4"));
        accepted.settle(200);
        assertThat(store.completions.get() + store.releases.get()).as("no claim to settle").isZero();
        assertThat(recorder.events).containsExactly("verified sir-giving:evt_4", "store failure connection refused processedAnyway=true",
                "settled sir-giving:evt_4 processed=true");
        assertThat(receiver.toString()).contains("failOpen");
    }

    @Test
    void aStoreFailingToSettleIsLoggedAndTheSettlementStillEnds() {
        FlakyStore store = new FlakyStore();
        WebhookReceiver receiver = receiver(store);
        Accepted accepted = (Accepted) receiver.receive(delivery("evt_5"));
        store.failSettles = true;
        CompletableFuture<Void> settled = accepted.settle(200).toCompletableFuture();
        assertThat(settled).isCompleted().isNotCompletedExceptionally();
        assertThat(recorder.events).endsWith("settled sir-giving:evt_5 processed=true");
    }

    @Test
    void deduplicationOffAcceptsEveryDeliveryAndTouchesNoStore() {
        FlakyStore store = new FlakyStore();
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).idempotencyStore(store).deduplication(false).build();
        for (int i = 0; i < 3; i++) {
            ((Accepted) receiver.receive(delivery("evt_6"))).settle(200);
            ((Accepted) receiver.receiveAsync(delivery("evt_6")).toCompletableFuture().join()).settle(200);
        }
        assertThat(store.claims.get()).isZero();
        assertThat(receiver.toString()).contains("deduplication=off");
        assertThat(((Accepted) receiver.receive(delivery("evt_6"))).needsSettlement()).as("nothing to settle").isFalse();
        WebhookReceiver listened = WebhookReceiver.builder(VERIFIER).deduplication(false).listener(recorder).build();
        assertThat(((Accepted) listened.receive(delivery("evt_6"))).needsSettlement()).as("a listener to tell").isTrue();
        assertThat(((Accepted) receiver(store).receive(delivery("evt_6"))).needsSettlement()).as("a claim to end").isTrue();
    }

    @Test
    void aFailingListenerNeverChangesTheAnswer() {
        WebhookListener broken = new WebhookListener() {
            @Override
            public void onVerified(WebhookRequest request, Verified<?> verified) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onDuplicate(WebhookRequest request, Verified<?> verified) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onStoreFailure(Verified<?> verified, Throwable cause, boolean processedAnyway) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onSettled(Verified<?> verified, boolean processed, Duration duration) {
                throw new IllegalStateException("listener bug");
            }
        };
        FlakyStore store = new FlakyStore();
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).idempotencyStore(store).listener(broken).build();
        Accepted accepted = (Accepted) receiver.receive(delivery("evt_7"));
        assertThat(accepted.settle(200).toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
        assertThat(receiver.receive(delivery("evt_7"))).isInstanceOf(Duplicate.class);
        assertProblem((Refused) receiver.receive(TestSupport.request(new byte[10])), 401, Reason.MISSING_SIGNATURE);
        store.failClaims = true;
        assertProblem((Refused) receiver.receive(delivery("evt_8")), 503, Reason.STORE_UNAVAILABLE);
    }

    @Test
    void severalListenersAreEachToldAndIsolatedFromOneAnother() {
        Recorder second = new Recorder();
        WebhookListener throwing = new WebhookListener() {
            @Override
            public void onVerified(WebhookRequest request, Verified<?> verified) {
                throw new IllegalStateException("listener bug");
            }
        };
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).listener(WebhookListener.all(List.of(recorder, throwing, second))).build();
        ((Accepted) receiver.receive(delivery("evt_all"))).settle(200);
        assertThat(receiver.receive(delivery("evt_all"))).isInstanceOf(Duplicate.class);
        assertThat(List.copyOf(second.events)).isEqualTo(List.copyOf(recorder.events)).contains("settled sir-giving:evt_all processed=true",
                "duplicate sir-giving:evt_all");
        assertThat(WebhookListener.all(List.of(recorder))).isSameAs(recorder);
    }

    /** A listener with state per delivery gets its own listener for each, and each delivery ends in exactly one terminal event. */
    @Test
    void everyDeliveryEndsInExactlyOneTerminalEventOfItsOwnListener() {
        List<Recorder> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
        WebhookListener perDelivery = new WebhookListener() {
            @Override
            public WebhookListener forDelivery(WebhookRequest request) {
                Recorder recorder = new Recorder();
                deliveries.add(recorder);
                return recorder;
            }
        };
        FlakyStore store = new FlakyStore();
        WebhookReceiver receiver = WebhookReceiver.builder(VERIFIER).idempotencyStore(store).listener(perDelivery).build();
        Accepted first = (Accepted) receiver.receive(delivery("evt_a"));               // 1: settled
        receiver.receive(delivery("evt_a"));                                           // 2: in progress
        first.settle(200);
        receiver.receive(delivery("evt_a"));                                           // 3: duplicate
        receiver.receive(TestSupport.request(new byte[1]));                            // 4: rejected
        receiver.refuseDeclaredLength(head(), 1 << 20);                                // 5: rejected before reading
        ((Accepted) receiver.receive(delivery("evt_b"))).abandon();                    // 6: abandoned
        store.failClaims = true;
        receiver.receive(delivery("evt_c"));                                           // 7: store unavailable
        WebhookVerifier<SirGivingEvent> broken = SirGiving.verifierBuilder().secrets(request -> List.of()).clock(TestSupport.fixedAt(NOW)).build();
        assertThatThrownBy(() -> WebhookReceiver.builder(broken).listener(perDelivery).build().receive(delivery("evt_d")))
                .isInstanceOf(IllegalStateException.class);                            // 8: configuration fault
        assertThat(deliveries).hasSize(8);
        assertThat(deliveries.get(0).events).containsExactly("verified sir-giving:evt_a", "settled sir-giving:evt_a processed=true");
        assertThat(deliveries.get(1).events).containsExactly("verified sir-giving:evt_a", "rejected DUPLICATE_IN_PROGRESS");
        assertThat(deliveries.get(2).events).containsExactly("verified sir-giving:evt_a", "duplicate sir-giving:evt_a");
        assertThat(deliveries.get(3).events).containsExactly("rejected MISSING_SIGNATURE");
        assertThat(deliveries.get(4).events).containsExactly("rejected BODY_TOO_LARGE");
        assertThat(deliveries.get(5).events).containsExactly("verified sir-giving:evt_b", "settled sir-giving:evt_b processed=false");
        assertThat(deliveries.get(6).events).containsExactly("verified sir-giving:evt_c", "store failure connection refused processedAnyway=false",
                "rejected STORE_UNAVAILABLE");
        assertThat(deliveries.get(7).events).singleElement().asString().startsWith("failure java.lang.IllegalStateException");
    }

    /** Many threads end one delivery at once (the response committing, the application returning, an error): one wins. */
    @Test
    void aDeliveryIsSettledExactlyOnceUnderRaces() throws Exception {
        FlakyStore store = new FlakyStore();
        WebhookReceiver receiver = receiver(store);
        for (int round = 0; round < 200; round++) {
            Accepted accepted = (Accepted) receiver.receive(delivery("evt_race_" + round));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                racers.add(pool.submit(() -> {
                    start.await();
                    return thread % 2 == 0 ? accepted.settle(200 + thread) : accepted.fail();
                }));
            }
            start.countDown();
            for (Future<?> racer : racers) {
                racer.get();
            }
        }
        assertThat(store.completions.get() + store.releases.get()).isEqualTo(200);
        assertThat(recorder.events.stream().filter(e -> e.startsWith("settled"))).hasSize(200);
    }

    @Test
    void theAsynchronousPathWaitsOnTheStoreWithoutBlockingTheCaller() throws Exception {
        SlowStore store = new SlowStore(IdempotencyStore.inMemory(), 50);
        WebhookReceiver receiver = receiver(store);
        Thread caller = Thread.currentThread();
        long start = System.nanoTime();
        CompletionStage<Outcome> pending = receiver.receiveAsync(delivery("evt_9"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("returns before the store answers").isLessThan(Duration.ofMillis(40));
        assertThat(pending.toCompletableFuture()).isNotDone();
        Outcome outcome = pending.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(Accepted.class);
        assertThat(store.threads).allMatch(t -> t != caller);

        CompletableFuture<Void> settled = ((Accepted) outcome).settle(200).toCompletableFuture();
        assertThat(settled).as("the completion goes through the store's asynchronous method").isNotDone();
        settled.get(10, TimeUnit.SECONDS);
        assertThat(store.asyncCompletions.get()).isEqualTo(1);
        assertThat(receiver.receiveAsync(delivery("evt_9")).toCompletableFuture().get(10, TimeUnit.SECONDS)).isInstanceOf(Duplicate.class);
        Outcome inProgress = receiver.receiveAsync(delivery("evt_10")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(receiver.receiveAsync(delivery("evt_10")).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(Refused.class, r -> assertProblem(r, 409, Reason.DUPLICATE_IN_PROGRESS));
        ((Accepted) inProgress).fail().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(store.asyncReleases.get()).isEqualTo(1);
        assertThat(receiver.receiveAsync(delivery("evt_10")).toCompletableFuture().get(10, TimeUnit.SECONDS)).isInstanceOf(Accepted.class);
    }

    @Test
    void anAsynchronousStoreWhoseFuturesFailOrThrowFailsClosed() throws Exception {
        IdempotencyStore failing = new IdempotencyStore() {
            @Override
            public Claim claim(String key, Duration lease) {
                throw new AssertionError("the asynchronous path must not call claim");
            }

            @Override
            public boolean complete(Claim claim, Duration retention) {
                throw new AssertionError();
            }

            @Override
            public boolean release(Claim claim) {
                throw new AssertionError();
            }

            @Override
            public CompletionStage<Claim> claimAsync(String key, Duration lease) {
                return key.endsWith("throws") ? throwing() : CompletableFuture.supplyAsync(() -> {
                    throw new StoreUnavailableException("timed out after 2 s");
                });
            }

            private CompletionStage<Claim> throwing() {
                throw new StoreUnavailableException("pool exhausted");
            }
        };
        WebhookReceiver receiver = receiver(failing);
        for (String id : List.of("evt_fails", "evt_throws")) {
            Outcome outcome = receiver.receiveAsync(delivery(id)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOfSatisfying(Refused.class, r -> assertProblem(r, 503, Reason.STORE_UNAVAILABLE));
        }
        assertThat(recorder.events).contains("store failure timed out after 2 s processedAnyway=false",
                "store failure pool exhausted processedAnyway=false");
    }

    @Test
    void aFailingKeySupplierIsAConfigurationFaultNotARefusal() {
        WebhookVerifier<SirGivingEvent> broken = SirGiving.verifierBuilder().secrets(request -> List.of()).clock(TestSupport.fixedAt(NOW)).build();
        WebhookReceiver receiver = WebhookReceiver.of(broken);
        assertThatThrownBy(() -> receiver.receive(delivery("evt_11"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsAreValidatedAtBuildTime() {
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).maxBodyBytes(4097).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the verifier's limit of 4096");
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).maxBodyBytes(0).build()).hasMessageContaining("positive");
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).lease(Duration.ZERO).build()).hasMessageContaining("lease");
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).retention(null).build()).hasMessageContaining("retention");
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).statusMapping(r -> r == Reason.SIGNATURE_MISMATCH ? 200 : r.httpStatus())
                .build()).hasMessageContaining("SIGNATURE_MISMATCH");
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).statusMapping(r -> r == Reason.STORE_UNAVAILABLE ? 200 : r.httpStatus())
                .build()).hasMessageContaining("STORE_UNAVAILABLE");
        assertThatThrownBy(() -> WebhookReceiver.builder(VERIFIER).statusMapping(r -> r == Reason.BODY_TOO_LARGE ? 500 : r.httpStatus())
                .build()).hasMessageContaining("BODY_TOO_LARGE");
        WebhookReceiver mapped = WebhookReceiver.builder(VERIFIER).maxBodyBytes(100)
                .statusMapping(r -> r == Reason.MALFORMED_PAYLOAD ? 202 : r == Reason.STORE_UNAVAILABLE ? 429 : r.httpStatus()).build();
        assertThat(mapped.maxBodyBytes()).isEqualTo(100);
        assertThat(mapped.toString()).contains("maxBodyBytes=100").doesNotContain(SECRET);
        assertThat(WebhookReceiver.of(VERIFIER).maxBodyBytes()).as("the verifier's limit by default").isEqualTo(4096);
    }

    static void assertProblem(Refused refused, int status, Reason reason) {
        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.rejection().reason()).isEqualTo(reason);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("reason").stringValue()).isEqualTo(reason.name());
        assertThat(problem.get("provider").stringValue()).isEqualTo("sir-giving");
        assertThat(problem.get("type").stringValue()).endsWith(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isEqualTo(refused.rejection().detail());
        assertThat(((Answer) refused).headers()).containsEntry("Content-Type", "application/problem+json");
    }

    /** Records what the listener was told, in order. */
    static final class Recorder implements WebhookListener {
        final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

        @Override
        public void onVerified(WebhookRequest request, Verified<?> verified) {
            events.add("verified " + verified.idempotencyKey());
        }

        @Override
        public void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
            events.add("rejected " + rejection.reason());
        }

        @Override
        public void onDuplicate(WebhookRequest request, Verified<?> verified) {
            events.add("duplicate " + verified.idempotencyKey());
        }

        @Override
        public void onStoreFailure(Verified<?> verified, Throwable cause, boolean processedAnyway) {
            events.add("store failure " + cause.getMessage() + " processedAnyway=" + processedAnyway);
        }

        @Override
        public void onFailure(WebhookRequest request, RuntimeException failure) {
            events.add("failure " + failure);
        }

        @Override
        public void onSettled(Verified<?> verified, boolean processed, Duration duration) {
            assertThat(duration.isNegative()).isFalse();
            events.add("settled " + verified.idempotencyKey() + " processed=" + processed);
        }
    }

    /** An in-memory store that fails on demand and counts what it was asked. */
    static final class FlakyStore implements IdempotencyStore {
        final IdempotencyStore delegate = IdempotencyStore.inMemory();
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        volatile boolean failClaims;
        volatile boolean failSettles;

        @Override
        public Claim claim(String key, Duration lease) {
            claims.incrementAndGet();
            if (failClaims) {
                throw new StoreUnavailableException("connection refused");
            }
            return delegate.claim(key, lease);
        }

        @Override
        public boolean complete(Claim claim, Duration retention) {
            completions.incrementAndGet();
            if (failSettles) {
                throw new StoreUnavailableException("connection reset");
            }
            return delegate.complete(claim, retention);
        }

        @Override
        public boolean release(Claim claim) {
            releases.incrementAndGet();
            if (failSettles) {
                throw new StoreUnavailableException("connection reset");
            }
            return delegate.release(claim);
        }
    }

    /** A store whose asynchronous methods answer after a delay, on another thread: a networked store's shape. */
    static final class SlowStore implements IdempotencyStore {
        final IdempotencyStore delegate;
        final long delayMillis;
        final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        final AtomicInteger asyncCompletions = new AtomicInteger();
        final AtomicInteger asyncReleases = new AtomicInteger();

        SlowStore(IdempotencyStore delegate, long delayMillis) {
            this.delegate = delegate;
            this.delayMillis = delayMillis;
        }

        private <T> CompletionStage<T> later(Function<IdempotencyStore, T> operation) {
            return CompletableFuture.supplyAsync(() -> {
                threads.add(Thread.currentThread());
                return operation.apply(delegate);
            }, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
        }

        @Override
        public Claim claim(String key, Duration lease) {
            throw new AssertionError("the asynchronous path must not block on claim");
        }

        @Override
        public boolean complete(Claim claim, Duration retention) {
            throw new AssertionError("the asynchronous path must not block on complete");
        }

        @Override
        public boolean release(Claim claim) {
            throw new AssertionError("the asynchronous path must not block on release");
        }

        @Override
        public CompletionStage<Claim> claimAsync(String key, Duration lease) {
            return later(store -> store.claim(key, lease));
        }

        @Override
        public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
            asyncCompletions.incrementAndGet();
            return later(store -> store.complete(claim, retention));
        }

        @Override
        public CompletionStage<Boolean> releaseAsync(Claim claim) {
            asyncReleases.incrementAndGet();
            return later(store -> store.release(claim));
        }
    }
}
