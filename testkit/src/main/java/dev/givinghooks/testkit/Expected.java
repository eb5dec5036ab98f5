package dev.givinghooks.testkit;

import dev.givinghooks.Reason;
import java.util.Objects;

/**
 * The outcome a catalogue variant must produce: verified with a given key index, rejected with a
 * given {@link Reason}, or acknowledged as a duplicate of an earlier delivery.
 *
 * <p>Immutable.
 *
 * @param outcome the kind of outcome
 * @param reason the rejection reason; {@code null} unless rejected
 * @param keyIndex the key index that must match when verified, otherwise 0
 */
public record Expected(Outcome outcome, Reason reason, int keyIndex) {

    /** The kind of outcome. */
    public enum Outcome {
        /** The delivery verifies; an adapter passes it to the application. */
        VERIFIED,
        /** The delivery is refused with a reason. */
        REJECTED,
        /** The delivery verifies but was processed before; an adapter answers 200 without the application. */
        DUPLICATE
    }

    /**
     * Checks consistency: a reason exactly when rejected.
     *
     * @param outcome the kind of outcome
     * @param reason the reason, only when rejected
     * @param keyIndex a non-negative key index
     */
    public Expected {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("a reason is required exactly for a rejection");
        }
        if (keyIndex < 0) {
            throw new IllegalArgumentException("keyIndex must not be negative");
        }
    }

    /**
     * Returns the expectation "verified with this key index".
     *
     * @param keyIndex the 0-based index of the secret or key pair that must match
     * @return the expectation
     */
    public static Expected verified(int keyIndex) {
        return new Expected(Outcome.VERIFIED, null, keyIndex);
    }

    /**
     * Returns the expectation "rejected with this reason".
     *
     * @param reason the reason
     * @return the expectation
     */
    public static Expected rejected(Reason reason) {
        return new Expected(Outcome.REJECTED, Objects.requireNonNull(reason, "reason"), 0);
    }

    /**
     * Returns the expectation "a duplicate of the delivery before it".
     *
     * @return the expectation
     */
    public static Expected duplicate() {
        return new Expected(Outcome.DUPLICATE, null, 0);
    }

    /**
     * Returns the HTTP status an adapter answers with by default: 200 when verified (if the
     * application answers 200) or a duplicate, the reason's status when rejected.
     *
     * @return the status
     */
    public int httpStatus() {
        return outcome == Outcome.REJECTED ? reason.httpStatus() : 200;
    }

    /** Reads as {@code verified(key 1)}, {@code rejected(SIGNATURE_MISMATCH)} or {@code duplicate}. */
    @Override
    public String toString() {
        return switch (outcome) {
            case VERIFIED -> "verified(key " + keyIndex + ")";
            case REJECTED -> "rejected(" + reason + ")";
            case DUPLICATE -> "duplicate";
        };
    }
}
