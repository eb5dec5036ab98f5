package dev.givinghooks;

import java.util.Objects;

/**
 * A verified delivery: the typed event plus what verification learned about it.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param <E> the provider's event type
 */
public final class Verified<E extends WebhookEvent> {
    private final E event;
    private final int keyIndex;
    private final String idempotencyKey;
    private final byte[] body;

    private Verified(E event, int keyIndex, String idempotencyKey, byte[] body) {
        this.event = Objects.requireNonNull(event, "event");
        this.keyIndex = keyIndex;
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        this.body = Objects.requireNonNull(body, "body");
    }

    /**
     * Creates a verification result; verifiers call this, and so may tests of application code.
     *
     * @param <E> the event type
     * @param event the typed event
     * @param keyIndex the 0-based index of the configured secret or key that matched
     * @param idempotencyKey the provider-scoped key for deduplication
     * @param body the authenticated bytes (not copied)
     * @return the result
     */
    public static <E extends WebhookEvent> Verified<E> of(E event, int keyIndex, String idempotencyKey, byte[] body) {
        if (keyIndex < 0) {
            throw new IllegalArgumentException("keyIndex must not be negative");
        }
        return new Verified<>(event, keyIndex, idempotencyKey, body);
    }

    /**
     * Returns the typed event.
     *
     * @return the event
     */
    public E event() {
        return event;
    }

    /**
     * Returns the provider that sent the event.
     *
     * @return the provider
     */
    public Provider provider() {
        return event.provider();
    }

    /**
     * Returns the 0-based position, in configuration order, of the secret (or The Giving Block
     * key/IV pair) that matched; useful to tell when an old secret can be retired.
     *
     * @return the key index
     */
    public int keyIndex() {
        return keyIndex;
    }

    /**
     * Returns the key under which to deduplicate this delivery. It is derived only from
     * authenticated material: {@code sir-giving:<id>}, {@code giving-block:<sha-256 of the
     * plaintext>} or {@code chuffed:<donation id>:<recurring iteration>}.
     *
     * @return the idempotency key
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /**
     * Returns the authenticated bytes, for storage: the raw body, or for The Giving Block the
     * decrypted plaintext.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Describes the result by provider, type, key index and idempotency key.
     */
    @Override
    public String toString() {
        return "Verified[provider=" + provider().id() + ", type=" + event.type() + ", keyIndex=" + keyIndex
                + ", idempotencyKey=" + idempotencyKey + "]";
    }
}
