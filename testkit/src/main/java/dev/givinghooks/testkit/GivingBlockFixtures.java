package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.givingblock.GivingBlock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders of The Giving Block webhook deliveries with realistic defaults (PROVIDERS.md
 * §2.3–2.5), and the encryption of arbitrary plaintexts.
 *
 * <p>Thread-safe; each builder is not.
 */
public final class GivingBlockFixtures {
    /** {@code DEPOSIT_TRANSACTION}. */
    public static final String DEPOSIT_TRANSACTION = "DEPOSIT_TRANSACTION";
    /** {@code TRANSACTION_CONVERTED}. */
    public static final String TRANSACTION_CONVERTED = "TRANSACTION_CONVERTED";
    /** {@code MERCHANT_STATUS_EVENT}. */
    public static final String MERCHANT_STATUS_EVENT = "MERCHANT_STATUS_EVENT";

    private final Testkit kit;

    GivingBlockFixtures(Testkit kit) {
        this.kit = kit;
    }

    /**
     * Returns a builder of a {@code DEPOSIT_TRANSACTION}: a completed 1.35 ETH crypto deposit
     * worth 4159.42 USD, every documented field present, {@code eventTimestamp} now.
     *
     * @return a new builder
     */
    public GivingBlockEventBuilder deposit() {
        return new GivingBlockEventBuilder(kit, DEPOSIT_TRANSACTION, depositFields("ETH", "1.35", "4159.42"));
    }

    /**
     * Returns a builder of a {@code TRANSACTION_CONVERTED}: the docs' worked example, 1 BTC at
     * 50,000 USD converted with a 2 % fee ({@code netValueAmount} 49000).
     *
     * @return a new builder
     */
    public GivingBlockEventBuilder converted() {
        Map<String, Object> payload = depositFields("BTC", "1", "50000");
        payload.put("payoutAmount", new BigDecimal("49000"));
        payload.put("netValueAmount", new BigDecimal("49000"));
        payload.put("netValueCurrency", "USD");
        payload.put("grossAmount", new BigDecimal("50000"));
        payload.put("grossAmountInPayoutCurrency", new BigDecimal("50000"));
        payload.put("convertedAt", Long.toString(kit.now().toEpochMilli()));
        return new GivingBlockEventBuilder(kit, TRANSACTION_CONVERTED, payload);
    }

    /**
     * Returns a builder of a {@code MERCHANT_STATUS_EVENT}: status 600 ({@code APPROVED}),
     * {@code timestamp} now (the event's replay field; it has no {@code eventTimestamp}).
     *
     * @return a new builder
     */
    public GivingBlockEventBuilder merchantStatus() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("timestamp", kit.now().toEpochMilli());
        payload.put("eventType", MERCHANT_STATUS_EVENT);
        payload.put("mid", Long.toString(kit.nextLong(100_000_000_000L, 999_999_999_999L)));
        payload.put("status", 600);
        payload.put("statusChangeReason", "APPROVED");
        payload.put("officeId", Long.toString(kit.nextLong(1000, 9999)));
        return new GivingBlockEventBuilder(kit, MERCHANT_STATUS_EVENT, payload);
    }

    /**
     * Returns a builder of an event of any type whose payload holds only {@code eventTimestamp}:
     * an undocumented type must be delivered as unrecognized, never rejected.
     *
     * @param eventType the envelope's event type
     * @return a new builder
     */
    public GivingBlockEventBuilder event(String eventType) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", kit.nextUuid());
        payload.put("eventTimestamp", kit.now().toEpochMilli());
        return new GivingBlockEventBuilder(kit, eventType, payload);
    }

    private Map<String, Object> depositFields(String currency, String amount, String valueUsd) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", kit.nextUuid());
        payload.put("type", "Deposit");
        payload.put("status", "Complete");
        payload.put("timestampms", Long.toString(kit.now().minus(Duration.ofMinutes(2)).toEpochMilli()));
        payload.put("eid", Long.toString(kit.nextLong(100_000_000L, 999_999_999L)));
        payload.put("transactionHash", "0x" + kit.nextHex(32));
        payload.put("currency", currency);
        payload.put("amount", new BigDecimal(amount));
        payload.put("organizationId", kit.nextLong(1_000_000, 9_999_999));
        payload.put("eventTimestamp", kit.now().toEpochMilli());
        payload.put("pledgeId", kit.nextUuid());
        payload.put("valueAtDonationTimeUSD", new BigDecimal(valueUsd));
        payload.put("paymentMethod", "Crypto");
        payload.put("payoutAmount", null);
        payload.put("payoutCurrency", "USD");
        payload.put("externalId", "order-" + kit.nextLong(10_000, 99_999));
        payload.put("campaignId", null);
        payload.put("grossAmountInPayoutCurrency", null);
        return payload;
    }

    /**
     * Encrypts an arbitrary plaintext as The Giving Block does and returns the delivery,
     * {@code {"eventType":...,"payload":"<hex>"}}.
     *
     * @param eventType the envelope's event type
     * @param plaintext the payload bytes
     * @param key the key pair to encrypt with
     * @return the delivery
     */
    public static Fixture encrypt(String eventType, byte[] plaintext, Credentials.KeyPair key) {
        return envelope(GivingBlock.envelope(eventType, key.toKey(), plaintext));
    }

    static Fixture envelope(byte[] body) {
        return Fixture.of(Provider.GIVING_BLOCK, List.of(new Fixture.Header("Content-Type", "application/json")), body);
    }
}
