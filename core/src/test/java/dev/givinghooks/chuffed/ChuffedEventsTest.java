package dev.givinghooks.chuffed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.RandomInputs;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Campaign;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Identity;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Money;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.PaymentType;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.PaymentVendor;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Perk;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Recipient;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.RecipientType;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.RecurringPeriod;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Subscriptions;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Visibility;
import dev.givinghooks.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Maps Chuffed bodies to event records field by field (PROVIDERS.md §3.2). */
class ChuffedEventsTest {
    private static final Instant CREATED = Instant.parse("2024-05-10T09:12:00Z");
    // PROVIDERS.md §3.2: the "Donation: Payment Confirmed" example of Chuffed's developer portal,
    // corrected into valid JSON (comments removed, ':' for ',' in the money objects, commas added).
    private static final String DOCUMENTED = "{\"data\":{\"id\":123456,\"created_at\":\"2024-05-10T09:12:00Z\","
            + "\"donation\":{\"amount\":1295,\"currency\":\"AUD\"},\"total\":{\"amount\":1350,\"currency\":\"AUD\"},"
            + "\"donation_converted\":{\"amount\":850,\"currency\":\"USD\"},\"recurring\":true,\"recurring_period\":\"monthly\","
            + "\"recurring_iteration\":3,\"payment_type\":\"stripe\",\"visibility\":\"visible\","
            + "\"payment_vendor\":{\"name\":\"stripe\",\"reference\":\"py_1234abcd\"},\"recipient\":{\"type\":\"fundraiser\",\"id\":789},"
            + "\"campaign\":{\"id\":42,\"title\":\"Clean water for all\"},\"identity\":{\"email\":\"jo@example.org\","
            + "\"first_name\":\"Jo\",\"last_name\":\"Citizen\",\"subscriptions\":{\"campaign\":true},"
            + "\"address\":\"1 Example St, Sydney NSW 2000\",\"phone\":\"+61 400 000 000\"},"
            + "\"perk\":{\"title\":\"Thank-you card\",\"multiplier\":2,\"answer\":\"Blue\"}}}";
    private static final String MINIMAL = "{\"data\":{\"id\":1,\"donation\":{\"amount\":1295,\"currency\":\"AUD\"}}}";

    private static ChuffedEvent map(String body) {
        return ChuffedEvents.map(Json.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static DonationPaymentConfirmed confirmed(String body) {
        ChuffedEvent event = map(body);
        assertThat(event).isInstanceOf(DonationPaymentConfirmed.class);
        return (DonationPaymentConfirmed) event;
    }

    private static ChuffedEvent.Unrecognized unrecognized(String body) {
        ChuffedEvent event = map(body);
        assertThat(event).isInstanceOf(ChuffedEvent.Unrecognized.class);
        return (ChuffedEvent.Unrecognized) event;
    }

    /** The minimal body with one more field in {@code data}. */
    private static String minimalWith(String field) {
        return MINIMAL.substring(0, MINIMAL.length() - 2) + "," + field + "}}";
    }

    @Test
    void theDocumentedExampleParsesFieldByField() {
        DonationPaymentConfirmed event = confirmed(DOCUMENTED);

        assertThat(event.type()).isEqualTo("donation.payment_confirmed").isEqualTo(ChuffedEvent.PAYMENT_CONFIRMED);
        assertThat(event.provider()).isEqualTo(Provider.CHUFFED);
        assertThat(event.id()).isEqualTo(123456L);
        assertThat(event.createdAt()).isEqualTo(CREATED);
        assertThat(event.donation()).isEqualTo(new Money(1295, "AUD"));
        assertThat(event.total()).isEqualTo(new Money(1350, "AUD"));
        assertThat(event.donationConverted()).isEqualTo(new Money(850, "USD"));
        assertThat(event.recurring()).isTrue();
        assertThat(event.recurringPeriod()).isEqualTo(RecurringPeriod.MONTHLY);
        assertThat(event.recurringPeriod().isKnown()).isTrue();
        assertThat(event.recurringIteration()).isEqualTo(3L);
        assertThat(event.paymentType()).isEqualTo(PaymentType.STRIPE);
        assertThat(event.paymentType().isKnown()).isTrue();
        assertThat(event.visibility()).isEqualTo(Visibility.VISIBLE);
        assertThat(event.visibility().isKnown()).isTrue();
        assertThat(event.paymentVendor()).isEqualTo(new PaymentVendor(PaymentType.STRIPE, "py_1234abcd"));
        assertThat(event.recipient()).isEqualTo(new Recipient(RecipientType.FUNDRAISER, 789L));
        assertThat(event.recipient().type().isKnown()).isTrue();
        assertThat(event.campaign()).isEqualTo(new Campaign(42L, "Clean water for all"));
        assertThat(event.identity()).isEqualTo(new Identity("jo@example.org", "Jo", "Citizen", new Subscriptions(true),
                "1 Example St, Sydney NSW 2000", "+61 400 000 000"));
        assertThat(event.perk()).isEqualTo(new Perk("Thank-you card", 2L, "Blue"));
    }

    @Test
    void onlyTheIdAndTheDonationAreRequired() {
        assertThat(map(MINIMAL)).isEqualTo(new DonationPaymentConfirmed(1, null, new Money(1295, "AUD"), null, null, false,
                null, null, null, null, null, null, null, null, null));
    }

    @Test
    void aOneOffDonationWithExplicitNulls() {
        DonationPaymentConfirmed event = confirmed(minimalWith("""
                "recurring":false,"recurring_period":null,"recurring_iteration":null,"perk":null,"total":null,\
                "identity":{"email":"a@b.org","first_name":null,"last_name":null,"subscriptions":null,"address":null,"phone":null}"""));
        assertThat(event.recurring()).isFalse();
        assertThat(event.recurringPeriod()).isNull();
        assertThat(event.recurringIteration()).isNull();
        assertThat(event.perk()).isNull();
        assertThat(event.total()).isNull();
        assertThat(event.identity()).isEqualTo(new Identity("a@b.org", null, null, null, null, null));
    }

    @Test
    void aPerkWithoutAnAnswerAndASubscriptionDeclined() {
        DonationPaymentConfirmed event = confirmed(minimalWith("""
                "perk":{"title":"Sticker","multiplier":1,"answer":null},"identity":{"subscriptions":{"campaign":false}}"""));
        assertThat(event.perk()).isEqualTo(new Perk("Sticker", 1L, null));
        assertThat(event.identity().subscriptions()).isEqualTo(new Subscriptions(false));
    }

    @Test
    void numbersGivenAsStringsAreAccepted() {
        DonationPaymentConfirmed event = confirmed("""
                {"data":{"id":"77","donation":{"amount":"1295","currency":"NZD"},"recurring":"true","recurring_iteration":"12",
                 "recipient":{"type":"campaign","id":"5"},"perk":{"title":"Mug","multiplier":"3"}}}""");
        assertThat(event.id()).isEqualTo(77L);
        assertThat(event.donation()).isEqualTo(new Money(1295, "NZD"));
        assertThat(event.recurring()).isTrue();
        assertThat(event.recurringIteration()).isEqualTo(12L);
        assertThat(event.recipient()).isEqualTo(new Recipient(RecipientType.CAMPAIGN, 5L));
        assertThat(event.perk().multiplier()).isEqualTo(3L);
    }

    @Test
    void createdAtAcceptsFractionalSecondsAndOffsets() {
        assertThat(confirmed(minimalWith("\"created_at\":\"2024-05-10T19:12:00.5+10:00\"")).createdAt())
                .isEqualTo(Instant.parse("2024-05-10T09:12:00.500Z"));
    }

    @Test
    void unknownEnumValuesAreKeptAsSent() {
        DonationPaymentConfirmed event = confirmed(minimalWith("""
                "recurring_period":"fortnightly","payment_type":"apple_pay","visibility":"hidden",\
                "payment_vendor":{"name":"adyen","reference":"psp_1"},"recipient":{"type":"team","id":3}"""));
        assertThat(event.recurringPeriod()).isEqualTo(RecurringPeriod.of("fortnightly"));
        assertThat(event.recurringPeriod().isKnown()).isFalse();
        assertThat(event.paymentType().value()).isEqualTo("apple_pay");
        assertThat(event.paymentType().isKnown()).isFalse();
        assertThat(event.visibility().value()).isEqualTo("hidden");
        assertThat(event.visibility().isKnown()).isFalse();
        assertThat(event.paymentVendor().name()).isEqualTo(PaymentType.of("adyen"));
        assertThat(event.paymentVendor().name().isKnown()).isFalse();
        assertThat(event.recipient().type().value()).isEqualTo("team");
        assertThat(event.recipient().type().isKnown()).isFalse();
    }

    @Test
    void everyDocumentedEnumValueIsKnown() {
        assertThat(List.of(PaymentType.of("offline"), PaymentType.of("stripe"), PaymentType.of("stripe_direct_debit"),
                PaymentType.of("paypal_marketplace"))).containsExactly(PaymentType.OFFLINE, PaymentType.STRIPE,
                PaymentType.STRIPE_DIRECT_DEBIT, PaymentType.PAYPAL_MARKETPLACE).allMatch(PaymentType::isKnown);
        assertThat(List.of(RecurringPeriod.of("weekly"), RecurringPeriod.of("monthly"), RecurringPeriod.of("yearly")))
                .containsExactly(RecurringPeriod.WEEKLY, RecurringPeriod.MONTHLY, RecurringPeriod.YEARLY)
                .allMatch(RecurringPeriod::isKnown);
        assertThat(List.of(Visibility.of("anonymous"), Visibility.of("visible")))
                .containsExactly(Visibility.ANONYMOUS, Visibility.VISIBLE).allMatch(Visibility::isKnown);
        assertThat(List.of(RecipientType.of("campaign"), RecipientType.of("fundraiser")))
                .containsExactly(RecipientType.CAMPAIGN, RecipientType.FUNDRAISER).allMatch(RecipientType::isKnown);
        assertThat(PaymentType.of("Stripe").isKnown()).as("matched exactly").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"data\":{\"id\":1}}                                                        | data.donation is missing",
        "{\"data\":{\"id\":1,\"donation\":null}}                                       | data.donation is missing",
        "{\"data\":{\"id\":1,\"donation\":1295}}                                       | data.donation is not an object",
        "{\"data\":{\"id\":1,\"donation\":{\"currency\":\"AUD\"}}}                        | data.donation.amount is missing",
        "{\"data\":{\"id\":1,\"donation\":{\"amount\":12.95,\"currency\":\"AUD\"}}}        | data.donation.amount is not an integer",
        "{\"data\":{\"id\":1,\"donation\":{\"amount\":1295}}}                            | data.donation.currency is missing",
        "{\"data\":{\"id\":\"donation-one\",\"donation\":{\"amount\":1,\"currency\":\"AUD\"}}} | data.id is not a number",
        "{\"data\":{\"id\":-1.5,\"donation\":{\"amount\":1,\"currency\":\"AUD\"}}}          | data.id is not an integer",
    })
    void aBodyWithADonationIdThatDoesNotFitIsUnrecognizedNamingTheField(String body, String reason) {
        assertThat(unrecognized(body)).isEqualTo(new ChuffedEvent.Unrecognized(ChuffedEvent.PAYMENT_CONFIRMED, body, reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"created_at\":\"last Tuesday\"                 | data.created_at is not an ISO-8601 date-time with offset",
        "\"created_at\":1715331120000                  | data.created_at is not an ISO-8601 date-time with offset",
        "\"created_at\":\"2024-05-10T09:12:00\"          | data.created_at is not an ISO-8601 date-time with offset",
        "\"recurring\":\"sometimes\"                     | data.recurring is not a boolean",
        "\"recurring_iteration\":\"third\"               | data.recurring_iteration is not a number",
        "\"payment_type\":[\"stripe\"]                   | data.payment_type is not a string",
        "\"total\":{\"amount\":\"much\",\"currency\":\"AUD\"} | data.total.amount is not a number",
        "\"payment_vendor\":\"stripe\"                   | data.payment_vendor is not an object",
        "\"recipient\":{\"type\":{},\"id\":1}              | data.recipient.type is not a string",
        "\"campaign\":{\"id\":1,\"title\":false}           | data.campaign.title is not a string",
        "\"identity\":{\"subscriptions\":{\"campaign\":\"secret-answer\"}} | data.identity.subscriptions.campaign is not a boolean",
        "\"identity\":{\"email\":[\"x@y.org\"]}           | data.identity.email is not a string",
        "\"perk\":{\"title\":\"Mug\",\"multiplier\":1.5}    | data.perk.multiplier is not an integer",
    })
    void anOptionalFieldOfTheWrongJsonTypeMakesItUnrecognizedWithoutQuotingTheValue(String field, String reason) {
        String body = minimalWith(field);
        ChuffedEvent.Unrecognized event = unrecognized(body);
        assertThat(event).isEqualTo(new ChuffedEvent.Unrecognized(ChuffedEvent.PAYMENT_CONFIRMED, body, reason));
        assertThat(event.reason()).doesNotContain("last Tuesday", "sometimes", "third", "much", "secret-answer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"data\":[]}", "{\"data\":\"x\"}", "{\"data\":{}}", "{\"data\":{\"id\":null}}",
        "{\"data\":null}", "{\"event\":\"donation.created\",\"payload\":{\"id\":1}}", "{\"id\":1,\"donation\":{}}"})
    void aBodyWithoutADonationIdIsNotADocumentedEvent(String body) {
        assertThat(unrecognized(body)).isEqualTo(new ChuffedEvent.Unrecognized(ChuffedEvent.Unrecognized.UNKNOWN, body,
                ChuffedEvent.Unrecognized.NOT_DOCUMENTED));
    }

    /** Property: the mapper never throws for a JSON object, whatever the fields hold. */
    @Test
    void neverThrowsForAnyJsonObject() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String[] fields = {"id", "created_at", "donation", "total", "recurring", "recurring_period", "recurring_iteration",
            "payment_type", "payment_vendor", "recipient", "campaign", "identity", "perk"};
        for (int i = 0; i < 400; i++) {
            StringBuilder data = new StringBuilder("{");
            for (String field : fields) {
                if (random.nextInt(4) > 0) {
                    data.append(data.length() > 1 ? "," : "").append('"').append(field).append("\":").append(randomValue(random, 2));
                }
            }
            String body = "{\"data\":" + data + "}}";
            try {
                ChuffedEvent event = map(body);
                if (event instanceof ChuffedEvent.Unrecognized u) {
                    assertThat(u.rawBody()).isNotNull();
                    assertThat(u.reason()).isNotBlank();
                }
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", body " + body, e);
            }
        }
    }

    private static String randomValue(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 0 ? 4 : 1)) {
            case 0 -> RandomInputs.jsonScalar(random);
            case 1 -> "[" + randomValue(random, depth - 1) + "]";
            case 2 -> "{\"amount\":" + randomValue(random, depth - 1) + ",\"currency\":" + randomValue(random, depth - 1) + "}";
            default -> "{\"campaign\":" + randomValue(random, depth - 1) + ",\"subscriptions\":" + randomValue(random, depth - 1) + "}";
        };
    }

    // --- end to end, through the public verifier ---

    @Test
    void theDocumentedExampleVerifiesToATypedEvent() {
        String secret = "my super cool secret";
        byte[] body = DOCUMENTED.getBytes(StandardCharsets.UTF_8);
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(secret).maxAge(Duration.ofDays(3))
                .clock(Clock.fixed(CREATED.plus(Duration.ofHours(1)), ZoneOffset.UTC)).build();

        Verified<ChuffedEvent> verified = verifier.verify(WebhookRequest.of(Map.of(
                Chuffed.SIGNATURE_HEADER, List.of(Chuffed.sign(secret, body))), body));

        assertThat(verified.event()).isEqualTo(map(DOCUMENTED));
        assertThat(((DonationPaymentConfirmed) verified.event()).donation()).isEqualTo(new Money(1295, "AUD"));
        assertThat(verified.idempotencyKey()).isEqualTo("chuffed:123456:3");
    }

    @Test
    void anAuthenticBodyThatDoesNotFitIsDeliveredAsUnrecognized() {
        String secret = "my super cool secret";
        String text = "{\"data\":{\"id\":9,\"created_at\":\"2024-05-10T09:12:00Z\",\"donation\":{\"amount\":\"twelve\",\"currency\":\"AUD\"}}}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(secret)
                .clock(Clock.fixed(CREATED, ZoneOffset.UTC)).build();

        Verified<ChuffedEvent> verified = verifier.verify(WebhookRequest.of(Map.of(
                Chuffed.SIGNATURE_HEADER, List.of(Chuffed.sign(secret, body))), body));

        assertThat(verified.event()).isEqualTo(new ChuffedEvent.Unrecognized(ChuffedEvent.PAYMENT_CONFIRMED, text,
                "data.donation.amount is not a number"));
        assertThat(verified.idempotencyKey()).isEqualTo("chuffed:9:0");
    }
}
