package dev.givinghooks.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one Chuffed body, {@code {"data": {...}}}, and signs it. Every field of {@code data}
 * (and of the root object) can be set, replaced or removed.
 *
 * <p>Not thread-safe. The built fixtures are immutable.
 */
public final class ChuffedDonationBuilder {
    private final Testkit kit;
    private final Map<String, Object> root;

    ChuffedDonationBuilder(Testkit kit, Map<String, Object> root) {
        this.kit = kit;
        this.root = root;
    }

    static Map<String, Object> money(long minorUnits, String currency) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("amount", minorUnits);
        money.put("currency", currency);
        return money;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data() {
        return (Map<String, Object>) root.computeIfAbsent("data", n -> new LinkedHashMap<String, Object>());
    }

    /**
     * Sets the donation id, the idempotency key's source.
     *
     * @param id the donation id
     * @return this builder
     */
    public ChuffedDonationBuilder id(long id) {
        return set("id", id);
    }

    /**
     * Sets {@code created_at}, written as an ISO-8601 instant.
     *
     * @param createdAt the instant
     * @return this builder
     */
    public ChuffedDonationBuilder createdAt(Instant createdAt) {
        return set("created_at", createdAt.toString());
    }

    /**
     * Sets the donation amount; {@code donation_converted} follows in the same currency and
     * {@code total} adds a 4.25 % fee.
     *
     * @param minorUnits the amount in minor units (1295 is 12.95)
     * @param currency the ISO 4217 code
     * @return this builder
     */
    public ChuffedDonationBuilder donation(long minorUnits, String currency) {
        set("donation", money(minorUnits, currency));
        set("donation_converted", money(minorUnits, currency));
        return set("total", money(minorUnits + Math.round(minorUnits * 0.0425), currency));
    }

    /**
     * Makes the donation recurring.
     *
     * @param period {@code weekly}, {@code monthly} or {@code yearly}
     * @param iteration the iteration's sequence number
     * @return this builder
     */
    public ChuffedDonationBuilder recurring(String period, long iteration) {
        set("recurring", true);
        set("recurring_period", period);
        return set("recurring_iteration", iteration);
    }

    /**
     * Adds a perk.
     *
     * @param title the perk's title
     * @param multiplier how many of it
     * @param answer the donor's answer to the perk's question, or {@code null}
     * @return this builder
     */
    public ChuffedDonationBuilder perk(String title, long multiplier, String answer) {
        Map<String, Object> perk = new LinkedHashMap<>();
        perk.put("title", title);
        perk.put("multiplier", multiplier);
        perk.put("answer", answer);
        return set("perk", perk);
    }

    /**
     * Sets {@code payment_type} and the vendor's name to match.
     *
     * @param paymentType such as {@code stripe_direct_debit}
     * @return this builder
     */
    public ChuffedDonationBuilder paymentType(String paymentType) {
        set("payment_type", paymentType);
        Object vendor = data().get("payment_vendor");
        if (vendor instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> vendorMap = (Map<String, Object>) vendor;
            vendorMap.put("name", paymentType);
        }
        return this;
    }

    /**
     * Sets {@code visibility}.
     *
     * @param visibility {@code anonymous} or {@code visible}
     * @return this builder
     */
    public ChuffedDonationBuilder visibility(String visibility) {
        return set("visibility", visibility);
    }

    /**
     * Sets (or adds) a field of {@code data}.
     *
     * @param name the field name
     * @param value the value: string, number, boolean, {@code null}, list or map
     * @return this builder
     */
    public ChuffedDonationBuilder set(String name, Object value) {
        data().put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Removes a field of {@code data}.
     *
     * @param name the field name
     * @return this builder
     */
    public ChuffedDonationBuilder remove(String name) {
        data().remove(name);
        return this;
    }

    /**
     * Sets (or adds) a field of the root object, beside {@code data}.
     *
     * @param name the field name
     * @param value the value
     * @return this builder
     */
    public ChuffedDonationBuilder root(String name, Object value) {
        root.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Returns the body as compact UTF-8 JSON.
     *
     * @return the body bytes
     */
    public byte[] body() {
        return JsonText.write(root);
    }

    Map<String, Object> document() {
        return root;
    }

    /**
     * Signs the body with the current secret.
     *
     * @return the delivery
     */
    public Fixture signed() {
        return signedWith(kit.credentials().chuffedSecrets().get(0));
    }

    /**
     * Signs the body with any secret.
     *
     * @param secret the secret
     * @return the delivery
     */
    public Fixture signedWith(String secret) {
        return ChuffedFixtures.sign(body(), secret);
    }
}
