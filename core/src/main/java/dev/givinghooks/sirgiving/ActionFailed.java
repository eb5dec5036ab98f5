package dev.givinghooks.sirgiving;

import java.time.Instant;
import java.util.Objects;

/**
 * The SIR Giving event {@value #TYPE}: an action could not be completed. Immutable and
 * thread-safe.
 *
 * <p>SIR Giving does not publish this event's {@code data} shape (PROVIDERS.md §1.1): the fields
 * below are those of the action result that are likely present, all optional; everything else
 * is in {@link #rawData()}.
 *
 * @param id the envelope id ({@code evt_...}), unique per event
 * @param createdAt the envelope's {@code createdAt}, or {@code null} when absent
 * @param actionId {@code data.actionId}: the failed action, or {@code null} when absent
 * @param idempotencyKey {@code data.idempotencyKey}: the key the partner submitted the action
 *        with, or {@code null} when absent
 * @param status {@code data.status}, such as {@code FAILED}, or {@code null} when absent
 * @param rawData the whole {@code data} object as compact JSON
 */
public record ActionFailed(
        String id,
        Instant createdAt,
        String actionId,
        String idempotencyKey,
        String status,
        String rawData) implements SirGivingEvent {

    /** The provider's type string of this event. */
    public static final String TYPE = "action.failed";

    /**
     * Checks the required components.
     *
     * @throws NullPointerException if {@code id} or {@code rawData} is {@code null}
     */
    public ActionFailed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rawData, "rawData");
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }
}
