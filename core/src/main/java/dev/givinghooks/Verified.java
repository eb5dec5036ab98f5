package dev.givinghooks;

import java.util.Objects;
import java.util.function.Supplier;

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
    private final Supplier<String> keySource;
    private final byte[] body;
    private volatile String idempotencyKey;

    private Verified(E event, int keyIndex, String idempotencyKey, Supplier<String> keySource, byte[] body) {
        if (keyIndex < 0) {
            throw new IllegalArgumentException("keyIndex must not be negative");
        }
        this.event = Objects.requireNonNull(event, "event");
        this.keyIndex = keyIndex;
        this.idempotencyKey = idempotencyKey;
        this.keySource = keySource;
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
        return new Verified<>(event, keyIndex, Objects.requireNonNull(idempotencyKey, "idempotencyKey"), null, body);
    }

    /**
     * Creates a verification result whose idempotency key is derived only when first asked for,
     * for keys that cost a hash of the body (The Giving Block's): an application that does not
     * deduplicate does not pay for it.
     *
     * @param <E> the event type
     * @param event the typed event
     * @param keyIndex the 0-based index of the configured secret or key that matched
     * @param idempotencyKey derives the provider-scoped key; called at most once per result
     *        unless two threads ask at the same moment, so it must always give the same key
     * @param body the authenticated bytes (not copied)
     * @return the result
     */
    public static <E extends WebhookEvent> Verified<E> of(E event, int keyIndex, Supplier<String> idempotencyKey, byte[] body) {
        return new Verified<>(event, keyIndex, null, Objects.requireNonNull(idempotencyKey, "idempotencyKey"), body);
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
        String key = idempotencyKey;
        if (key == null) {
            key = Objects.requireNonNull(keySource.get(), "idempotencyKey");
            idempotencyKey = key;
        }
        return key;
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
                + ", idempotencyKey=" + idempotencyKey() + "]";
    }
}
