package dev.givinghooks;

import dev.givinghooks.spi.IdempotencyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The settings every receiver of deliveries shares, whatever framework it runs in: body limit,
 * deduplication (store, lease, retention, what to do when the store fails), listener and status
 * mapping. {@link WebhookReceiver.Builder} and each adapter's builder extend it, so that the same
 * options read the same everywhere.
 *
 * <p>Not thread-safe; a builder's {@code build()} takes a snapshot, so one builder may build
 * several receivers.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class ReceiverSettings<B extends ReceiverSettings<B>> {
    /** The listener when none is set: it does nothing, so the receiver need not measure for it. */
    static final WebhookListener NO_LISTENER = new WebhookListener() {
    };

    private final WebhookVerifier<?> verifier;
    private Integer maxBodyBytes;
    private IdempotencyStore store;
    private Duration lease = WebhookReceiver.DEFAULT_LEASE;
    private Duration retention = WebhookReceiver.DEFAULT_RETENTION;
    private boolean deduplication = true;
    private boolean failOpen;
    private WebhookListener listener = NO_LISTENER;
    private ToIntFunction<Reason> statusMapping = Reason::httpStatus;
    private Class<? extends WebhookEvent> expectedEvent = WebhookEvent.class;

    /**
     * Starts the settings of a receiver of the verifier's deliveries.
     *
     * @param verifier the provider's verifier
     */
    protected ReceiverSettings(WebhookVerifier<?> verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets the largest body read; by default the verifier's limit (1 MiB unless set on its
     * builder). A larger delivery is refused with {@link Reason#BODY_TOO_LARGE}, before its body
     * is read when its {@code Content-Length} says so.
     *
     * @param maxBodyBytes a positive number of bytes, at most the verifier's limit
     * @return this builder
     */
    public B maxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        return self();
    }

    /**
     * Sets the store that deduplicates deliveries; by default each receiver built gets a new
     * {@link IdempotencyStore#inMemory()}. Share one store (on Redis or in a database) between
     * the instances of an application to deduplicate across them.
     *
     * @param store the store
     * @return this builder
     */
    public B idempotencyStore(IdempotencyStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return self();
    }

    /**
     * Sets how long a claim holds while the application works, after which a crashed process's
     * claim expires; 5 minutes by default.
     *
     * @param lease a positive duration
     * @return this builder
     */
    public B lease(Duration lease) {
        this.lease = lease;
        return self();
    }

    /**
     * Sets how long a processed key is remembered; 72 hours by default (Chuffed retries for about
     * two days).
     *
     * @param retention a positive duration
     * @return this builder
     */
    public B retention(Duration retention) {
        this.retention = retention;
        return self();
    }

    /**
     * Switches deduplication on (the default) or off. Off, every verified delivery reaches the
     * application, duplicates included; for Chuffed, which sends no timestamp, that removes the
     * only replay defence.
     *
     * @param deduplication whether to deduplicate
     * @return this builder
     */
    public B deduplication(boolean deduplication) {
        this.deduplication = deduplication;
        return self();
    }

    /**
     * Chooses what happens when the idempotency store cannot answer. By default the receiver
     * fails closed: the delivery is refused with {@link Reason#STORE_UNAVAILABLE} (503 with
     * {@code Retry-After}), nothing is processed, and the provider's retry will be. Failing open
     * processes the delivery without deduplication instead, so a retry may process it again; the
     * listener is told through {@link WebhookListener#onStoreFailure}.
     *
     * @param failOpen {@code true} to process deliveries the store could not claim
     * @return this builder
     */
    public B failOpen(boolean failOpen) {
        this.failOpen = failOpen;
        return self();
    }

    /**
     * Sets the listener told of verifications, refusals, duplicates, store failures and
     * settlements.
     *
     * @param listener the listener
     * @return this builder
     */
    public B listener(WebhookListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * Overrides the status answered for each reason; {@link Reason#httpStatus()} by default.
     * For example, answering 200 to {@link Reason#MALFORMED_PAYLOAD} stops a provider from
     * retrying an authentic body that will never fit (keep it from
     * {@link WebhookListener#onRejected}).
     *
     * @param statusMapping returns the status for a reason
     * @return this builder
     */
    public B statusMapping(ToIntFunction<Reason> statusMapping) {
        this.statusMapping = Objects.requireNonNull(statusMapping, "statusMapping");
        return self();
    }

    /**
     * Takes only events of a type, for an endpoint that handles one event (such as
     * {@code DonationPaymentConfirmed}); by default every event of the verifier's provider. An
     * authentic delivery of another type is refused with {@link Reason#UNEXPECTED_EVENT} before
     * it is claimed, so it is not processed and stays retryable; the listener gets its body.
     *
     * @param expectedEvent the event type taken
     * @return this builder
     */
    public B expectedEvent(Class<? extends WebhookEvent> expectedEvent) {
        this.expectedEvent = Objects.requireNonNull(expectedEvent, "expectedEvent");
        return self();
    }

    /**
     * Validates the settings and returns a receiver with them; adapters' {@code build()} methods
     * call this.
     *
     * @return a new receiver
     * @throws IllegalArgumentException naming the problem: a non-positive body limit, or one over
     *         the verifier's; a non-positive lease or retention; a status mapping that answers
     *         outside 200–499 for a reason, outside 400–499 for an authentication failure, or
     *         outside 400–599 for {@link Reason#STORE_UNAVAILABLE} (a 2xx would acknowledge an
     *         event nobody processed)
     */
    protected final WebhookReceiver receiver() {
        int limit = maxBodyBytes == null ? verifier.maxBodyBytes() : maxBodyBytes;
        if (limit <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (limit > verifier.maxBodyBytes()) {
            throw new IllegalArgumentException("maxBodyBytes " + limit + " is over the verifier's limit of " + verifier.maxBodyBytes()
                    + " bytes; raise it on the verifier's builder too");
        }
        positive("lease", lease);
        positive("retention", retention);
        int[] statuses = new int[Reason.values().length];
        for (Reason reason : Reason.values()) {
            int status = statusMapping.applyAsInt(reason);
            int lowest = reason == Reason.STORE_UNAVAILABLE || reason.isAuthenticationFailure() ? 400 : 200;
            int highest = reason == Reason.STORE_UNAVAILABLE ? 599 : 499;
            if (status < lowest || status > highest) {
                throw new IllegalArgumentException("status " + status + " for " + reason + " is outside " + lowest + "-" + highest);
            }
            statuses[reason.ordinal()] = status;
        }
        return new WebhookReceiver(verifier, limit, store == null ? IdempotencyStore.inMemory() : store, lease, retention,
                deduplication, failOpen, listener, statuses, expectedEvent);
    }

    private static void positive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
