package dev.givinghooks;

/**
 * A verified webhook event of any provider.
 *
 * <p>Each provider has its own sealed sub-interface ({@code SirGivingEvent},
 * {@code GivingBlockEvent}, {@code ChuffedEvent}) with a record per documented event type and an
 * {@code Unrecognized} record for the rest, so a {@code switch} over a provider's events is
 * exhaustive. This interface itself is not sealed: a sealed interface may only permit subtypes
 * in other packages inside a named module, and applications commonly run this library on the
 * class path.
 *
 * <p>Events are immutable records and safe to share between threads.
 */
public interface WebhookEvent {

    /**
     * Returns the provider that sent this event.
     *
     * @return the provider
     */
    Provider provider();

    /**
     * Returns the event type name: the provider's own string ({@code action.completed},
     * {@code DEPOSIT_TRANSACTION}), or {@code donation.payment_confirmed} for Chuffed, which sends
     * none.
     *
     * @return the type name, never {@code null}
     */
    String type();
}
