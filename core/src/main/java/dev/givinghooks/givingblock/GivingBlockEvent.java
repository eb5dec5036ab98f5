package dev.givinghooks.givingblock;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookEvent;

/**
 * A verified (decrypted) The Giving Block webhook event: {@link DepositTransaction},
 * {@link TransactionConverted}, {@link MerchantStatusEvent}, or {@link Unrecognized} for every
 * other type (the set is open: PROVIDERS.md §2.1). {@link #type()} is the envelope's
 * {@code eventType}. {@link Unrecognized} keeps the payload as raw JSON; for every event the
 * exact decrypted payload is {@link dev.givinghooks.Verified#body()}. Events are immutable
 * records, safe to share between threads.
 */
public sealed interface GivingBlockEvent extends WebhookEvent
        permits DepositTransaction, TransactionConverted, MerchantStatusEvent, GivingBlockEvent.Unrecognized {

    /** @return {@link Provider#GIVING_BLOCK} */
    @Override
    default Provider provider() {
        return Provider.GIVING_BLOCK;
    }

    /**
     * An authentic payload of a type this library does not model, or of a known type that did
     * not fit its record; nothing is lost.
     *
     * @param type the envelope's {@code eventType}
     * @param rawPayload the decrypted payload as compact JSON
     * @param reason why it is unrecognized: {@value #UNKNOWN_TYPE}, or what did not fit, naming
     *        the field (never quoting its value)
     */
    record Unrecognized(String type, String rawPayload, String reason) implements GivingBlockEvent {
        /** The reason given for an event whose type this library does not model. */
        public static final String UNKNOWN_TYPE = "unknown event type";
    }
}
