package dev.givinghooks.givingblock;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookEvent;

/**
 * A verified (decrypted) The Giving Block webhook event: a record per documented event type, or
 * {@link Unrecognized}. {@link #type()} is the envelope's {@code eventType}.
 */
public sealed interface GivingBlockEvent extends WebhookEvent permits GivingBlockEvent.Unrecognized {

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
     * @param reason why it is unrecognized: {@code "unknown event type"} or what did not fit
     */
    record Unrecognized(String type, String rawPayload, String reason) implements GivingBlockEvent {
    }
}
