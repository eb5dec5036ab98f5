package dev.givinghooks.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one SIR Giving event envelope, {@code {"id","type","createdAt","data"}}, and signs it.
 * Every envelope and data field can be set, replaced or removed; values are strings, numbers,
 * booleans, {@code null}, lists and maps, written as JSON in insertion order.
 *
 * <p>Not thread-safe. The built fixtures are immutable.
 */
public final class SirGivingEventBuilder {
    private final Testkit kit;
    private final Map<String, Object> envelope = new LinkedHashMap<>();
    private final Map<String, Object> data;

    SirGivingEventBuilder(Testkit kit, String type, Map<String, Object> data) {
        this.kit = kit;
        this.data = data;
        envelope.put("id", "evt_" + kit.nextHex(12));
        envelope.put("type", type);
        envelope.put("createdAt", kit.now().toString());
        envelope.put("data", data);
    }

    /**
     * Sets the envelope id, the idempotency key's source.
     *
     * @param id such as {@code evt_abc123}
     * @return this builder
     */
    public SirGivingEventBuilder id(String id) {
        return envelope("id", id);
    }

    /**
     * Sets the envelope type.
     *
     * @param type such as {@code action.completed}
     * @return this builder
     */
    public SirGivingEventBuilder type(String type) {
        return envelope("type", type);
    }

    /**
     * Sets {@code createdAt}, written as an ISO-8601 instant.
     *
     * @param createdAt the instant
     * @return this builder
     */
    public SirGivingEventBuilder createdAt(Instant createdAt) {
        return envelope("createdAt", createdAt.toString());
    }

    /**
     * Sets {@code data.actionId}.
     *
     * @param actionId the action id
     * @return this builder
     */
    public SirGivingEventBuilder actionId(String actionId) {
        return data("actionId", actionId);
    }

    /**
     * Sets {@code data.tokensDistributed}.
     *
     * @param tokens the number of tokens
     * @return this builder
     */
    public SirGivingEventBuilder tokensDistributed(long tokens) {
        return data("tokensDistributed", tokens);
    }

    /**
     * Sets {@code data.idempotencyKey}, the partner's own key of the action.
     *
     * @param idempotencyKey the key
     * @return this builder
     */
    public SirGivingEventBuilder idempotencyKey(String idempotencyKey) {
        return data("idempotencyKey", idempotencyKey);
    }

    /**
     * Sets {@code data.status}.
     *
     * @param status such as {@code COMPLETED}
     * @return this builder
     */
    public SirGivingEventBuilder status(String status) {
        return data("status", status);
    }

    /**
     * Sets {@code data.transactionIds}.
     *
     * @param transactionIds the ids
     * @return this builder
     */
    public SirGivingEventBuilder transactionIds(String... transactionIds) {
        return data("transactionIds", List.of(transactionIds));
    }

    /**
     * Sets (or adds) a field of {@code data}.
     *
     * @param name the field name
     * @param value the value: string, number, boolean, {@code null}, list or map
     * @return this builder
     */
    public SirGivingEventBuilder data(String name, Object value) {
        data.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Removes a field of {@code data}.
     *
     * @param name the field name
     * @return this builder
     */
    public SirGivingEventBuilder withoutData(String name) {
        data.remove(name);
        return this;
    }

    /**
     * Sets (or adds) an envelope field; {@code data} itself is replaced through {@link #data}.
     *
     * @param name the field name
     * @param value the value
     * @return this builder
     */
    public SirGivingEventBuilder envelope(String name, Object value) {
        envelope.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Removes an envelope field, such as {@code id}.
     *
     * @param name the field name
     * @return this builder
     */
    public SirGivingEventBuilder withoutEnvelope(String name) {
        envelope.remove(name);
        return this;
    }

    /**
     * Returns the envelope as compact UTF-8 JSON.
     *
     * @return the body bytes
     */
    public byte[] body() {
        return JsonText.write(envelope);
    }

    /** The envelope as a document tree (maps and lists), for re-serialization. */
    Map<String, Object> document() {
        return envelope;
    }

    /**
     * Signs the body with the current secret at the testkit clock's time.
     *
     * @return the delivery
     */
    public Fixture signed() {
        return signedAt(kit.now());
    }

    /**
     * Signs the body with the current secret and the given time (in whole seconds).
     *
     * @param timestamp the time to put in {@code X-SIR-Timestamp}
     * @return the delivery
     */
    public Fixture signedAt(Instant timestamp) {
        return signedWith(kit.credentials().sirGivingSecrets().get(0), Long.toString(timestamp.getEpochSecond()));
    }

    /**
     * Signs the body with any secret and timestamp text.
     *
     * @param secret the secret
     * @param timestamp the {@code X-SIR-Timestamp} value exactly as sent
     * @return the delivery
     */
    public Fixture signedWith(String secret, String timestamp) {
        return SirGivingFixtures.sign(body(), secret, timestamp);
    }
}
