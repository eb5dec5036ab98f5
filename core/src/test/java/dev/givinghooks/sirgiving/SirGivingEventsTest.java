package dev.givinghooks.sirgiving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.RandomInputs;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Maps SIR Giving envelopes to event records field by field (PROVIDERS.md §1.1). */
class SirGivingEventsTest {
    private static final Instant CREATED = Instant.parse("2026-05-10T09:12:00Z");

    private static final String SECRET = "whsec_events-test-secret-0123456789";
    private static final WebhookVerifier<SirGivingEvent> VERIFIER = SirGiving.verifierBuilder().secrets(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(1746876000), ZoneOffset.UTC)).build();

    /** Maps through the public verifier, so that the envelope is streamed exactly as in production. */
    private static SirGivingEvent map(String envelope) {
        byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
        return VERIFIER.verify(WebhookRequest.of(Map.of(SirGiving.TIMESTAMP_HEADER, List.of("1746876000"),
                SirGiving.SIGNATURE_HEADER, List.of(SirGiving.sign(SECRET, "1746876000", body))), body)).event();
    }

    private static SirGivingEvent.Unrecognized unrecognized(String envelope) {
        SirGivingEvent event = map(envelope);
        assertThat(event).isInstanceOf(SirGivingEvent.Unrecognized.class);
        return (SirGivingEvent.Unrecognized) event;
    }

    // --- action.completed ---

    @Test
    void actionCompletedWithTheDocumentedFieldsOnly() {
        // The envelope example of PROVIDERS.md §1.1 (the SIR Giving webhooks page), with an actionId.
        SirGivingEvent event = map("""
                {"id":"evt_abc123","type":"action.completed","createdAt":"2026-05-10T09:12:00Z",\
                "data":{"actionId":"act_1","tokensDistributed":50}}""");

        assertThat(event).isEqualTo(new ActionCompleted("evt_abc123", CREATED, "act_1", 50, null, null, List.of()));
        assertThat(event.type()).isEqualTo("action.completed").isEqualTo(ActionCompleted.TYPE);
        assertThat(event.provider()).isEqualTo(Provider.SIR_GIVING);
    }

    @Test
    void actionCompletedWithTheInferredActionResultFields() {
        ActionCompleted event = (ActionCompleted) map("""
                {"id":"evt_9","type":"action.completed","createdAt":"2026-05-10T11:12:00.250+02:00",
                 "data":{"actionId":"act_2","tokensDistributed":"75","idempotencyKey":"purchase_98765",
                         "status":"COMPLETED","transactionIds":["tx_1","tx_2"],"extra":{"kept":true}}}""");

        assertThat(event.id()).isEqualTo("evt_9");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-05-10T09:12:00.250Z"));
        assertThat(event.actionId()).isEqualTo("act_2");
        assertThat(event.tokensDistributed()).isEqualTo(75);
        assertThat(event.idempotencyKey()).isEqualTo("purchase_98765");
        assertThat(event.status()).isEqualTo("COMPLETED");
        assertThat(event.transactionIds()).containsExactly("tx_1", "tx_2");
        assertThatThrownBy(() -> event.transactionIds().add("tx_3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullOptionalFieldsAndAMissingCreatedAtAreAccepted() {
        ActionCompleted event = (ActionCompleted) map("""
                {"id":"evt_1","type":"action.completed",
                 "data":{"actionId":"act_1","tokensDistributed":0,"idempotencyKey":null,"status":null,"transactionIds":null}}""");

        assertThat(event.createdAt()).isNull();
        assertThat(event.tokensDistributed()).isZero();
        assertThat(event.idempotencyKey()).isNull();
        assertThat(event.status()).isNull();
        assertThat(event.transactionIds()).isEmpty();
    }

    @Test
    void aMissingRequiredFieldMakesItUnrecognizedNamingTheField() {
        SirGivingEvent.Unrecognized event = unrecognized("""
                {"id":"evt_1","type":"action.completed","createdAt":"2026-05-10T09:12:00Z","data":{"tokensDistributed":50}}""");

        assertThat(event).isEqualTo(new SirGivingEvent.Unrecognized("evt_1", "action.completed", CREATED,
                "{\"tokensDistributed\":50}", "data.actionId is missing"));
        assertThat(unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":"act_1"}}""").reason())
                .isEqualTo("data.tokensDistributed is missing");
        assertThat(unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":"act_1","tokensDistributed":null}}""").reason())
                .isEqualTo("data.tokensDistributed is missing");
    }

    @Test
    void aWrongJsonTypeMakesItUnrecognizedWithoutQuotingTheValue() {
        SirGivingEvent.Unrecognized notANumber = unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":"act_1","tokensDistributed":"lots-of-tokens"}}""");
        assertThat(notANumber.reason()).isEqualTo("data.tokensDistributed is not a number").doesNotContain("lots-of-tokens");
        assertThat(notANumber.rawData()).contains("lots-of-tokens");

        assertThat(unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":"act_1","tokensDistributed":1.5}}""").reason())
                .isEqualTo("data.tokensDistributed is not an integer");
        assertThat(unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":{"nested":1},"tokensDistributed":1}}""").reason())
                .isEqualTo("data.actionId is not a string");
        assertThat(unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":"a","tokensDistributed":1,"transactionIds":"tx_1"}}""")
                .reason()).isEqualTo("data.transactionIds is not an array");
        assertThat(unrecognized("""
                {"id":"evt_1","type":"action.completed","data":{"actionId":"a","tokensDistributed":1,"transactionIds":["tx_1",2]}}""")
                .reason()).isEqualTo("data.transactionIds has an element that is not a string");
    }

    @Test
    void aMissingOrNonObjectDataMakesAKnownTypeUnrecognized() {
        SirGivingEvent.Unrecognized missing = unrecognized("""
                {"id":"evt_1","type":"action.failed","createdAt":"2026-05-10T09:12:00Z"}""");
        assertThat(missing).isEqualTo(new SirGivingEvent.Unrecognized("evt_1", "action.failed", CREATED, null, "data is missing"));

        SirGivingEvent.Unrecognized array = unrecognized("""
                {"id":"evt_1","type":"transaction.completed","data":[1,2]}""");
        assertThat(array.reason()).isEqualTo("data is not an object");
        assertThat(array.rawData()).isEqualTo("[1,2]");
    }

    @Test
    void anUnreadableCreatedAtMakesAKnownTypeUnrecognized() {
        SirGivingEvent.Unrecognized event = unrecognized("""
                {"id":"evt_1","type":"action.completed","createdAt":"10/05/2026 09:12",
                 "data":{"actionId":"act_1","tokensDistributed":50}}""");
        assertThat(event.createdAt()).isNull();
        assertThat(event.reason()).isEqualTo("createdAt is not an ISO-8601 date-time with offset");
    }

    /**
     * Regression: a createdAt given as a number with a huge exponent was rendered as plain text
     * (a billion digits) before being found not to be a date-time.
     */
    @Test
    void aNumericCreatedAtIsAMisfitWithoutBeingRenderedAsText() {
        long start = System.nanoTime();
        SirGivingEvent.Unrecognized event = unrecognized("""
                {"id":"evt_1","type":"action.completed","createdAt":1e999999999,
                 "data":{"actionId":"act_1","tokensDistributed":50}}""");
        assertThat(event.reason()).isEqualTo("createdAt is not an ISO-8601 date-time with offset");
        assertThat(unrecognized("""
                {"id":"evt_1","type":"other","createdAt":1e999999999}""").createdAt()).isNull();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
    }

    // --- action.failed, transaction.completed (shapes unpublished) ---

    @Test
    void actionFailedKeepsTheLikelyFieldsAndTheRawData() {
        SirGivingEvent event = map("""
                {"id":"evt_2","type":"action.failed","createdAt":"2026-05-10T09:12:00Z",
                 "data":{"actionId":"act_3","idempotencyKey":"purchase_1","status":"FAILED","error":{"code":"INSUFFICIENT_POOL"}}}""");

        assertThat(event).isEqualTo(new ActionFailed("evt_2", CREATED, "act_3", "purchase_1", "FAILED",
                "{\"actionId\":\"act_3\",\"idempotencyKey\":\"purchase_1\",\"status\":\"FAILED\",\"error\":{\"code\":\"INSUFFICIENT_POOL\"}}"));
        assertThat(event.type()).isEqualTo("action.failed");
    }

    @Test
    void actionFailedWithAnEmptyDataObject() {
        assertThat(map("""
                {"id":"evt_2","type":"action.failed","data":{}}"""))
                .isEqualTo(new ActionFailed("evt_2", null, null, null, null, "{}"));
        assertThat(unrecognized("""
                {"id":"evt_2","type":"action.failed","data":{"status":["FAILED"]}}""").reason())
                .isEqualTo("data.status is not a string");
    }

    @Test
    void transactionCompletedKeepsTheLikelyIdentifiersAndTheRawData() {
        SirGivingEvent event = map("""
                {"id":"evt_3","type":"transaction.completed","createdAt":"2026-05-10T09:12:00Z",
                 "data":{"transactionId":"tx_7","actionId":"act_3","tokens":12}}""");

        assertThat(event).isEqualTo(new TransactionCompleted("evt_3", CREATED, "tx_7", "act_3",
                "{\"transactionId\":\"tx_7\",\"actionId\":\"act_3\",\"tokens\":12}"));
        assertThat(event.type()).isEqualTo("transaction.completed");
        assertThat(map("""
                {"id":"evt_3","type":"transaction.completed","data":{"transactionId":1234}}"""))
                .isEqualTo(new TransactionCompleted("evt_3", null, "1234", null, "{\"transactionId\":1234}"));
        assertThat(unrecognized("""
                {"id":"evt_3","type":"transaction.completed","data":{"transactionId":12.5}}""").reason())
                .isEqualTo("data.transactionId is not a string");
    }

    // --- the open set of types ---

    @ParameterizedTest
    @ValueSource(strings = {"pool.low", "campaign.status_changed", "webhook.test", "ACTION.COMPLETED", "action.completed.v2"})
    void anUnknownTypeIsUnrecognizedAndKeepsItsData(String type) {
        SirGivingEvent.Unrecognized event = unrecognized("{\"id\":\"evt_4\",\"type\":\"" + type
                + "\",\"createdAt\":\"2026-05-10T09:12:00Z\",\"data\":{\"poolId\":\"pool_1\",\"remaining\":3}}");

        assertThat(event).isEqualTo(new SirGivingEvent.Unrecognized("evt_4", type, CREATED,
                "{\"poolId\":\"pool_1\",\"remaining\":3}", SirGivingEvent.Unrecognized.UNKNOWN_TYPE));
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.reason()).isEqualTo("unknown event type");
    }

    @Test
    void anUnknownTypeToleratesAnyCreatedAtAndData() {
        assertThat(unrecognized("""
                {"id":"evt_5","type":"webhook.test","createdAt":12345,"data":"ping"}"""))
                .isEqualTo(new SirGivingEvent.Unrecognized("evt_5", "webhook.test", null, "\"ping\"", "unknown event type"));
        assertThat(unrecognized("""
                {"id":"evt_5","type":"webhook.test","data":null}"""))
                .isEqualTo(new SirGivingEvent.Unrecognized("evt_5", "webhook.test", null, null, "unknown event type"));
    }

    /** Property: the mapper never throws for a JSON object, whatever the known type's fields hold. */
    @Test
    void neverThrowsForAnyJsonObject() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String[] types = {ActionCompleted.TYPE, ActionFailed.TYPE, TransactionCompleted.TYPE, "other"};
        String[] fields = {"actionId", "tokensDistributed", "idempotencyKey", "status", "transactionIds", "transactionId"};
        for (int i = 0; i < 400; i++) {
            StringBuilder data = new StringBuilder("{");
            for (String field : fields) {
                if (random.nextBoolean()) {
                    data.append(data.length() > 1 ? "," : "").append('"').append(field).append("\":").append(randomValue(random, 2));
                }
            }
            String envelope = "{\"id\":\"evt_p\",\"type\":\"" + types[random.nextInt(types.length)] + "\",\"createdAt\":"
                    + (random.nextBoolean() ? "\"2026-05-10T09:12:00Z\"" : randomValue(random, 1))
                    + ",\"data\":" + (random.nextInt(8) == 0 ? randomValue(random, 1) : data + "}") + "}";
            try {
                SirGivingEvent event = map(envelope);
                assertThat(event.id()).isEqualTo("evt_p");
                if (event instanceof SirGivingEvent.Unrecognized u) {
                    assertThat(u.reason()).isNotBlank();
                }
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", envelope " + envelope, e);
            }
        }
    }

    static String randomValue(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 0 ? 3 : 1)) {
            case 0 -> RandomInputs.jsonScalar(random);
            case 1 -> "[" + randomValue(random, depth - 1) + "," + randomValue(random, depth - 1) + "]";
            default -> "{\"k\":" + randomValue(random, depth - 1) + "}";
        };
    }

    // --- end to end, through the public verifier ---

    @Test
    void theDocumentedEnvelopeVerifiesToATypedEvent() {
        // PROVIDERS.md §4: secret whsec_ + H, timestamp 1746876000, the envelope below.
        String secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        byte[] body = ("{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\","
                + "\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50}}").getBytes(StandardCharsets.UTF_8);
        String signature = SirGiving.sign(secret, "1746876000", body);
        assertThat(signature).isEqualTo("sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f");
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(secret)
                .clock(Clock.fixed(Instant.ofEpochSecond(1746876000L), ZoneOffset.UTC)).build();

        Verified<SirGivingEvent> verified = verifier.verify(WebhookRequest.of(Map.of(
                SirGiving.TIMESTAMP_HEADER, List.of("1746876000"), SirGiving.SIGNATURE_HEADER, List.of(signature)), body));

        assertThat(verified.event()).isEqualTo(new ActionCompleted("evt_abc123", CREATED, "act_1", 50, null, null, List.of()));
        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_abc123");
        String described = switch (verified.event().type()) {
            case ActionCompleted.TYPE -> "credit " + ((ActionCompleted) verified.event()).tokensDistributed();
            default -> "other";
        };
        assertThat(described).isEqualTo("credit 50");
    }

    @Test
    void anAuthenticEventThatDoesNotFitIsDeliveredNotRejected() {
        String secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        byte[] body = "{\"id\":\"evt_x\",\"type\":\"action.completed\",\"data\":{\"actionId\":\"act_1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(secret)
                .clock(Clock.fixed(Instant.ofEpochSecond(1746876000L), ZoneOffset.UTC)).build();

        Verified<SirGivingEvent> verified = verifier.verify(WebhookRequest.of(Map.of(
                SirGiving.TIMESTAMP_HEADER, List.of("1746876000"),
                SirGiving.SIGNATURE_HEADER, List.of(SirGiving.sign(secret, "1746876000", body))), body));

        assertThat(verified.event()).isEqualTo(new SirGivingEvent.Unrecognized("evt_x", "action.completed", null,
                "{\"actionId\":\"act_1\"}", "data.tokensDistributed is missing"));
        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_x");
    }
}
