package dev.givinghooks.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Remembers which deliveries are being processed or are done, so that each event is processed
 * once even though providers deliver at least once.
 *
 * <p>Adapters {@link #claim claim} a verified delivery's idempotency key, call the application,
 * then {@link #complete complete} the claim on success or {@link #release release} it on
 * failure, so that a failed delivery stays retryable. A claim expires after its lease, so a
 * crashed process does not block a key forever. Completing or releasing acts only on the
 * caller's own claim: the owner token makes that checkable after a lease expired and another
 * delivery claimed the key, in one JVM or in a shared store.
 *
 * <p>Each operation also comes asynchronously ({@link #claimAsync}, {@link #completeAsync},
 * {@link #releaseAsync}), for adapters that must not block an event loop. Their defaults call the
 * synchronous methods on the caller's thread, which suits a store that never blocks (the
 * in-memory one); a networked store overrides them with its client's non-blocking calls.
 *
 * <p>A store that cannot answer throws {@link StoreUnavailableException} (or fails the
 * asynchronous result with it); the receiver then processes nothing and answers
 * {@link dev.givinghooks.Reason#STORE_UNAVAILABLE}. Operations must be bounded in time: a store
 * that may wait on a network applies its own timeouts.
 *
 * <p>Implementations must be thread-safe; a store shared between instances (for example on
 * Redis) must make {@code claim} atomic across them.
 */
public interface IdempotencyStore {

    /** The default bound of {@link #inMemory()}. */
    int DEFAULT_MAX_ENTRIES = 100_000;

    /**
     * Returns a new in-memory store for one JVM, bounded to {@value #DEFAULT_MAX_ENTRIES} keys,
     * on the system UTC clock.
     *
     * @return a thread-safe store
     */
    static IdempotencyStore inMemory() {
        return inMemory(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    /**
     * Returns a new in-memory store for one JVM. When a claim would hold more keys than the bound
     * allows, expired keys are forgotten first, then the oldest processed ones (a retry of such a
     * delivery would be processed again). A claim in progress is never forgotten: when the bound
     * is taken by live claims alone, {@link #claim} throws {@link StoreUnavailableException}.
     *
     * @param maxEntries the most keys held at once, positive
     * @param clock the clock leases and retentions run on
     * @return a thread-safe store
     */
    static IdempotencyStore inMemory(int maxEntries, Clock clock) {
        return new InMemoryIdempotencyStore(maxEntries, clock);
    }

    /**
     * Tries to claim a key for processing.
     *
     * @param key the idempotency key of a verified delivery
     * @param lease how long the claim holds if neither completed nor released
     * @return the claim: {@link Status#ACQUIRED} with a fresh owner token, or the status of an
     *         existing claim ({@link Status#IN_PROGRESS}, {@link Status#DONE})
     */
    Claim claim(String key, Duration lease);

    /**
     * Marks the caller's own claim done, to be remembered for the retention.
     *
     * @param claim a claim this store returned with {@link Status#ACQUIRED}
     * @param retention how long a completed key is remembered
     * @return {@code true} if the claim was still the caller's and is now done; {@code false} if
     *         its lease had expired and the key was released or claimed by another delivery
     */
    boolean complete(Claim claim, Duration retention);

    /**
     * Releases the caller's own claim so that a retry of the delivery is processed.
     *
     * @param claim a claim this store returned with {@link Status#ACQUIRED}
     * @return {@code true} if the claim was still the caller's and is now released
     */
    boolean release(Claim claim);

    /**
     * Claims a key as {@link #claim} does, without blocking the caller on a network.
     *
     * @param key the idempotency key of a verified delivery
     * @param lease how long the claim holds if neither completed nor released
     * @return the claim, or a stage failed with the store's exception
     */
    default CompletionStage<Claim> claimAsync(String key, Duration lease) {
        return now(() -> claim(key, lease));
    }

    /**
     * Completes the caller's own claim as {@link #complete} does, without blocking on a network.
     *
     * @param claim a claim this store returned with {@link Status#ACQUIRED}
     * @param retention how long a completed key is remembered
     * @return whether the claim was still the caller's, or a stage failed with the store's exception
     */
    default CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
        return now(() -> complete(claim, retention));
    }

    /**
     * Releases the caller's own claim as {@link #release} does, without blocking on a network.
     *
     * @param claim a claim this store returned with {@link Status#ACQUIRED}
     * @return whether the claim was still the caller's, or a stage failed with the store's exception
     */
    default CompletionStage<Boolean> releaseAsync(Claim claim) {
        return now(() -> release(claim));
    }

    /** Runs a synchronous operation on the caller's thread; its exception fails the stage. */
    private static <T> CompletionStage<T> now(Supplier<T> operation) {
        try {
            return CompletableFuture.completedFuture(operation.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The state of a key. */
    enum Status {
        /** The caller holds the key now and must complete or release it. */
        ACQUIRED,
        /** Another delivery holds the key now. */
        IN_PROGRESS,
        /** A delivery with this key was processed successfully. */
        DONE
    }

    /**
     * The answer to a {@link #claim}: the key, its status and, when acquired, the owner token
     * that {@link #complete} and {@link #release} check.
     *
     * @param key the idempotency key
     * @param status the status
     * @param ownerToken a token unique to this acquisition, or {@code null} unless acquired
     */
    record Claim(String key, Status status, String ownerToken) {
        /**
         * Checks the claim.
         *
         * @param key the idempotency key
         * @param status the status
         * @param ownerToken the token; required when acquired
         */
        public Claim {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(status, "status");
            if (status == Status.ACQUIRED && ownerToken == null) {
                throw new IllegalArgumentException("an acquired claim needs an owner token");
            }
        }

        /**
         * Returns whether the caller now holds the key.
         *
         * @return {@code true} for {@link Status#ACQUIRED}
         */
        public boolean acquired() {
            return status == Status.ACQUIRED;
        }
    }
}
