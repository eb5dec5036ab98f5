package dev.givinghooks.sirgiving;

import java.time.Instant;
import java.util.Objects;

/**
 * The SIR Giving event {@value #TYPE}: a token transaction was completed. Immutable and
 * thread-safe.
 *
 * <p>SIR Giving does not publish this event's {@code data} shape (PROVIDERS.md §1.1): the fields
 * below are the likely identifiers, both optional; everything else is in {@link #rawData()}.
 *
 * @param id the envelope id ({@code evt_...}), unique per event
 * @param createdAt the envelope's {@code createdAt}, or {@code null} when absent
 * @param transactionId {@code data.transactionId}: the completed transaction, or {@code null}
 *        when absent
 * @param actionId {@code data.actionId}: the action the transaction belongs to, or {@code null}
 *        when absent
 * @param rawData the whole {@code data} object as compact JSON
 */
public record TransactionCompleted(
        String id,
        Instant createdAt,
        String transactionId,
        String actionId,
        String rawData) implements SirGivingEvent {

    /** The provider's type string of this event. */
    public static final String TYPE = "transaction.completed";

    /**
     * Checks the required components.
     *
     * @throws NullPointerException if {@code id} or {@code rawData} is {@code null}
     */
    public TransactionCompleted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rawData, "rawData");
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }
}
