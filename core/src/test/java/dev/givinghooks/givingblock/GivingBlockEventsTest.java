package dev.givinghooks.givingblock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.RandomInputs;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Maps The Giving Block payloads to event records field by field (PROVIDERS.md §2.2-2.5). */
class GivingBlockEventsTest {
    // PROVIDERS.md §2.2: the official "Payload decryption" vector of The Giving Block's API docs.
    private static final String VECTOR_KEY = "ae97bfa25b4abcbb7d8722fc5c60747bf7687ec22d1463174f0176ad6daa96ec";
    private static final String VECTOR_IV = "9663f5821170b172c51ecdd86677132f";
    private static final String VECTOR_CIPHERTEXT = "87afbab0f01b956c445b00d3ab1ecf09abf18e1d1ab980641a035ec801deff07"
            + "d7b708d5f2747469b86ce6216358cb695df8c7d005265aab66f678d36f01af333f6f8715569c39adabf2688cdaabac3825a0ea2b"
            + "588f7e083fcf62736a3064d395bed377254302f6279ec0550f117f63c971cc9320674f535694a27fc1f034cee57433c00fbec7cd"
            + "d5d2daa5b12abfd96039715c98e8e8bca401011278c5c0d3ed30f710b11a1a9b8c67773eb34f0b050acbf97b32445e5bcc32399"
            + "319bd947c42d1f9ba6051f9e998dfe2c61486af0e8584529d94fc3afda941557c58725aa9c7af03577446c6d6ff2e0894cef125c"
            + "0e2366a3a96f11db5a4961ee92c8262b86836f6f8debf71c80e6b36a1bfd43cff72f144560258780f8bd97100e4e4b7cb9ef45d"
            + "7b61133c3b197a2e12787e439ff197e2b567a3e178b9ff7155e2663989606cdc630dd835651ad18ab88f9494efc76a74e51ff011"
            + "27ac4d83b3dd6f56cea34488ff8df204d470602a40cc970f5b1cfcf6c741abe20df05b392db817903191b6fc1a1b798cc369c5a"
            + "76d151cbeaa";
    // PROVIDERS.md §2.2: the vector's plaintext, 387 bytes.
    private static final String VECTOR_PLAINTEXT = "{\"id\":\"6a82de8c-d7ae-4db5-972b-588808d5f111\",\"type\":\"Deposit\","
            + "\"status\":\"Complete\",\"timestampms\":\"1640774872000\",\"eid\":\"123456789\",\"transactionHash\":"
            + "\"0ccb68148928602274f94d1119bb5b3ac705e5b567396b948e4eb4cb12ee358996\",\"currency\":\"ETH\",\"amount\":1.35,"
            + "\"organizationId\":1234567,\"eventTimestamp\":1640778972000,\"pledgeId\":\"e4a096e9-07e4-4a34-9e52-fff72fd27260\","
            + "\"valueAtDonationTimeUSD\":4159.42}";
    private static final Instant VECTOR_EVENT_TIME = Instant.parse("2021-12-29T11:56:12Z");

    private static GivingBlockEvent map(String eventType, String payload) {
        return GivingBlockEvents.map(eventType, Json.parse(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static GivingBlockEvent.Unrecognized unrecognized(String eventType, String payload) {
        GivingBlockEvent event = map(eventType, payload);
        assertThat(event).isInstanceOf(GivingBlockEvent.Unrecognized.class);
        return (GivingBlockEvent.Unrecognized) event;
    }

    private static DepositTransaction deposit(String payload) {
        return (DepositTransaction) map(DepositTransaction.TYPE, payload);
    }

    // --- DEPOSIT_TRANSACTION ---

    @Test
    void theOfficialVectorPlaintextParsesFieldByField() {
        assertThat(VECTOR_PLAINTEXT.getBytes(StandardCharsets.UTF_8)).hasSize(387);
        DepositTransaction event = deposit(VECTOR_PLAINTEXT);

        assertThat(event.type()).isEqualTo("DEPOSIT_TRANSACTION");
        assertThat(event.provider()).isEqualTo(Provider.GIVING_BLOCK);
        assertThat(event.depositType()).isEqualTo("Deposit");
        assertThat(event.id()).isEqualTo("6a82de8c-d7ae-4db5-972b-588808d5f111");
        assertThat(event.status()).isEqualTo(DepositTransaction.Status.COMPLETE);
        assertThat(event.status().value()).isEqualTo("Complete");
        assertThat(event.status().isKnown()).isTrue();
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1640774872000L)).isEqualTo("2021-12-29T10:47:52Z");
        assertThat(event.eid()).isEqualTo("123456789");
        assertThat(event.transactionHash()).isEqualTo("0ccb68148928602274f94d1119bb5b3ac705e5b567396b948e4eb4cb12ee358996");
        assertThat(event.currency()).isEqualTo("ETH");
        assertThat(event.amount()).isEqualTo(new BigDecimal("1.35"));
        assertThat(event.organizationId()).isEqualTo(1234567L);
        assertThat(event.eventTimestamp()).isEqualTo(VECTOR_EVENT_TIME);
        assertThat(event.pledgeId()).isEqualTo("e4a096e9-07e4-4a34-9e52-fff72fd27260");
        assertThat(event.valueAtDonationTimeUSD()).isEqualTo(new BigDecimal("4159.42"));
        assertThat(event.paymentMethod()).isNull();
        assertThat(event.payoutAmount()).isNull();
        assertThat(event.payoutCurrency()).isNull();
        assertThat(event.externalId()).isNull();
        assertThat(event.campaignId()).isNull();
        assertThat(event.grossAmountInPayoutCurrency()).isNull();
    }

    @Test
    void theNewestDocumentedPayloadParsesFieldByField() {
        DepositTransaction event = deposit("""
                {"type":"Deposit","id":"0f6d8c11-5b7e-4a4f-9c43-0c2f1f3a9e21","status":"Advanced",
                 "timestampms":1715331120000,"eid":"987654321","transactionHash":"0xabc123","currency":"USD",
                 "amount":"36.00","organizationId":"1234567","eventTimestamp":"1715331125000",
                 "pledgeId":"e4a096e9-07e4-4a34-9e52-fff72fd27260","valueAtDonationTimeUSD":36,
                 "paymentMethod":"Card","payoutAmount":34.56,"payoutCurrency":"USD","externalId":"order-77",
                 "campaignId":"camp_5","grossAmountInPayoutCurrency":"36.00"}""");

        assertThat(event.depositType()).isEqualTo("Deposit");
        assertThat(event.id()).isEqualTo("0f6d8c11-5b7e-4a4f-9c43-0c2f1f3a9e21");
        assertThat(event.status()).isEqualTo(DepositTransaction.Status.ADVANCED);
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1715331120000L));
        assertThat(event.eid()).isEqualTo("987654321");
        assertThat(event.transactionHash()).isEqualTo("0xabc123");
        assertThat(event.currency()).isEqualTo("USD");
        assertThat(event.amount()).isEqualTo(new BigDecimal("36.00"));
        assertThat(event.organizationId()).isEqualTo(1234567L);
        assertThat(event.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1715331125000L));
        assertThat(event.pledgeId()).isEqualTo("e4a096e9-07e4-4a34-9e52-fff72fd27260");
        assertThat(event.valueAtDonationTimeUSD()).isEqualTo(new BigDecimal("36"));
        assertThat(event.paymentMethod()).isEqualTo(DepositTransaction.PaymentMethod.CARD);
        assertThat(event.paymentMethod().isKnown()).isTrue();
        assertThat(event.payoutAmount()).isEqualTo(new BigDecimal("34.56"));
        assertThat(event.payoutCurrency()).isEqualTo("USD");
        assertThat(event.externalId()).isEqualTo("order-77");
        assertThat(event.campaignId()).isEqualTo("camp_5");
        assertThat(event.grossAmountInPayoutCurrency()).isEqualTo(new BigDecimal("36.00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"36.00", "\"36.00\"", "\" 36.00 \""})
    void theAmountIsExactWhetherANumberOrAString(String amount) {
        assertThat(deposit("{\"amount\":" + amount + ",\"eventTimestamp\":1640778972000}").amount())
                .isEqualTo(new BigDecimal("36.00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1640778972000", "\"1640778972000\""})
    void theEventTimestampIsEpochMillisWhetherANumberOrAString(String eventTimestamp) {
        assertThat(deposit("{\"eventTimestamp\":" + eventTimestamp + "}").eventTimestamp()).isEqualTo(VECTOR_EVENT_TIME);
    }

    @Test
    void documentedNullsAreAccepted() {
        DepositTransaction event = deposit("""
                {"eventTimestamp":1640778972000,"payoutAmount":null,"campaignId":null,"grossAmountInPayoutCurrency":null,
                 "paymentMethod":"Crypto","status":null,"pledgeId":null}""");
        assertThat(event.payoutAmount()).isNull();
        assertThat(event.campaignId()).isNull();
        assertThat(event.grossAmountInPayoutCurrency()).isNull();
        assertThat(event.status()).isNull();
        assertThat(event.pledgeId()).isNull();
        assertThat(event.paymentMethod()).isEqualTo(DepositTransaction.PaymentMethod.CRYPTO);
    }

    @Test
    void onlyTheEventTimestampIsRequired() {
        String payload = "{\"eventTimestamp\":1640778972000}";
        assertThat(deposit(payload)).isEqualTo(new DepositTransaction(null, null, null, null, null, null, null, null, null,
                VECTOR_EVENT_TIME, null, null, null, null, null, null, null, null));
        assertThat(unrecognized(DepositTransaction.TYPE, "{\"amount\":1.35}"))
                .isEqualTo(new GivingBlockEvent.Unrecognized(DepositTransaction.TYPE, "{\"amount\":1.35}", "eventTimestamp is missing"));
    }

    @Test
    void unknownEnumValuesAreKeptAsSent() {
        DepositTransaction event = deposit("""
                {"eventTimestamp":1640778972000,"status":"Advanced | Complete","paymentMethod":"Wire"}""");
        assertThat(event.status().value()).isEqualTo("Advanced | Complete");
        assertThat(event.status().isKnown()).isFalse();
        assertThat(event.paymentMethod()).isEqualTo(DepositTransaction.PaymentMethod.of("Wire"));
        assertThat(event.paymentMethod().isKnown()).isFalse();
        assertThat(DepositTransaction.Status.of("complete").isKnown()).as("matched exactly").isFalse();
        assertThat(DepositTransaction.PaymentMethod.of("Stock")).isEqualTo(DepositTransaction.PaymentMethod.STOCK);
    }

    @Test
    void identifiersGivenAsNumbersAreKeptAsText() {
        DepositTransaction event = deposit("""
                {"eventTimestamp":1640778972000,"eid":123456789,"campaignId":42,"id":12345678901234567890123}""");
        assertThat(event.eid()).isEqualTo("123456789");
        assertThat(event.campaignId()).isEqualTo("42");
        assertThat(event.id()).isEqualTo("12345678901234567890123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"amount\":\"thirty-six\"           | amount is not a number",
        "\"amount\":{\"value\":36}           | amount is not a number",
        "\"amount\":1e999999999             | amount is out of range",
        "\"payoutAmount\":true              | payoutAmount is not a number",
        "\"organizationId\":12.5            | organizationId is not an integer",
        "\"organizationId\":\"org-12\"        | organizationId is not a number",
        "\"timestampms\":\"yesterday\"        | timestampms is not a number",
        "\"id\":{\"uuid\":\"x\"}               | id is not a string",
        "\"eid\":1.5                        | eid is not a string",
        "\"status\":[\"Complete\"]            | status is not a string",
        "\"paymentMethod\":false            | paymentMethod is not a string",
    })
    void aWrongJsonTypeMakesItUnrecognizedNamingTheField(String field, String reason) {
        String payload = "{\"eventTimestamp\":1640778972000," + field + "}";
        GivingBlockEvent.Unrecognized event = unrecognized(DepositTransaction.TYPE, payload);
        assertThat(event.type()).isEqualTo(DepositTransaction.TYPE);
        assertThat(event.reason()).isEqualTo(reason);
        // The raw payload is re-rendered compact JSON: the same tree, numbers in canonical form.
        assertThat(Json.parse(event.rawPayload().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Json.parse(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(event.reason()).doesNotContain("thirty-six", "org-12", "yesterday");
    }

    // --- TRANSACTION_CONVERTED ---

    @Test
    void aConvertedTransactionCarriesTheDepositAndTheConversion() {
        // The worked example of PROVIDERS.md §2.4: 1 BTC at 50,000 USD with a 2 % fee.
        String payload = """
                {"type":"Deposit","id":"d1","status":"Complete","timestampms":"1715331120000","currency":"BTC","amount":1,
                 "organizationId":1234567,"eventTimestamp":1715334720000,"pledgeId":"p1","valueAtDonationTimeUSD":50000,
                 "paymentMethod":"Crypto","payoutAmount":49000,"payoutCurrency":"USD","externalId":"ext-1","campaignId":null,
                 "netValueAmount":49000,"netValueCurrency":"USD","grossAmount":"50000.00","convertedAt":"1715334700000"}"""
                .replace("\n", "");
        GivingBlockEvent event = map(TransactionConverted.TYPE, payload);

        assertThat(event).isInstanceOf(TransactionConverted.class);
        TransactionConverted converted = (TransactionConverted) event;
        assertThat(converted.type()).isEqualTo("TRANSACTION_CONVERTED");
        assertThat(converted.netValueAmount()).isEqualTo(new BigDecimal("49000"));
        assertThat(converted.netValueCurrency()).isEqualTo("USD");
        assertThat(converted.grossAmount()).isEqualTo(new BigDecimal("50000.00"));
        assertThat(converted.convertedAt()).isEqualTo(Instant.ofEpochMilli(1715334700000L));
        DepositTransaction deposit = converted.deposit();
        assertThat(deposit).isEqualTo(new DepositTransaction("Deposit", "d1", DepositTransaction.Status.COMPLETE,
                Instant.ofEpochMilli(1715331120000L), null, null, "BTC", BigDecimal.ONE, 1234567L,
                Instant.ofEpochMilli(1715334720000L), "p1", new BigDecimal("50000"), DepositTransaction.PaymentMethod.CRYPTO,
                new BigDecimal("49000"), "USD", "ext-1", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1715334700000", "\"1715334700000\"", "\"2024-05-10T09:51:40Z\"", "\"2024-05-10T11:51:40+02:00\""})
    void convertedAtIsAcceptedAsEpochMillisOrIsoText(String convertedAt) {
        TransactionConverted event = (TransactionConverted) map(TransactionConverted.TYPE,
                "{\"eventTimestamp\":1715334720000,\"convertedAt\":" + convertedAt + "}");
        assertThat(event.convertedAt()).isEqualTo(Instant.ofEpochMilli(1715334700000L));
    }

    @Test
    void theConversionFieldsAreOptional() {
        TransactionConverted event = (TransactionConverted) map(TransactionConverted.TYPE,
                "{\"eventTimestamp\":1715334720000,\"netValueAmount\":\"49000.00\"}");
        assertThat(event.netValueAmount()).isEqualTo(new BigDecimal("49000.00"));
        assertThat(event.netValueCurrency()).isNull();
        assertThat(event.grossAmount()).isNull();
        assertThat(event.convertedAt()).isNull();
        assertThat(event.deposit().eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1715334720000L));
    }

    @Test
    void aConvertedTransactionThatDoesNotFitIsUnrecognized() {
        assertThat(unrecognized(TransactionConverted.TYPE, "{\"eventTimestamp\":1,\"netValueAmount\":[49000]}").reason())
                .isEqualTo("netValueAmount is not a number");
        assertThat(unrecognized(TransactionConverted.TYPE, "{\"eventTimestamp\":1,\"convertedAt\":\"next week\"}").reason())
                .isEqualTo("convertedAt is not an ISO-8601 date-time with offset");
        assertThat(unrecognized(TransactionConverted.TYPE, "{\"eventTimestamp\":1,\"convertedAt\":true}").reason())
                .isEqualTo("convertedAt is not a number");
        assertThat(unrecognized(TransactionConverted.TYPE, "{\"netValueAmount\":1}").reason())
                .isEqualTo("eventTimestamp is missing");
    }

    // --- MERCHANT_STATUS_EVENT ---

    @Test
    void aMerchantStatusEventParsesFieldByField() {
        String payload = "{\"timestamp\":1715331120000,\"eventType\":\"MERCHANT_STATUS_EVENT\",\"mid\":\"M-100\","
                + "\"status\":600,\"statusChangeReason\":\"Underwriting complete\",\"officeId\":\"77\"}";
        GivingBlockEvent event = map(MerchantStatusEvent.TYPE, payload);

        assertThat(event).isEqualTo(new MerchantStatusEvent(Instant.ofEpochMilli(1715331120000L), null, "M-100",
                MerchantStatus.APPROVED, "Underwriting complete", "77"));
        MerchantStatusEvent merchant = (MerchantStatusEvent) event;
        assertThat(merchant.type()).isEqualTo("MERCHANT_STATUS_EVENT");
        assertThat(merchant.status().code()).isEqualTo(600);
        assertThat(merchant.status().description()).isEqualTo("APPROVED");
        assertThat(merchant.status().isKnown()).isTrue();
    }

    @Test
    void merchantStatusVariantsAreAccepted() {
        MerchantStatusEvent event = (MerchantStatusEvent) map(MerchantStatusEvent.TYPE,
                "{\"timestamp\":\"1715331120000\",\"eventTimestamp\":1715331125000,\"status\":\"425\",\"officeId\":77}");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1715331120000L));
        assertThat(event.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1715331125000L));
        assertThat(event.status()).isEqualTo(MerchantStatus.ON_PRIMARY_HOLD_NEED_ADDITIONAL_INFORMATION);
        assertThat(event.officeId()).isEqualTo("77");
        assertThat(event.mid()).isNull();
        assertThat(event.statusChangeReason()).isNull();
    }

    @Test
    void aStatusCodeIsAnIntAtMost() {
        for (long code : new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            MerchantStatusEvent event = (MerchantStatusEvent) map(MerchantStatusEvent.TYPE, "{\"timestamp\":1715331120000,\"status\":" + code + "}");
            assertThat(event.status().code()).isEqualTo((int) code);
        }
        for (long code : new long[] {Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L}) {
            assertThat(unrecognized(MerchantStatusEvent.TYPE, "{\"timestamp\":1715331120000,\"status\":" + code + "}").reason())
                    .isEqualTo("status is out of range");
        }
    }

    @Test
    void anUnknownStatusCodeIsKeptWithItsReason() {
        MerchantStatusEvent event = (MerchantStatusEvent) map(MerchantStatusEvent.TYPE,
                "{\"timestamp\":1715331120000,\"status\":999,\"statusChangeReason\":\"New state\"}");
        assertThat(event.status()).isEqualTo(new MerchantStatus(999, null));
        assertThat(event.status().code()).isEqualTo(999);
        assertThat(event.status().description()).isNull();
        assertThat(event.status().isKnown()).isFalse();
        assertThat(event.statusChangeReason()).isEqualTo("New state");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"timestamp\":1}                         | status is missing",
        "{\"timestamp\":1,\"status\":null}           | status is missing",
        "{\"timestamp\":1,\"status\":\"APPROVED\"}     | status is not a number",
        "{\"timestamp\":1,\"status\":600.5}          | status is not an integer",
        "{\"timestamp\":1,\"status\":3000000000}     | status is out of range",
        "{\"timestamp\":\"now\",\"status\":600}        | timestamp is not a number",
        "{\"timestamp\":1,\"status\":600,\"mid\":[1]}  | mid is not a string",
    })
    void aMerchantStatusEventThatDoesNotFitIsUnrecognized(String payload, String reason) {
        assertThat(unrecognized(MerchantStatusEvent.TYPE, payload))
                .isEqualTo(new GivingBlockEvent.Unrecognized(MerchantStatusEvent.TYPE, payload, reason));
    }

    /** The full status table of PROVIDERS.md §2.5, copied from the provider's documentation. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "125 | RESUBMITTED APPLICATION",
        "200 | DECLINED",
        "300 | CLOSED - MERCHANT CANCELLED",
        "325 | CLOSED - TERMINATION",
        "330 | SEASONAL BUSINESS",
        "350 | GATEWAY / ACCESSORY SERVICE ONLY",
        "375 | AWAITING ISO ACTIVATION OF UNDERWRITING",
        "390 | ORIG. APP RECEIVED - IN UNDERWRITING",
        "400 | IN UNDERWRITING",
        "425 | ON PRIMARY HOLD - NEED ADDITIONAL INFORMATION",
        "500 | APPROVED - IN DATA ENTRY FOR MID BUILD",
        "550 | APPROVED - AWAITING FAXED DOCUMENTATION",
        "600 | APPROVED",
        "650 | APPROVED - INSTALLED",
        "675 | MERCHANT REQUESTING TO CANCEL",
        "700 | APPROVED - PROCESSING",
        "730 | APPROVED - SEASONAL HOLD",
        "785 | LEGAL REVIEW",
    })
    void everyDocumentedStatusCodeIsKnownWithItsDescription(int code, String description) {
        MerchantStatus status = MerchantStatus.of(code);
        assertThat(status).isEqualTo(new MerchantStatus(code, description));
        assertThat(status.isKnown()).isTrue();
        MerchantStatusEvent event = (MerchantStatusEvent) map(MerchantStatusEvent.TYPE, "{\"timestamp\":1,\"status\":" + code + "}");
        assertThat(event.status()).isSameAs(status);
    }

    @Test
    void theStatusTableHasExactlyTheDocumentedCodes() {
        long known = java.util.stream.IntStream.rangeClosed(-1, 1000).filter(code -> MerchantStatus.of(code).isKnown()).count();
        assertThat(known).isEqualTo(18);
        assertThat(new MerchantStatus(600, "Approved").isKnown()).as("a documented code with another description").isFalse();
    }

    // --- the open set of types ---

    @ParameterizedTest
    @ValueSource(strings = {"REFUND_TRANSACTION", "deposit_transaction", "", "DEPOSIT_TRANSACTION_V2"})
    void anUnknownTypeIsUnrecognizedAndKeepsItsPayload(String eventType) {
        assertThat(map(eventType, VECTOR_PLAINTEXT))
                .isEqualTo(new GivingBlockEvent.Unrecognized(eventType, VECTOR_PLAINTEXT, GivingBlockEvent.Unrecognized.UNKNOWN_TYPE));
    }

    /** Property: the mapper never throws for a JSON object, whatever the known type's fields hold. */
    @Test
    void neverThrowsForAnyJsonObject() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String[] types = {DepositTransaction.TYPE, TransactionConverted.TYPE, MerchantStatusEvent.TYPE, "OTHER"};
        String[] fields = {"type", "id", "status", "timestampms", "eid", "amount", "organizationId", "eventTimestamp",
            "paymentMethod", "payoutAmount", "campaignId", "netValueAmount", "convertedAt", "timestamp", "mid", "officeId"};
        for (int i = 0; i < 400; i++) {
            StringBuilder payload = new StringBuilder("{");
            for (String field : fields) {
                if (random.nextBoolean()) {
                    payload.append(payload.length() > 1 ? "," : "").append('"').append(field).append("\":")
                            .append(randomValue(random, 2));
                }
            }
            String text = payload.append('}').toString();
            String type = types[random.nextInt(types.length)];
            try {
                GivingBlockEvent event = map(type, text);
                assertThat(event.type()).isEqualTo(type);
                if (event instanceof GivingBlockEvent.Unrecognized u) {
                    assertThat(u.rawPayload()).isNotNull();
                }
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", payload " + text, e);
            }
        }
    }

    private static String randomValue(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 0 ? 3 : 1)) {
            case 0 -> RandomInputs.jsonScalar(random);
            case 1 -> "[" + randomValue(random, depth - 1) + "," + randomValue(random, depth - 1) + "]";
            default -> "{\"k\":" + randomValue(random, depth - 1) + "}";
        };
    }

    // --- end to end, through the public decryptor ---

    @Test
    void theOfficialVectorDecryptsToATypedDeposit() {
        byte[] body = ("{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"" + VECTOR_CIPHERTEXT + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder()
                .keys(GivingBlockKey.of(VECTOR_KEY, VECTOR_IV))
                .clock(Clock.fixed(VECTOR_EVENT_TIME.plusSeconds(60), ZoneOffset.UTC)).build();

        Verified<GivingBlockEvent> verified = decryptor.verify(WebhookRequest.of(Map.of(), body));

        assertThat(verified.event()).isEqualTo(deposit(VECTOR_PLAINTEXT));
        assertThat(((DepositTransaction) verified.event()).amount()).isEqualTo(new BigDecimal("1.35"));
        assertThat(verified.body()).isEqualTo(VECTOR_PLAINTEXT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMerchantStatusEnvelopeDecryptsToATypedEvent() {
        GivingBlockKey key = GivingBlockKey.of(VECTOR_KEY, VECTOR_IV);
        String plaintext = "{\"timestamp\":1715331120000,\"eventType\":\"MERCHANT_STATUS_EVENT\",\"mid\":\"M-100\","
                + "\"status\":785,\"statusChangeReason\":\"Sent to legal\",\"officeId\":12}";
        byte[] body = GivingBlock.envelope(MerchantStatusEvent.TYPE, key, plaintext.getBytes(StandardCharsets.UTF_8));
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder().keys(key)
                .clock(Clock.fixed(Instant.ofEpochMilli(1715331120000L), ZoneOffset.UTC)).build();

        GivingBlockEvent event = decryptor.verify(WebhookRequest.of(Map.of(), body)).event();

        assertThat(event).isEqualTo(new MerchantStatusEvent(Instant.ofEpochMilli(1715331120000L), null, "M-100",
                MerchantStatus.LEGAL_REVIEW, "Sent to legal", "12"));
    }

    @Test
    void anAuthenticConvertedPayloadThatDoesNotFitIsDeliveredAsUnrecognized() {
        GivingBlockKey key = GivingBlockKey.of(VECTOR_KEY, VECTOR_IV);
        String plaintext = "{\"eventTimestamp\":\"1715334720000\",\"netValueAmount\":\"forty-nine thousand\"}";
        byte[] body = GivingBlock.envelope(TransactionConverted.TYPE, key, plaintext.getBytes(StandardCharsets.UTF_8));
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder().keys(key)
                .clock(Clock.fixed(Instant.ofEpochMilli(1715334720000L), ZoneOffset.UTC)).build();

        GivingBlockEvent event = decryptor.verify(WebhookRequest.of(Map.of(), body)).event();

        assertThat(event).isEqualTo(new GivingBlockEvent.Unrecognized(TransactionConverted.TYPE, plaintext,
                "netValueAmount is not a number"));
    }
}
