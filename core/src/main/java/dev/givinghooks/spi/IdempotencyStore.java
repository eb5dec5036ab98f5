package dev.givinghooks.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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
     * Returns a new in-memory store for one JVM. When more keys are held than the bound allows,
     * expired ones are forgotten first, then the oldest.
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
