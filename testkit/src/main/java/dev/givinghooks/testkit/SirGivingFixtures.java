package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.testkit.internal.Ledger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders of SIR Giving webhook deliveries with realistic defaults (PROVIDERS.md §1.1), and the
 * signing of arbitrary bodies.
 *
 * <p>Only {@code actionId} and {@code tokensDistributed} of {@code action.completed} are
 * documented; the other data fields follow the synchronous action result and are inferred, as are
 * the data shapes of {@code action.failed} and {@code transaction.completed}. Every field can be
 * overridden or removed. Thread-safe; each builder is not.
 */
public final class SirGivingFixtures {
    /** The user agent SIR Giving sends. */
    public static final String USER_AGENT = "SIRGiving-Webhooks/1.0";

    private final Testkit kit;

    SirGivingFixtures(Testkit kit) {
        this.kit = kit;
    }

    /**
     * Returns a builder of {@code action.completed}: {@code actionId}, {@code idempotencyKey},
     * {@code status} {@code COMPLETED}, {@code tokensDistributed} 50 and one {@code transactionIds}.
     *
     * @return a new builder
     */
    public SirGivingEventBuilder actionCompleted() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actionId", "act_" + kit.nextHex(8));
        data.put("idempotencyKey", "purchase_" + kit.nextLong(10_000, 100_000));
        data.put("status", "COMPLETED");
        data.put("tokensDistributed", 50);
        data.put("transactionIds", List.of("txn_" + kit.nextHex(8)));
        return new SirGivingEventBuilder(kit, "action.completed", data);
    }

    /**
     * Returns a builder of {@code action.failed}: {@code actionId}, {@code idempotencyKey},
     * {@code status} {@code FAILED} and an {@code error} with code {@code INSUFFICIENT_POOL}.
     *
     * @return a new builder
     */
    public SirGivingEventBuilder actionFailed() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actionId", "act_" + kit.nextHex(8));
        data.put("idempotencyKey", "purchase_" + kit.nextLong(10_000, 100_000));
        data.put("status", "FAILED");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "INSUFFICIENT_POOL");
        error.put("message", "The token pool does not hold enough tokens for this action");
        data.put("error", error);
        return new SirGivingEventBuilder(kit, "action.failed", data);
    }

    /**
     * Returns a builder of {@code transaction.completed}: {@code transactionId}, {@code actionId},
     * {@code tokens} 50 and {@code status} {@code COMPLETED}.
     *
     * @return a new builder
     */
    public SirGivingEventBuilder transactionCompleted() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transactionId", "txn_" + kit.nextHex(8));
        data.put("actionId", "act_" + kit.nextHex(8));
        data.put("tokens", 50);
        data.put("status", "COMPLETED");
        return new SirGivingEventBuilder(kit, "transaction.completed", data);
    }

    /**
     * Returns a builder of an event of any type, with an empty {@code data} object: an
     * undocumented type must be delivered as unrecognized, never rejected.
     *
     * @param type the type string, such as {@code pool.low}
     * @return a new builder
     */
    public SirGivingEventBuilder event(String type) {
        return new SirGivingEventBuilder(kit, type, new LinkedHashMap<>());
    }

    /**
     * Signs arbitrary body bytes as SIR Giving does and returns the delivery.
     *
     * @param body the exact body bytes
     * @param secret the secret to sign with
     * @param timestamp the {@code X-SIR-Timestamp} value exactly as sent
     * @return the delivery
     */
    public static Fixture sign(byte[] body, String secret, String timestamp) {
        return headers(body, timestamp, SirGiving.sign(secret, timestamp, body));
    }

    static Fixture headers(byte[] body, String timestamp, String signature) {
        Ledger.secret("SIR Giving signature", signature);
        return Fixture.of(Provider.SIR_GIVING, List.of(
                new Fixture.Header("Content-Type", "application/json"),
                new Fixture.Header("User-Agent", USER_AGENT),
                new Fixture.Header(SirGiving.TIMESTAMP_HEADER, timestamp),
                new Fixture.Header(SirGiving.SIGNATURE_HEADER, signature)), body);
    }
}
