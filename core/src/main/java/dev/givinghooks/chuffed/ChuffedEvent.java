package dev.givinghooks.chuffed;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookEvent;

/**
 * A verified Chuffed webhook event: {@code DonationPaymentConfirmed}, or {@link Unrecognized}.
 * Chuffed sends no event type; the library names its one documented event
 * {@value #PAYMENT_CONFIRMED}.
 */
public sealed interface ChuffedEvent extends WebhookEvent permits ChuffedEvent.Unrecognized {
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
     * @param type {@value #PAYMENT_CONFIRMED} when the body looked like that event, otherwise {@code unknown}
     * @param rawBody the whole body as compact JSON
     * @param reason why it is unrecognized
     */
    record Unrecognized(String type, String rawBody, String reason) implements ChuffedEvent {
    }
}
