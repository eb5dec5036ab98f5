package dev.givinghooks.givingblock;

import java.time.Instant;
import java.util.Objects;

/**
 * The Giving Block event {@value #TYPE}: a card merchant's onboarding status changed. Immutable
 * and thread-safe.
 *
 * <p>{@code status} is required; every other component is {@code null} when the payload omits it
 * (PROVIDERS.md §2.5). The replay window checks {@code eventTimestamp} when present, otherwise
 * {@code timestamp}, so at least one of the two is never {@code null}.
 *
 * @param timestamp {@code timestamp}: when the status changed
 * @param eventTimestamp {@code eventTimestamp}: when the event was sent, if the payload carries it
 * @param mid {@code mid}: the merchant id
 * @param status {@code status}: the new status, kept even when its code is not documented
 * @param statusChangeReason {@code statusChangeReason}: a short description of the change
 * @param officeId {@code officeId}: the office id (sent as a string or a number; kept as text)
 */
public record MerchantStatusEvent(
        Instant timestamp,
        Instant eventTimestamp,
        String mid,
        MerchantStatus status,
        String statusChangeReason,
        String officeId) implements GivingBlockEvent {

    /** The envelope's {@code eventType} of this event, which the payload repeats. */
    public static final String TYPE = "MERCHANT_STATUS_EVENT";

    /**
     * Checks the required component.
     *
     * @throws NullPointerException if {@code status} is {@code null}
     */
    public MerchantStatusEvent {
        Objects.requireNonNull(status, "status");
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }
}
