package dev.givinghooks.chuffed;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookEvent;

/**
 * A verified Chuffed webhook event: {@code DonationPaymentConfirmed}, or {@link Unrecognized}.
 * Chuffed sends no event type; the library names its one documented event
 * {@value #PAYMENT_CONFIRMED} (a body whose {@code data} object has an {@code id}), and any other
 * JSON object is {@link Unrecognized}, which keeps the body as raw JSON; for every event the exact
 * delivered bytes are {@link dev.givinghooks.Verified#body()}. Events are immutable records, safe
 * to share between threads.
 */
public sealed interface ChuffedEvent extends WebhookEvent permits DonationPaymentConfirmed, ChuffedEvent.Unrecognized {
    /** The type name given to "Donation: Payment Confirmed". */
    String PAYMENT_CONFIRMED = "donation.payment_confirmed";

    /** @return {@link Provider#CHUFFED} */
    @Override
    default Provider provider() {
        return Provider.CHUFFED;
    }

    /**
     * An authentic JSON object that is not a documented Chuffed event, or that did not fit its
     * record; nothing is lost.
     *
     * @param type {@value ChuffedEvent#PAYMENT_CONFIRMED} when the body looked like that event, otherwise
     *        {@value #UNKNOWN}
     * @param rawBody the whole body as compact JSON
     * @param reason why it is unrecognized: {@value #NOT_DOCUMENTED}, or what did not fit,
     *        naming the field (never quoting its value)
     */
    record Unrecognized(String type, String rawBody, String reason) implements ChuffedEvent {
        /** The type given to a body that is not a documented Chuffed event. */
        public static final String UNKNOWN = "unknown";
        /** The reason given for a body that is not a documented Chuffed event. */
        public static final String NOT_DOCUMENTED = "not a documented Chuffed event";
    }
}
