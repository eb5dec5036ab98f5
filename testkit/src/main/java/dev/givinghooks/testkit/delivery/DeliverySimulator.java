package dev.givinghooks.testkit.delivery;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.delivery.DeliveryReport.Attempt;
import dev.givinghooks.testkit.delivery.DeliveryReport.Outcome;
import dev.givinghooks.testkit.internal.Ledger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Delivers events to an endpoint the way a provider does: attempt after attempt with the
 * provider's timeout and back-off ({@link RetryPolicy}), each attempt re-sent or re-signed as the
 * provider would ({@link Delivery}), on a {@link VirtualClock} so that a two-day schedule runs in
 * milliseconds, and reports every attempt ({@link DeliveryReport}). Faults a client can cause are
 * there to switch on: concurrent copies of each attempt, retries that overlap an attempt the
 * endpoint is still processing, events in a shuffled order.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.at(Instant.now());       // give it to the app's verifier and store too
 * DeliverySimulator simulator = DeliverySimulator.builder().clock(clock).build();
 * DeliveryReport report = simulator.deliver(Delivery.of(kit.chuffed().paymentConfirmed().signed()), endpoint);
 * assertTrue(report.delivered());
 * assertEquals(1, timesMyAppProcessed(donationId));           // exactly once, whatever the attempts
 * }</pre>
 *
 * <p>Time: the back-off between attempts passes on the virtual clock only; each HTTP exchange
 * takes real time and is bounded by the policy's timeout, which is real time too. An attempt that
 * timed out may still be running at the endpoint. A provider's next attempt comes minutes or
 * hours later, by when the endpoint has long finished: so by default a retry waits (in real time)
 * until the endpoint answered every earlier attempt of its delivery. {@link Builder#overlapWithin}
 * lets retries due sooner than a given delay go while earlier attempts still run, as a provider
 * that retries quickly on a slow answer does.
 *
 * <p>Deliveries run one attempt at a time, in virtual-time order. Not thread-safe: one run at a
 * time.
 */
public final class DeliverySimulator {
    /** The longest a retry waits for an earlier attempt the endpoint is still processing. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final VirtualClock clock;
    private final Function<Provider, RetryPolicy> policies;
    private final int copies;
    private final Duration overlapWithin;
    private final Long shuffleSeed;

    private DeliverySimulator(Builder builder) {
        this.client = builder.client != null ? builder.client
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.clock = builder.clock != null ? builder.clock : VirtualClock.at(Instant.now());
        this.policies = builder.policies;
        this.copies = builder.copies;
        this.overlapWithin = builder.overlapWithin;
        this.shuffleSeed = builder.shuffleSeed;
    }

    /**
     * Returns a simulator with each provider's preset, one copy per attempt, no overlap, on a
     * virtual clock starting now.
     *
     * @return the simulator
     */
    public static DeliverySimulator create() {
        return builder().build();
    }

    /**
     * Starts a simulator.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the virtual clock attempts are made on; the application under test should read
     * time from it too.
     *
     * @return the clock
     */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * Delivers one event until an attempt succeeds or the policy gives up.
     *
     * @param delivery the event
     * @param endpoint where to POST it
     * @return the report
     * @throws InterruptedException when interrupted while waiting for an answer
     */
    public DeliveryReport deliver(Delivery delivery, URI endpoint) throws InterruptedException {
        return deliverAll(List.of(delivery), provider -> endpoint).get(0);
    }

    /**
     * Delivers a stream of events, all due now (in the given order, or shuffled when asked), their
     * retries interleaved on the virtual timeline as the provider's would be.
     *
     * @param deliveries the events
     * @param endpoints where each provider's deliveries go
     * @return one report per delivery, in the given order
     * @throws InterruptedException when interrupted while waiting for an answer
     */
    public List<DeliveryReport> deliverAll(List<Delivery> deliveries, Function<Provider, URI> endpoints) throws InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            runs.add(new Run(delivery, Objects.requireNonNull(endpoints.apply(delivery.provider()), "no endpoint"), policies.apply(delivery.provider())));
        }
        List<Run> order = new ArrayList<>(runs);
        if (shuffleSeed != null) {
            Collections.shuffle(order, new Random(shuffleSeed));
        }
        PriorityQueue<Due> timeline = new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::sequence));
        long sequence = 0;
        Instant start = clock.instant();
        for (Run run : order) {
            timeline.add(new Due(start, sequence++, run, Duration.ZERO));
        }
        while (!timeline.isEmpty()) {
            Due due = timeline.poll();
            Run run = due.run;
            if (due.delay.compareTo(overlapWithin) >= 0) {
                run.settle(); // a provider's retry this late finds the endpoint done with earlier attempts
            }
            Instant at = clock.advanceTo(due.at);
            boolean succeeded = run.attempt(at);
            if (!succeeded && run.attempts < run.policy.attempts()) {
                Duration delay = run.policy.delayAfter(run.attempts);
                timeline.add(new Due(at.plus(run.lastWait).plus(delay), sequence++, run, delay));
            }
        }
        List<DeliveryReport> reports = new ArrayList<>();
        for (Run run : runs) {
            run.settle();
            reports.add(run.report());
        }
        return reports;
    }

    private record Due(Instant at, long sequence, Run run, Duration delay) {
    }

    /** One delivery's attempts so far. */
    private final class Run {
        private final Delivery delivery;
        private final URI endpoint;
        private final RetryPolicy policy;
        private final List<Exchange> exchanges = new ArrayList<>();
        private int attempts;
        private boolean delivered;
        private Duration lastWait = Duration.ZERO;

        Run(Delivery delivery, URI endpoint, RetryPolicy policy) {
            this.delivery = delivery;
            this.endpoint = endpoint;
            this.policy = policy;
        }

        /** Makes the next attempt: its copies at once, each waited for until the timeout. */
        boolean attempt(Instant at) throws InterruptedException {
            attempts++;
            Fixture fixture = delivery.at(at);
            List<Exchange> sent = new ArrayList<>();
            for (int copy = 1; copy <= copies; copy++) {
                sent.add(new Exchange(attempts, copy, at, System.nanoTime(),
                        client.sendAsync(fixture.toHttpRequest(endpoint), HttpResponse.BodyHandlers.discarding())));
            }
            long deadline = System.nanoTime() + policy.timeout().toNanos();
            for (Exchange exchange : sent) {
                exchange.await(deadline);
                delivered |= exchange.succeeded();
            }
            exchanges.addAll(sent);
            lastWait = sent.stream().map(exchange -> exchange.latency).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
            return delivered;
        }

        /** Waits for the endpoint's late answers to attempts that timed out, so that the report can say what they were. */
        void settle() throws InterruptedException {
            long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
            for (Exchange exchange : exchanges) {
                exchange.settle(deadline);
            }
        }

        DeliveryReport report() {
            List<Attempt> list = exchanges.stream().map(Exchange::toAttempt).toList();
            return new DeliveryReport(delivery.name(), delivery.provider(), list, delivered ? Outcome.DELIVERED : Outcome.GAVE_UP);
        }
    }

    /** One HTTP exchange, answered in time or not. */
    private static final class Exchange {
        private final int number;
        private final int copy;
        private final Instant sentAt;
        private final long startNanos;
        private final CompletableFuture<HttpResponse<Void>> response;
        private Duration latency = Duration.ZERO;
        private OptionalInt status = OptionalInt.empty();
        private boolean timedOut;
        private OptionalInt lateStatus = OptionalInt.empty();
        private String error;

        Exchange(int number, int copy, Instant sentAt, long startNanos, CompletableFuture<HttpResponse<Void>> response) {
            this.number = number;
            this.copy = copy;
            this.sentAt = sentAt;
            this.startNanos = startNanos;
            this.response = response;
        }

        void await(long deadlineNanos) throws InterruptedException {
            try {
                HttpResponse<Void> answer = response.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                status = OptionalInt.of(answer.statusCode());
                Ledger.response(answer.statusCode(), answer.headers().map(), ""); // a provider reads no body
            } catch (TimeoutException e) {
                timedOut = true;
            } catch (ExecutionException e) {
                error = e.getCause().getClass().getSimpleName();
            }
            latency = Duration.ofNanos(System.nanoTime() - startNanos);
        }

        boolean succeeded() {
            return status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300;
        }

        void settle(long deadlineNanos) throws InterruptedException {
            if (!timedOut || lateStatus.isPresent()) {
                return;
            }
            try {
                lateStatus = OptionalInt.of(response.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS).statusCode());
            } catch (TimeoutException | ExecutionException e) {
                // no late answer to report
            }
        }

        Attempt toAttempt() {
            return new Attempt(number, copy, sentAt, status, latency, timedOut, lateStatus, error);
        }
    }

    /**
     * Builds a {@link DeliverySimulator}. Not thread-safe.
     */
    public static final class Builder {
        private HttpClient client;
        private VirtualClock clock;
        private Function<Provider, RetryPolicy> policies = RetryPolicy::of;
        private int copies = 1;
        private Duration overlapWithin = Duration.ZERO;
        private Long shuffleSeed;

        private Builder() {
        }

        /**
         * Sets the clock attempts are made on. Default: a virtual clock starting now.
         *
         * @param virtualClock the clock
         * @return this builder
         */
        public Builder clock(VirtualClock virtualClock) {
            this.clock = Objects.requireNonNull(virtualClock, "clock");
            return this;
        }

        /**
         * Uses one policy for every provider. Default: each provider's preset,
         * {@link RetryPolicy#of}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policy(RetryPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            this.policies = provider -> policy;
            return this;
        }

        /**
         * Sends each attempt as several identical requests at once, as a provider that delivers
         * an event twice concurrently does.
         *
         * @param count copies per attempt, at least 1
         * @return this builder
         */
        public Builder copies(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("copies must be at least 1");
            }
            this.copies = count;
            return this;
        }

        /**
         * Lets a retry due less than this long (virtual time) after the attempt before it go while
         * the endpoint may still be processing earlier attempts: a retry that overlaps. Default
         * zero: every retry finds the endpoint done with earlier attempts.
         *
         * @param delay retries due sooner than this overlap
         * @return this builder
         */
        public Builder overlapWithin(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
            this.overlapWithin = delay;
            return this;
        }

        /**
         * Delivers a stream's events in a random order drawn from the seed (reproducible).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /**
         * Sends through this HTTP client. Default: a new HTTP/1.1 client with a 5-second connect
         * timeout.
         *
         * @param httpClient the client
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.client = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Returns the simulator.
         *
         * @return the simulator
         */
        public DeliverySimulator build() {
            return new DeliverySimulator(this);
        }
    }
}
