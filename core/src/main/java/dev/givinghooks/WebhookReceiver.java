package dev.givinghooks;

import dev.givinghooks.internal.Problem;
import dev.givinghooks.spi.IdempotencyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The life of one webhook delivery, the same in every framework: bound the body, verify, tell the
 * listener, claim the idempotency key, answer a duplicate or an event in progress without calling
 * the application, and settle the claim once the application has answered. Adapters capture
 * bytes, call the receiver, write the framework's response and dispatch; they hold no rule of
 * their own.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.of(SirGiving.verifier(secret));
 * WebhookReceiver.Outcome outcome = receiver.receive(WebhookRequest.of(headers, body));
 * if (outcome instanceof WebhookReceiver.Accepted accepted) {
 *     int status = application.handle(accepted.verified());
 *     accepted.settle(status);          // completes the claim on 2xx, releases it otherwise
 *     respond(status);
 * } else if (outcome instanceof WebhookReceiver.Answer answer) {
 *     respond(answer.status(), answer.headers(), answer.body());   // refusal or duplicate
 * }
 * }</pre>
 *
 * <p>An {@link Outcome} is one of:
 * <ul>
 * <li>{@link Refused}: an RFC 9457 problem to answer, for every {@link Reason}: a refusal of the
 *     verifier, a body over the limit, an event being processed by another delivery right now
 *     ({@link Reason#DUPLICATE_IN_PROGRESS}, 409), or a store that could not answer
 *     ({@link Reason#STORE_UNAVAILABLE}, 503 with {@code Retry-After});</li>
 * <li>{@link Duplicate}: an event processed before, to acknowledge with 200 without calling the
 *     application;</li>
 * <li>{@link Accepted}: the verified event for the application, with the claim to settle exactly
 *     once when the application's answer is known: before the response is committed, so that a
 *     provider that has read a 2xx answer and sends again finds the event done.</li>
 * </ul>
 *
 * <p>{@link #receive} uses the store's synchronous methods; {@link #receiveAsync} its asynchronous
 * ones, for adapters that must not block an event loop. Refusals are outcomes, never exceptions.
 *
 * <p>Thread safety: immutable; one instance serves concurrent deliveries.
 */
public final class WebhookReceiver {
    /*
     * Rationale (DESIGN §2.4, §2.5). The claim is taken only after verification, from the key core
     * derived from authenticated material, so an attacker cannot burn a real event's key. A store
     * failure is never a silent accept: failing closed answers 503 and processes nothing, so the
     * provider's retry is processed; failing open is a choice the listener is told about. Statuses
     * come from one mapping, checked at build time so that an authentication failure can never be
     * 2xx or 5xx. Settling is idempotent (first ending wins) because adapters reach it from several
     * places: the response committing, the application returning, throwing, or its asynchronous
     * cycle ending.
     */

    /** The default lease of a claim: 5 minutes. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** The default retention of a processed key: 72 hours (Chuffed retries for about 2 days). */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(72);
    /** The {@code Retry-After} answered with {@link Reason#STORE_UNAVAILABLE}. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(WebhookReceiver.class.getName());
    private static final CompletableFuture<Void> SETTLED = CompletableFuture.completedFuture(null);

    private final WebhookVerifier<?> verifier;
    private final int maxBodyBytes;
    private final IdempotencyStore store;
    private final Duration lease;
    private final Duration retention;
    private final boolean deduplication;
    private final boolean failOpen;
    private final WebhookListener listener;
    private final int[] statuses;
    private final Class<? extends WebhookEvent> expectedEvent;

    WebhookReceiver(WebhookVerifier<?> verifier, int maxBodyBytes, IdempotencyStore store, Duration lease, Duration retention,
            boolean deduplication, boolean failOpen, WebhookListener listener, int[] statuses, Class<? extends WebhookEvent> expectedEvent) {
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.store = store;
        this.lease = lease;
        this.retention = retention;
        this.deduplication = deduplication;
        this.failOpen = failOpen;
        this.listener = listener;
        this.statuses = statuses;
        this.expectedEvent = expectedEvent;
    }

    /**
     * Returns a receiver with every default: the verifier's body limit, deduplication in a new
     * in-memory store, 5-minute lease, 72-hour retention, failing closed, statuses from
     * {@link Reason#httpStatus()}.
     *
     * @param verifier the provider's verifier
     * @return the receiver
     */
    public static WebhookReceiver of(WebhookVerifier<?> verifier) {
        return builder(verifier).build();
    }

    /**
     * Returns a builder for a receiver with other settings.
     *
     * @param verifier the provider's verifier
     * @return a new builder
     */
    public static Builder builder(WebhookVerifier<?> verifier) {
        return new Builder(verifier);
    }

    /**
     * Returns the provider whose deliveries this receiver takes.
     *
     * @return the provider
     */
    public Provider provider() {
        return verifier.provider();
    }

    /**
     * Returns the largest body this receiver takes; an adapter reads at most one byte more.
     *
     * @return the limit in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Refuses a delivery by its declared length, before its body is read.
     *
     * @param request the delivery's headers and path, with an empty body
     * @param declaredLength its {@code Content-Length}, or -1 when unknown
     * @return a {@link Reason#BODY_TOO_LARGE} refusal when the length is over the limit, else empty
     */
    public Optional<Refused> refuseDeclaredLength(WebhookRequest request, long declaredLength) {
        if (declaredLength <= maxBodyBytes) {
            return Optional.empty();
        }
        return Optional.of(refuse(delivery(request), request, new WebhookRejectedException(provider(), Reason.BODY_TOO_LARGE,
                "Content-Length " + declaredLength + " exceeds the limit of " + maxBodyBytes + " bytes")));
    }

    /**
     * Refuses a delivery whose body turned out longer than the limit while it was read.
     *
     * @param request the delivery's headers and path, with an empty body
     * @return a {@link Reason#BODY_TOO_LARGE} refusal
     */
    public Refused refuseBodyTooLarge(WebhookRequest request) {
        return refuse(delivery(request), request, new WebhookRejectedException(provider(), Reason.BODY_TOO_LARGE,
                "body exceeds the limit of " + maxBodyBytes + " bytes"));
    }

    /**
     * Refuses a delivery whose body could not be read whole: the connection failed or ended
     * before the declared length arrived. Nothing was verified and nothing is processed.
     *
     * @param request the delivery's headers and path, with an empty body
     * @return a {@link Reason#INCOMPLETE_BODY} refusal
     */
    public Refused refuseIncompleteBody(WebhookRequest request) {
        return refuse(delivery(request), request, new WebhookRejectedException(provider(), Reason.INCOMPLETE_BODY,
                "the body could not be read to its end"));
    }

    /**
     * Receives a delivery whose body has been read, using the store's synchronous methods.
     *
     * @param request the delivery
     * @return the outcome; never a refusal thrown
     * @throws IllegalStateException if a key supplier of the verifier failed: a configuration
     *         fault of the application, not the sender's
     */
    public Outcome receive(WebhookRequest request) {
        WebhookListener told = delivery(request);
        Verified<?> verified;
        try {
            verified = verify(told, request);
        } catch (WebhookRejectedException rejection) {
            return refuse(told, request, rejection);
        }
        if (!deduplication) {
            return new Accepted(this, told, verified, null, false);
        }
        IdempotencyStore.Claim claim;
        try {
            claim = Objects.requireNonNull(store.claim(verified.idempotencyKey(), lease), "the store returned no claim");
        } catch (RuntimeException failure) {
            return storeFailed(told, request, verified, failure);
        }
        return claimed(told, request, verified, claim, false);
    }

    /**
     * Receives a delivery whose body has been read, using the store's asynchronous methods: the
     * calling thread verifies (microseconds of CPU) and never waits on the store. The returned
     * stage may complete on a thread of the store's client.
     *
     * @param request the delivery
     * @return the outcome, never failed by a refusal or a store failure
     * @throws IllegalStateException if a key supplier of the verifier failed
     */
    public CompletionStage<Outcome> receiveAsync(WebhookRequest request) {
        WebhookListener told = delivery(request);
        Verified<?> verified;
        try {
            verified = verify(told, request);
        } catch (WebhookRejectedException rejection) {
            return CompletableFuture.completedFuture(refuse(told, request, rejection));
        }
        if (!deduplication) {
            return CompletableFuture.completedFuture(new Accepted(this, told, verified, null, true));
        }
        CompletionStage<IdempotencyStore.Claim> claim;
        try {
            claim = Objects.requireNonNull(store.claimAsync(verified.idempotencyKey(), lease), "the store returned no stage");
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(storeFailed(told, request, verified, failure));
        }
        return claim.handle((acquired, failure) -> {
            if (failure == null && acquired != null) {
                return claimed(told, request, verified, acquired, true);
            }
            return storeFailed(told, request, verified, failure == null ? new NullPointerException("the store returned no claim") : unwrap(failure));
        });
    }

    /** The listener for one delivery: {@link WebhookListener#forDelivery}, or the default one, which needs none. */
    private WebhookListener delivery(WebhookRequest request) {
        if (listener == ReceiverSettings.NO_LISTENER) {
            return listener;
        }
        try {
            return Objects.requireNonNull(listener.forDelivery(request), "forDelivery returned null");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook listener failed", e);
            return ReceiverSettings.NO_LISTENER;
        }
    }

    /** Verifies and tells the listener; a configuration fault (a failing key supplier) is told and thrown. */
    private Verified<?> verify(WebhookListener told, WebhookRequest request) {
        try {
            return verifyChecked(told, request);
        } catch (WebhookRejectedException rejection) {
            throw rejection;
        } catch (RuntimeException fault) {
            tell(() -> told.onFailure(request, fault));
            throw fault;
        }
    }

    private Verified<?> verifyChecked(WebhookListener told, WebhookRequest request) {
        if (request.body().length > maxBodyBytes) {
            throw new WebhookRejectedException(provider(), Reason.BODY_TOO_LARGE,
                    "body has " + request.body().length + " bytes; at most " + maxBodyBytes + " allowed");
        }
        Verified<?> verified = verifier.verify(request);
        if (!expectedEvent.isInstance(verified.event())) {
            String type = verified.event().type();
            throw new WebhookRejectedException(provider(), Reason.UNEXPECTED_EVENT, "event type " + (type.length() > 100 ? type.substring(0, 100) + "..." : type)
                    + " is not taken here (" + expectedEvent.getSimpleName() + " is)", verified.body());
        }
        tell(() -> told.onVerified(request, verified));
        return verified;
    }

    private Outcome claimed(WebhookListener told, WebhookRequest request, Verified<?> verified, IdempotencyStore.Claim claim, boolean async) {
        return switch (claim.status()) {
            case ACQUIRED -> new Accepted(this, told, verified, claim, async);
            case DONE -> {
                tell(() -> told.onDuplicate(request, verified));
                yield new Duplicate(verified);
            }
            case IN_PROGRESS -> refuse(told, request, new WebhookRejectedException(provider(), Reason.DUPLICATE_IN_PROGRESS,
                    "the same event is being processed by another delivery; retry later"));
        };
    }

    private Outcome storeFailed(WebhookListener told, WebhookRequest request, Verified<?> verified, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "idempotency store could not claim a " + provider().id() + " delivery; "
                + (failOpen ? "processing it without deduplication" : "answering " + Reason.STORE_UNAVAILABLE), failure);
        tell(() -> told.onStoreFailure(verified, failure, failOpen));
        if (failOpen) {
            return new Accepted(this, told, verified, null, false);
        }
        return refuse(told, request, new WebhookRejectedException(provider(), Reason.STORE_UNAVAILABLE,
                "the idempotency store is unavailable; nothing was processed, retry later"));
    }

    private Refused refuse(WebhookListener told, WebhookRequest request, WebhookRejectedException rejection) {
        tell(() -> told.onRejected(request, rejection));
        return new Refused(statuses[rejection.reason().ordinal()], rejection);
    }

    /** Tells the listener of a settlement, with the time since acceptance; nothing to do for the default listener. */
    private static void tellSettled(WebhookListener told, Verified<?> verified, boolean processed, long acceptedAt) {
        if (told != ReceiverSettings.NO_LISTENER) {
            Duration took = Duration.ofNanos(System.nanoTime() - acceptedAt);
            tell(() -> told.onSettled(verified, processed, took));
        }
    }

    /** A listener is telemetry: its failure is logged and must not change the answer. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook listener failed", e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Returns the provider, body limit and whether deduplication is on; never secrets. */
    @Override
    public String toString() {
        return "WebhookReceiver[provider=" + provider().id() + ", maxBodyBytes=" + maxBodyBytes + ", deduplication="
                + (deduplication ? store : "off") + (failOpen ? ", failOpen" : "") + "]";
    }

    /** What became of a delivery: {@link Refused}, {@link Duplicate} or {@link Accepted}. */
    public sealed interface Outcome permits Answer, Accepted {
    }

    /**
     * An outcome the adapter answers on the receiver's behalf, without calling the application:
     * a {@link Refused} problem or a {@link Duplicate} acknowledgement.
     */
    public sealed interface Answer extends Outcome permits Refused, Duplicate {
        /**
         * Returns the status to answer.
         *
         * @return the HTTP status
         */
        int status();

        /**
         * Returns the headers to answer with, in order, such as {@code Content-Type}.
         *
         * @return an unmodifiable map of header names to values
         */
        Map<String, String> headers();

        /**
         * Returns the body to answer with.
         *
         * @return the bytes, not a copy: do not modify them
         */
        byte[] body();
    }

    /**
     * A refused delivery: an RFC 9457 {@code application/problem+json} document with
     * {@code type}, {@code title}, {@code status}, {@code detail}, {@code reason} and
     * {@code provider}, free of secrets. Immutable.
     */
    public static final class Refused implements Answer {
        private final int status;
        private final WebhookRejectedException rejection;
        private final Map<String, String> headers;
        private final byte[] body;

        Refused(int status, WebhookRejectedException rejection) {
            this.status = status;
            this.rejection = rejection;
            this.body = Problem.render(status, rejection);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", Problem.CONTENT_TYPE);
            headers.put("Cache-Control", "no-store");
            if (rejection.reason() == Reason.STORE_UNAVAILABLE) {
                headers.put("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
            }
            this.headers = java.util.Collections.unmodifiableMap(headers);
        }

        /**
         * Returns why the delivery was refused.
         *
         * @return the rejection
         */
        public WebhookRejectedException rejection() {
            return rejection;
        }

        /**
         * Returns the problem's {@code type} URI, one per reason.
         *
         * @return the type
         */
        public String type() {
            return Problem.type(rejection.reason());
        }

        /**
         * Returns the problem's {@code title}, one per reason.
         *
         * @return the title
         */
        public String title() {
            return Problem.title(rejection.reason());
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public String toString() {
            return "Refused[" + status + ", " + rejection.getMessage() + "]";
        }
    }

    /**
     * A delivery of an event processed before: acknowledged with 200 and an empty body, without
     * calling the application. Immutable.
     */
    public static final class Duplicate implements Answer {
        private static final byte[] EMPTY = new byte[0];
        private final Verified<?> verified;

        Duplicate(Verified<?> verified) {
            this.verified = verified;
        }

        /**
         * Returns the verified delivery.
         *
         * @return the result
         */
        public Verified<?> verified() {
            return verified;
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public byte[] body() {
            return EMPTY;
        }

        @Override
        public String toString() {
            return "Duplicate[" + verified + "]";
        }
    }

    /**
     * A verified delivery the application must process, holding its claim. The adapter settles it
     * exactly once: {@link #settle} with the application's status, or {@link #fail} when the
     * application threw or the connection was lost. Thread-safe: the first ending wins and later
     * ones do nothing, so every path that may end a request can call it.
     */
    public static final class Accepted implements Outcome {
        private final WebhookReceiver receiver;
        private final WebhookListener told;
        private final Verified<?> verified;
        private final IdempotencyStore.Claim claim;
        private static final AtomicIntegerFieldUpdater<Accepted> ENDED = AtomicIntegerFieldUpdater.newUpdater(Accepted.class, "ended");

        private final boolean async;
        private final long acceptedAt;
        private volatile int ended; // 0 until the first ending; one per delivery, so no AtomicBoolean

        Accepted(WebhookReceiver receiver, WebhookListener told, Verified<?> verified, IdempotencyStore.Claim claim, boolean async) {
            this.receiver = receiver;
            this.told = told;
            this.verified = verified;
            this.claim = claim;
            this.async = async;
            this.acceptedAt = told == ReceiverSettings.NO_LISTENER ? 0 : System.nanoTime();
        }

        /**
         * Returns the verified delivery for the application.
         *
         * @return the result
         */
        public Verified<?> verified() {
            return verified;
        }

        /**
         * Settles the claim by the application's status: completed on 2xx, so that a redelivery
         * is acknowledged without processing; released otherwise, so that the provider's retry is
         * processed. Call it before the response is committed.
         *
         * @param status the HTTP status the application answered
         * @return a stage that completes when the store has been told (at once on the synchronous
         *         path); it never fails: a store failure is logged
         */
        public CompletionStage<Void> settle(int status) {
            return end(status >= 200 && status <= 299);
        }

        /**
         * Releases the claim because the application failed (threw, timed out or lost its
         * connection), so that the provider's retry is processed.
         *
         * @return a stage as {@link #settle} returns
         */
        public CompletionStage<Void> fail() {
            return end(false);
        }

        /**
         * Leaves the claim to expire after its lease, because the application's outcome cannot be
         * known: it failed after handing the delivery to asynchronous work that may still be
         * running. Releasing would let a redelivery reach the application while that work runs;
         * completing would lose the event if the work fails. Until the lease ends a redelivery is
         * answered {@link Reason#DUPLICATE_IN_PROGRESS}; after it, the provider's retry is
         * processed. The listener is told of it as not processed. Later calls to {@link #settle}
         * or {@link #fail} do nothing.
         */
        public void abandon() {
            if (ENDED.compareAndSet(this, 0, 1)) {
                LOG.log(System.Logger.Level.WARNING, "the application failed while its asynchronous work on {0} may still run; "
                        + "the claim is left to expire after its lease of {1}", verified.idempotencyKey(), receiver.lease);
                tellSettled(told, verified, false, acceptedAt);
            }
        }

        /**
         * Returns whether settling this delivery does anything: {@code false} only when
         * deduplication is off (or failed open) and no listener was set, so that an adapter may
         * skip the wiring that settles it.
         *
         * @return whether {@link #settle} has a claim to end or a listener to tell
         */
        public boolean needsSettlement() {
            return claim != null || told != ReceiverSettings.NO_LISTENER;
        }

        /**
         * Returns whether this delivery has been settled (or abandoned).
         *
         * @return {@code true} once {@link #settle}, {@link #fail} or {@link #abandon} was called
         */
        public boolean settled() {
            return ended != 0;
        }

        private CompletionStage<Void> end(boolean processed) {
            if (!ENDED.compareAndSet(this, 0, 1)) {
                return SETTLED;
            }
            if (claim == null) {
                tellSettled(told, verified, processed, acceptedAt);
                return SETTLED;
            }
            CompletionStage<Boolean> stored;
            try {
                IdempotencyStore store = receiver.store;
                if (async) {
                    stored = processed ? store.completeAsync(claim, receiver.retention) : store.releaseAsync(claim);
                } else {
                    stored = CompletableFuture.completedFuture(processed ? store.complete(claim, receiver.retention) : store.release(claim));
                }
            } catch (RuntimeException failure) {
                stored = CompletableFuture.failedFuture(failure);
            }
            return stored.handle((owned, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "idempotency store could not " + (processed ? "complete" : "release")
                            + " the claim on " + claim.key() + "; it expires after its lease", unwrap(failure));
                } else if (!Boolean.TRUE.equals(owned)) {
                    LOG.log(System.Logger.Level.WARNING, "the claim on {0} had expired before the delivery was {1}; is the lease too short?",
                            claim.key(), processed ? "processed" : "released");
                }
                tellSettled(told, verified, processed, acceptedAt);
                return null;
            });
        }

        @Override
        public String toString() {
            return "Accepted[" + verified + (settled() ? ", settled" : "") + "]";
        }
    }

    /**
     * Builds a {@link WebhookReceiver}; the settings are those of {@link ReceiverSettings}. Not
     * thread-safe; {@link #build()} returns an independent receiver.
     */
    public static final class Builder extends ReceiverSettings<Builder> {
        private Builder(WebhookVerifier<?> verifier) {
            super(verifier);
        }

        /**
         * Validates the settings and returns a new receiver.
         *
         * @return the receiver
         * @throws IllegalArgumentException naming the problem, as listed in
         *         {@link ReceiverSettings#receiver()}
         */
        public WebhookReceiver build() {
            return receiver();
        }
    }
}
