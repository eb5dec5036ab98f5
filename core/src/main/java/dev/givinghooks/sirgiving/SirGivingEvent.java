package dev.givinghooks.sirgiving;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookEvent;
import java.time.Instant;

/**
 * A verified SIR Giving webhook event: {@link ActionCompleted}, {@link ActionFailed},
 * {@link TransactionCompleted}, or {@link Unrecognized} for every other type (SIR Giving's set of
 * types is open: PROVIDERS.md §1.1). {@link #type()} is the envelope's {@code type} string.
 * The records whose {@code data} shape is not published ({@link ActionFailed},
 * {@link TransactionCompleted}, {@link Unrecognized}) also keep {@code data} as raw JSON; the
 * exact delivered bytes are always in {@link dev.givinghooks.Verified#body()}. Events are
 * immutable records, safe to share between threads.
 */
public sealed interface SirGivingEvent extends WebhookEvent
        permits ActionCompleted, ActionFailed, TransactionCompleted, SirGivingEvent.Unrecognized {

    /** @return {@link Provider#SIR_GIVING} */
    @Override
    default Provider provider() {
        return Provider.SIR_GIVING;
    }

    /**
     * Returns the envelope's event id ({@code evt_...}), unique per event.
     *
     * @return the id
     */
    String id();

    /**
     * Returns when the event was created, from the envelope's {@code createdAt}.
     *
     * @return the instant, or {@code null} if the envelope carried none that could be read
     */
    Instant createdAt();

    /**
     * An authentic event of a type this library does not model, or of a known type whose data
     * did not fit its record; nothing is lost.
     *
     * @param id the envelope id
     * @param type the envelope type
     * @param createdAt the creation time, or {@code null}
     * @param rawData the {@code data} object as compact JSON, or {@code null}
     * @param reason why it is unrecognized: {@value #UNKNOWN_TYPE}, or what did not fit, naming
     *        the field (never quoting its value)
     */
    record Unrecognized(String id, String type, Instant createdAt, String rawData, String reason) implements SirGivingEvent {
        /** The reason given for an event whose type this library does not model. */
        public static final String UNKNOWN_TYPE = "unknown event type";
    }
}
