package dev.givinghooks.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one The Giving Block payload and encrypts it into a delivery. Every payload field can
 * be set, replaced or removed; the envelope's {@code eventType} is set separately (it is not
 * encrypted, so it can disagree with the payload).
 *
 * <p>Not thread-safe. The built fixtures are immutable.
 */
public final class GivingBlockEventBuilder {
    private final Testkit kit;
    private String eventType;
    private final Map<String, Object> payload;

    GivingBlockEventBuilder(Testkit kit, String eventType, Map<String, Object> payload) {
        this.kit = kit;
        this.eventType = eventType;
        this.payload = payload;
    }

    /**
     * Sets the envelope's {@code eventType} (the payload's own {@code eventType}, if any, is a
     * payload field).
     *
     * @param type such as {@code DEPOSIT_TRANSACTION}
     * @return this builder
     */
    public GivingBlockEventBuilder eventType(String type) {
        this.eventType = type;
        return this;
    }

    /**
     * Sets {@code eventTimestamp}, in epoch milliseconds as a JSON number.
     *
     * @param timestamp the instant
     * @return this builder
     */
    public GivingBlockEventBuilder eventTimestamp(Instant timestamp) {
        return set("eventTimestamp", timestamp.toEpochMilli());
    }

    /**
     * Sets {@code amount}.
     *
     * @param amount the amount in {@code currency}
     * @return this builder
     */
    public GivingBlockEventBuilder amount(BigDecimal amount) {
        return set("amount", amount);
    }

    /**
     * Sets {@code currency}.
     *
     * @param currency such as {@code ETH}
     * @return this builder
     */
    public GivingBlockEventBuilder currency(String currency) {
        return set("currency", currency);
    }

    /**
     * Sets {@code status}: {@code Complete} or {@code Advanced} for deposits, an integer code for
     * merchant status events.
     *
     * @param status the status
     * @return this builder
     */
    public GivingBlockEventBuilder status(Object status) {
        return set("status", status);
    }

    /**
     * Sets (or adds) a payload field.
     *
     * @param name the field name
     * @param value the value: string, number, boolean, {@code null}, list or map
     * @return this builder
     */
    public GivingBlockEventBuilder set(String name, Object value) {
        payload.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Removes a payload field.
     *
     * @param name the field name
     * @return this builder
     */
    public GivingBlockEventBuilder remove(String name) {
        payload.remove(name);
        return this;
    }

    /**
     * Returns the envelope's event type.
     *
     * @return the event type
     */
    public String eventType() {
        return eventType;
    }

    /**
     * Returns the payload as compact UTF-8 JSON, before encryption.
     *
     * @return the plaintext bytes
     */
    public byte[] plaintext() {
        return JsonText.write(payload);
    }

    Map<String, Object> document() {
        return new LinkedHashMap<>(payload);
    }

    /**
     * Encrypts the payload with the current key pair.
     *
     * @return the delivery
     */
    public Fixture encrypted() {
        return encryptedWith(kit.credentials().givingBlockKeys().get(0));
    }

    /**
     * Encrypts the payload with any key pair.
     *
     * @param key the key pair
     * @return the delivery
     */
    public Fixture encryptedWith(Credentials.KeyPair key) {
        return GivingBlockFixtures.encrypt(eventType, plaintext(), key);
    }
}
