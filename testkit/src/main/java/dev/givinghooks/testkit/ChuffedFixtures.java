package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.testkit.internal.Ledger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders of Chuffed webhook deliveries with realistic defaults (PROVIDERS.md §3.2, the docs'
 * example corrected into valid JSON), and the signing of arbitrary bodies.
 *
 * <p>Thread-safe; each builder is not.
 */
public final class ChuffedFixtures {
    private final Testkit kit;

    ChuffedFixtures(Testkit kit) {
        this.kit = kit;
    }

    /**
     * Returns a builder of "Donation: Payment Confirmed": a visible one-off 12.95 AUD Stripe
     * donation to a campaign, no perk, every documented field present.
     *
     * @return a new builder
     */
    public ChuffedDonationBuilder paymentConfirmed() {
        Map<String, Object> data = new LinkedHashMap<>();
        long campaignId = kit.nextLong(10_000, 99_999);
        data.put("id", kit.nextLong(1_000_000, 9_999_999));
        data.put("created_at", kit.now().minus(Duration.ofMinutes(3)).toString());
        data.put("donation", ChuffedDonationBuilder.money(1295, "AUD"));
        data.put("total", ChuffedDonationBuilder.money(1350, "AUD"));
        data.put("donation_converted", ChuffedDonationBuilder.money(1295, "AUD"));
        data.put("recurring", false);
        data.put("recurring_period", null);
        data.put("recurring_iteration", 1);
        data.put("payment_type", "stripe");
        data.put("visibility", "visible");
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("name", "stripe");
        vendor.put("reference", "py_" + kit.nextHex(12));
        data.put("payment_vendor", vendor);
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("type", "campaign");
        recipient.put("id", campaignId);
        data.put("recipient", recipient);
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("id", campaignId);
        campaign.put("title", "Harbour Rescue Dogs: a new kennel roof");
        data.put("campaign", campaign);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("email", "sam.donor@example.org");
        identity.put("first_name", "Sam");
        identity.put("last_name", "Donor");
        identity.put("subscriptions", new LinkedHashMap<>(Map.of("campaign", true)));
        identity.put("address", "1 Example Street, Hobart TAS 7000");
        identity.put("phone", "+61 400 000 000");
        data.put("identity", identity);
        data.put("perk", null);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        return new ChuffedDonationBuilder(kit, root);
    }

    /**
     * Returns a builder of a JSON object that is not a documented Chuffed event (its
     * {@code data} has no {@code id}): it must be delivered as unrecognized, never rejected.
     *
     * @return a new builder
     */
    public ChuffedDonationBuilder otherEvent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaign_id", kit.nextLong(10_000, 99_999));
        data.put("status", "ended");
        data.put("reference", kit.nextHex(8));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        return new ChuffedDonationBuilder(kit, root);
    }

    /**
     * Signs arbitrary body bytes as Chuffed does and returns the delivery.
     *
     * @param body the exact body bytes
     * @param secret the secret to sign with
     * @return the delivery
     */
    public static Fixture sign(byte[] body, String secret) {
        return headers(body, Chuffed.sign(secret, body));
    }

    static Fixture headers(byte[] body, String signature) {
        Ledger.secret("Chuffed signature", signature);
        return Fixture.of(Provider.CHUFFED, List.of(
                new Fixture.Header("Content-Type", "application/json"),
                new Fixture.Header(Chuffed.SIGNATURE_HEADER, signature)), body);
    }
}
