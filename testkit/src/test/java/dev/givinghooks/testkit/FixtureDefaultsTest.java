package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Verified;
import dev.givinghooks.givingblock.GivingBlockEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fixtures carry every documented field (PROVIDERS.md), the documented wire format, and take overrides. */
class FixtureDefaultsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Testkit kit = Testkit.create();

    @Test
    void sirGivingSignsAsTheComputedVectorSays() {
        // PROVIDERS.md §4, "SIR webhook", default key mode.
        String h = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        byte[] body = "{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\",\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50}}"
                .getBytes(StandardCharsets.UTF_8);
        Fixture fixture = SirGivingFixtures.sign(body, "whsec_" + h, "1746876000");
        assertThat(fixture.headers("X-SIR-Signature")).containsExactly("sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f");
        // The builder writes the same bytes when given the same fields.
        byte[] built = kit.sirGiving().event("action.completed").id("evt_abc123").createdAt(Instant.parse("2026-05-10T09:12:00Z"))
                .actionId("act_1").tokensDistributed(50).body();
        assertThat(built).isEqualTo(body);
    }

    @Test
    void chuffedSignsAsTheComputedVectorSays() {
        // PROVIDERS.md §4, Chuffed HMAC vector.
        Fixture fixture = ChuffedFixtures.sign("{\"event\":\"donation.created\",\"data\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8),
                "my super cool secret");
        assertThat(fixture.headers("Signature")).containsExactly("73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77dc");
    }

    @Test
    void sirGivingDeliveryHasTheDocumentedHeadersAndEnvelope() {
        Fixture fixture = kit.sirGiving().actionCompleted().signed();
        assertThat(fixture.method()).isEqualTo("POST");
        assertThat(fixture.headers("content-type")).containsExactly("application/json");
        assertThat(fixture.headers("user-agent")).containsExactly("SIRGiving-Webhooks/1.0");
        assertThat(fixture.headers("x-sir-timestamp")).containsExactly(Long.toString(Testkit.DEFAULT_NOW.getEpochSecond()));
        JsonNode envelope = JSON.readTree(fixture.body());
        assertThat(names(envelope)).containsExactly("id", "type", "createdAt", "data");
        assertThat(envelope.get("id").asString()).startsWith("evt_");
        assertThat(envelope.get("createdAt").asString()).isEqualTo("2026-05-10T09:12:00Z");
        assertThat(envelope.get("data").get("tokensDistributed").asInt()).isEqualTo(50);
        assertThat(envelope.get("data").get("actionId").asString()).startsWith("act_");
    }

    @Test
    void givingBlockPayloadsCarryEveryDocumentedField() {
        Set<String> deposit = Set.of("type", "id", "status", "timestampms", "eid", "transactionHash", "currency", "amount",
                "organizationId", "eventTimestamp", "pledgeId", "valueAtDonationTimeUSD", "paymentMethod", "payoutAmount",
                "payoutCurrency", "externalId", "campaignId", "grossAmountInPayoutCurrency");
        assertThat(names(JSON.readTree(kit.givingBlock().deposit().plaintext()))).containsAll(deposit);
        assertThat(names(JSON.readTree(kit.givingBlock().converted().plaintext()))).containsAll(deposit)
                .contains("netValueAmount", "netValueCurrency", "grossAmount", "convertedAt");
        assertThat(names(JSON.readTree(kit.givingBlock().merchantStatus().plaintext())))
                .containsExactlyInAnyOrder("timestamp", "eventType", "mid", "status", "statusChangeReason", "officeId");

        GivingBlockEventBuilder builder = kit.givingBlock().deposit().amount(new BigDecimal("36.00")).remove("pledgeId");
        Fixture fixture = builder.encrypted();
        JsonNode envelope = JSON.readTree(fixture.body());
        assertThat(names(envelope)).containsExactly("eventType", "payload");
        Verified<GivingBlockEvent> verified = kit.givingBlockDecryptor().verify(fixture.toWebhookRequest());
        assertThat(verified.body()).isEqualTo(builder.plaintext());
        JsonNode payload = JSON.readTree(verified.body());
        assertThat(payload.get("amount").decimalValue()).isEqualByComparingTo("36.00");
        assertThat(payload.has("pledgeId")).isFalse();
    }

    @Test
    void chuffedDonationCarriesEveryDocumentedFieldAndItsVariants() {
        Set<String> documented = Set.of("id", "created_at", "donation", "total", "donation_converted", "recurring",
                "recurring_period", "recurring_iteration", "payment_type", "visibility", "payment_vendor", "recipient",
                "campaign", "identity", "perk");
        JsonNode plain = JSON.readTree(kit.chuffed().paymentConfirmed().body()).get("data");
        assertThat(names(plain)).containsAll(documented);
        assertThat(plain.get("donation").get("amount").asLong()).isEqualTo(1295);
        assertThat(plain.get("perk").isNull()).isTrue();
        assertThat(names(plain.get("identity"))).contains("email", "first_name", "last_name", "subscriptions", "address", "phone");

        JsonNode variant = JSON.readTree(kit.chuffed().paymentConfirmed().recurring("yearly", 7).perk("Mug", 2, "blue")
                .paymentType("paypal_marketplace").body()).get("data");
        assertThat(variant.get("recurring").asBoolean()).isTrue();
        assertThat(variant.get("recurring_period").asString()).isEqualTo("yearly");
        assertThat(variant.get("recurring_iteration").asLong()).isEqualTo(7);
        assertThat(variant.get("perk").get("multiplier").asLong()).isEqualTo(2);
        assertThat(variant.get("payment_vendor").get("name").asString()).isEqualTo("paypal_marketplace");
    }

    @Test
    void recurringIterationsOfOneDonationGetDistinctIdempotencyKeys() {
        ChuffedDonationBuilder donation = kit.chuffed().paymentConfirmed().id(424242);
        String third = kit.chuffedVerifier().verify(donation.recurring("monthly", 3).signed().toWebhookRequest()).idempotencyKey();
        String fourth = kit.chuffedVerifier().verify(donation.recurring("monthly", 4).signed().toWebhookRequest()).idempotencyKey();
        assertThat(third).isEqualTo("chuffed:424242:3");
        assertThat(fourth).isEqualTo("chuffed:424242:4");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = object.propertyNames().iterator(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
