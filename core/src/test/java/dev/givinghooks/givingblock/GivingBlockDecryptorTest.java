package dev.givinghooks.givingblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Giving Block decryption: one test per security rule (DESIGN §2.2) and per reason it produces. */
class GivingBlockDecryptorTest {
    static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String IV_HEX = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
    static final GivingBlockKey KEY = GivingBlockKey.of(KEY_HEX, IV_HEX);
    static final GivingBlockKey OTHER = GivingBlockKey.of("ff".repeat(32), "ee".repeat(16));
    static final Instant NOW = Instant.parse("2026-05-10T09:12:00Z");
    // The one message every decryption-stage failure carries.
    static final String UNDECRYPTABLE = "payload could not be decrypted";

    static WebhookVerifier<GivingBlockEvent> decryptor() {
        return GivingBlock.decryptorBuilder().keys(KEY).clock(TestSupport.fixedAt(NOW)).build();
    }

    static byte[] deposit(Instant eventTime) {
        return ("{\"id\":\"d-1\",\"type\":\"Deposit\",\"amount\":\"36.00\",\"eventTimestamp\":" + eventTime.toEpochMilli() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] envelopeAround(String payloadHex) {
        return ("{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"" + payloadHex + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** AES-256-CBC without padding, to build ciphertexts whose padding is wrong. */
    static byte[] encryptRaw(byte[] blocks) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(KEY_HEX), "AES"),
                new IvParameterSpec(HexFormat.of().parseHex(IV_HEX)));
        return cipher.doFinal(blocks);
    }

    static byte[] pkcs7(byte[] plaintext) {
        int pad = 16 - plaintext.length % 16;
        byte[] padded = java.util.Arrays.copyOf(plaintext, plaintext.length + pad);
        java.util.Arrays.fill(padded, plaintext.length, padded.length, (byte) pad);
        return padded;
    }

    static WebhookRejectedException rejection(ThrowingCallable call, Reason reason) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(WebhookRejectedException.class);
        WebhookRejectedException e = (WebhookRejectedException) thrown;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.provider()).isEqualTo(Provider.GIVING_BLOCK);
        return e;
    }

    @Test
    void decryptsAValidDelivery() {
        byte[] plaintext = deposit(NOW);
        Verified<GivingBlockEvent> verified = decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, plaintext)));
        assertThat(verified.body()).isEqualTo(plaintext);
        assertThat(verified.keyIndex()).isZero();
        assertThat(verified.event().type()).isEqualTo("DEPOSIT_TRANSACTION");
        assertThat(verified.provider()).isEqualTo(Provider.GIVING_BLOCK);
    }

    // Rule 3: every failure between hex and JSON is one reason with one message.

    static Stream<Arguments> undecryptable() throws Exception {
        String good = GivingBlock.encrypt(KEY, deposit(NOW));
        Map<String, Supplier<byte[]>> cases = new java.util.LinkedHashMap<>();
        cases.put("bad hex", () -> envelopeAround("zz" + good.substring(2)));
        cases.put("non-ASCII hex digit", () -> envelopeAround("\u00e9" + good.substring(1)));
        cases.put("odd length", () -> envelopeAround(good.substring(1)));
        cases.put("not a block multiple", () -> envelopeAround(good.substring(2)));
        cases.put("empty payload", () -> envelopeAround(""));
        cases.put("truncated by a block", () -> envelopeAround(good.substring(0, good.length() - 32)));
        // 32 bytes ending in "}" (0x7D): not PKCS#7 padding.
        byte[] badPadding = encryptRaw(("{\"eventTimestamp\":" + NOW.toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8));
        cases.put("bad padding", () -> envelopeAround(Hex.encode(badPadding)));
        byte[] zeroPadding = encryptRaw(java.util.Arrays.copyOf("{}".getBytes(StandardCharsets.UTF_8), 16));
        cases.put("zero padding", () -> envelopeAround(Hex.encode(zeroPadding)));
        cases.put("wrong key", () -> GivingBlock.envelope("DEPOSIT_TRANSACTION", OTHER, deposit(NOW)));
        byte[] invalidUtf8 = encryptRaw(pkcs7(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        cases.put("invalid UTF-8 plaintext", () -> envelopeAround(Hex.encode(invalidUtf8)));
        byte[] overlong = encryptRaw(pkcs7(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}));
        cases.put("overlong UTF-8 plaintext", () -> envelopeAround(Hex.encode(overlong)));
        cases.put("non-JSON plaintext", () -> GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, "hello".getBytes(StandardCharsets.UTF_8)));
        cases.put("non-object JSON plaintext", () -> GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, "[1,2,3]".getBytes(StandardCharsets.UTF_8)));
        cases.put("empty plaintext", () -> GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, new byte[0]));
        cases.put("duplicate keys in plaintext", () -> GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY,
                "{\"eventTimestamp\":1,\"eventTimestamp\":2}".getBytes(StandardCharsets.UTF_8)));
        cases.put("envelope not JSON", () -> "eventType=DEPOSIT_TRANSACTION&payload=00".getBytes(StandardCharsets.UTF_8));
        cases.put("envelope is an array", () -> ("[\"" + good + "\"]").getBytes(StandardCharsets.UTF_8));
        cases.put("envelope with trailing data", () -> (new String(envelopeAround(good), StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8));
        cases.put("envelope truncated", () -> java.util.Arrays.copyOf(envelopeAround(good), 40));
        cases.put("payload missing", () -> "{\"eventType\":\"DEPOSIT_TRANSACTION\"}".getBytes(StandardCharsets.UTF_8));
        cases.put("payload not a string", () -> "{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":12}".getBytes(StandardCharsets.UTF_8));
        cases.put("payload duplicated", () -> ("{\"payload\":\"" + good + "\",\"payload\":\"" + good + "\"}").getBytes(StandardCharsets.UTF_8));
        cases.put("empty body", () -> new byte[0]);
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecryptable")
    void everyDecryptionFailureIsOneReasonWithOneMessage(String name, Supplier<byte[]> body) {
        WebhookRejectedException e = rejection(() -> decryptor().verify(TestSupport.request(body.get())), Reason.UNDECRYPTABLE_PAYLOAD);
        assertThat(e.detail()).isEqualTo(UNDECRYPTABLE);
        assertThat(e.getMessage()).isEqualTo("giving-block: UNDECRYPTABLE_PAYLOAD: " + UNDECRYPTABLE);
        assertThat(e.getCause()).isNull();
        assertThat(e.authenticBody()).isEmpty();
        assertThat(e.reason().httpStatus()).isEqualTo(401);
    }

    @Test
    void ciphertextMayBeUpperCaseHex() {
        String upper = GivingBlock.encrypt(KEY, deposit(NOW)).toUpperCase();
        assertThat(decryptor().verify(TestSupport.request(envelopeAround(upper))).keyIndex()).isZero();
    }

    // Rule 2: 1 hour maximum age and 5 minutes future skew; both edges inclusive, to the millisecond.

    @Test
    void windowEdgesAreAcceptedAndOneSecondBeyondIsRejected() {
        assertThat(GivingBlock.DEFAULT_MAX_AGE).isEqualTo(Duration.ofHours(1));
        assertThat(GivingBlock.DEFAULT_FUTURE_SKEW).isEqualTo(Duration.ofMinutes(5));
        Instant oldest = NOW.minus(Duration.ofHours(1));
        Instant newest = NOW.plus(Duration.ofMinutes(5));
        assertThat(decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, deposit(oldest)))).keyIndex()).isZero();
        assertThat(decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, deposit(newest)))).keyIndex()).isZero();
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY,
                deposit(oldest.minusSeconds(1))))), Reason.TIMESTAMP_TOO_OLD);
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY,
                deposit(newest.plusSeconds(1))))), Reason.TIMESTAMP_IN_FUTURE);
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY,
                deposit(oldest.minusMillis(1))))), Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void configuredWindowsMoveTheEdges() {
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder().keys(KEY).maxAge(Duration.ofMinutes(10))
                .futureSkew(Duration.ofSeconds(10)).clock(TestSupport.fixedAt(NOW)).build();
        assertThat(decryptor.verify(TestSupport.request(GivingBlock.envelope("X", KEY, deposit(NOW.minusSeconds(600))))).keyIndex()).isZero();
        rejection(() -> decryptor.verify(TestSupport.request(GivingBlock.envelope("X", KEY, deposit(NOW.minusSeconds(601))))),
                Reason.TIMESTAMP_TOO_OLD);
        assertThat(decryptor.verify(TestSupport.request(GivingBlock.envelope("X", KEY, deposit(NOW.plusSeconds(10))))).keyIndex()).isZero();
        rejection(() -> decryptor.verify(TestSupport.request(GivingBlock.envelope("X", KEY, deposit(NOW.plusSeconds(11))))),
                Reason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void eventTimestampMayBeAString() {
        byte[] plaintext = ("{\"eventTimestamp\":\"" + NOW.toEpochMilli() + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, plaintext))).keyIndex()).isZero();
    }

    @Test
    void missingEventTimestamp() {
        byte[] plaintext = "{\"id\":\"d-1\"}".getBytes(StandardCharsets.UTF_8);
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, plaintext))),
                Reason.MISSING_TIMESTAMP);
        byte[] nullTimestamp = "{\"eventTimestamp\":null}".getBytes(StandardCharsets.UTF_8);
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, nullTimestamp))),
                Reason.MISSING_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"soon\"", "1.5", "true", "{}", "[]", "\"\"", "99999999999999999999", "\"-\"", "1e30"})
    void malformedEventTimestamp(String value) {
        byte[] plaintext = ("{\"eventTimestamp\":" + value + "}").getBytes(StandardCharsets.UTF_8);
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, plaintext))),
                Reason.MALFORMED_TIMESTAMP);
    }

    @Test
    void merchantStatusEventFallsBackToTimestamp() {
        byte[] plaintext = ("{\"timestamp\":" + NOW.toEpochMilli() + ",\"eventType\":\"MERCHANT_STATUS_EVENT\",\"mid\":\"m-1\",\"status\":600}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(decryptor().verify(TestSupport.request(GivingBlock.envelope("MERCHANT_STATUS_EVENT", KEY, plaintext))).event().type())
                .isEqualTo("MERCHANT_STATUS_EVENT");
        byte[] stale = ("{\"timestamp\":" + NOW.minus(Duration.ofHours(2)).toEpochMilli() + ",\"eventType\":\"MERCHANT_STATUS_EVENT\"}")
                .getBytes(StandardCharsets.UTF_8);
        rejection(() -> decryptor().verify(TestSupport.request(GivingBlock.envelope("MERCHANT_STATUS_EVENT", KEY, stale))),
                Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void merchantStatusEventWhoseInnerTypeDisagreesWithTheEnvelopeIsMalformed() {
        byte[] plaintext = ("{\"timestamp\":" + NOW.toEpochMilli() + ",\"eventType\":\"MERCHANT_STATUS_EVENT\",\"mid\":\"m-1\",\"status\":600}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookRejectedException e = rejection(() -> decryptor().verify(TestSupport.request(
                GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, plaintext))), Reason.MALFORMED_PAYLOAD);
        assertThat(e.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(plaintext));
        assertThat(e.reason().httpStatus()).isEqualTo(400);
    }

    @Test
    void envelopeWithoutEventTypeIsMalformedButKeepsThePlaintext() {
        byte[] plaintext = deposit(NOW);
        byte[] body = ("{\"payload\":\"" + GivingBlock.encrypt(KEY, plaintext) + "\"}").getBytes(StandardCharsets.UTF_8);
        WebhookRejectedException e = rejection(() -> decryptor().verify(TestSupport.request(body)), Reason.MALFORMED_PAYLOAD);
        assertThat(e.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(plaintext));
    }

    @Test
    void unknownEventTypeIsDeliveredNotRejected() {
        Verified<GivingBlockEvent> verified = decryptor().verify(TestSupport.request(GivingBlock.envelope("NEW_KIND", KEY, deposit(NOW))));
        assertThat(verified.event()).isInstanceOf(GivingBlockEvent.Unrecognized.class);
        assertThat(verified.event().type()).isEqualTo("NEW_KIND");
    }

    @Test
    void envelopeFieldsInAnyOrderAndExtraFieldsAreAccepted() {
        String hex = GivingBlock.encrypt(KEY, deposit(NOW));
        byte[] body = ("{\"extra\":{\"a\":[1,2]},\"payload\":\"" + hex + "\",\"eventType\":\"DEPOSIT_TRANSACTION\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(decryptor().verify(TestSupport.request(body)).event().type()).isEqualTo("DEPOSIT_TRANSACTION");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"payload\":\"HEX\",\"eventType\":\"DEPOSIT_TRANSACTION\"}",
        "{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"HEX\"}",
        "{ \"payload\" : \"HEX\" ,\n\t\"eventType\" : \"DEPOSIT_TRANSACTION\" }",
        "{\r\n  \"eventType\": \"DEPOSIT_TRANSACTION\",\r\n  \"payload\": \"HEX\"\r\n}\r\n",
        "{\"payload\":\"HEX\"\t,\t\"n\":[1,{\"payload\":\"00\"}],\"eventType\":\"DEPOSIT_TRANSACTION\"}",
    })
    void thePayloadIsFoundWhereverAndHoweverTheEnvelopeIsLaidOut(String layout) {
        byte[] plaintext = deposit(NOW);
        byte[] body = layout.replace("HEX", GivingBlock.encrypt(KEY, plaintext)).getBytes(StandardCharsets.UTF_8);
        assertThat(decryptor().verify(TestSupport.request(body)).body()).isEqualTo(plaintext);
    }

    @Test
    void aPayloadWithJsonEscapesIsDecodedAsTheStringItDenotes() {
        byte[] plaintext = deposit(NOW);
        String hex = GivingBlock.encrypt(KEY, plaintext);
        // The first two hex digits written as JSON escapes, "\u0030" for '0' and so on.
        String escaped = String.format("\\u%04x\\u%04X", (int) hex.charAt(0), (int) hex.charAt(1)) + hex.substring(2);
        byte[] body = envelopeAround(escaped);
        assertThat(decryptor().verify(TestSupport.request(body)).body()).isEqualTo(plaintext);

        byte[] escapedNotHex = envelopeAround("\\u0047" + hex.substring(1)); // 'G'
        rejection(() -> decryptor().verify(TestSupport.request(escapedNotHex)), Reason.UNDECRYPTABLE_PAYLOAD);
    }

    // Rule 5: body size.

    @Test
    void bodyOverTheLimitIsRefused() {
        byte[] body = GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, deposit(NOW));
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder().keys(KEY).maxBodyBytes(body.length)
                .clock(TestSupport.fixedAt(NOW)).build();
        assertThat(decryptor.verify(TestSupport.request(body)).keyIndex()).isZero();
        rejection(() -> decryptor.verify(TestSupport.request(java.util.Arrays.copyOf(body, body.length + 1))), Reason.BODY_TOO_LARGE);
        rejection(() -> decryptor().verify(TestSupport.request(new byte[GivingBlock.DEFAULT_MAX_BODY_BYTES + 1])), Reason.BODY_TOO_LARGE);
    }

    // Rotation and per-request keys.

    @Test
    void rotationReportsWhichKeyDecrypted() {
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder().keys(OTHER, KEY).clock(TestSupport.fixedAt(NOW)).build();
        assertThat(decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, deposit(NOW)))).keyIndex()).isEqualTo(1);
        assertThat(decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", OTHER, deposit(NOW)))).keyIndex()).isZero();
    }

    @Test
    void keySupplierSelectsKeysByPath() {
        Map<String, List<GivingBlockKey>> tenants = Map.of("/tgb/a", List.of(KEY), "/tgb/b", List.of(OTHER));
        WebhookVerifier<GivingBlockEvent> decryptor = GivingBlock.decryptorBuilder()
                .keys(request -> tenants.get(request.path().orElse(""))).clock(TestSupport.fixedAt(NOW)).build();
        byte[] body = GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, deposit(NOW));
        assertThat(decryptor.verify(TestSupport.request(body).withPath("/tgb/a")).keyIndex()).isZero();
        rejection(() -> decryptor.verify(TestSupport.request(body).withPath("/tgb/b")), Reason.UNDECRYPTABLE_PAYLOAD);
        assertThatThrownBy(() -> decryptor.verify(TestSupport.request(body).withPath("/tgb/none"))).isInstanceOf(IllegalStateException.class);
    }

    // Rule 6: the idempotency key is the digest of the authenticated plaintext only.

    @Test
    void idempotencyKeyIsTheDigestOfThePlaintext() throws Exception {
        byte[] plaintext = deposit(NOW);
        String digest = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(plaintext));
        assertThat(decryptor().verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", KEY, plaintext))).idempotencyKey())
                .isEqualTo("giving-block:" + digest);
    }

    @Test
    void verifierToStringSaysHowNotWhat() {
        assertThat(decryptor().toString()).contains("1 fixed keys").doesNotContainIgnoringCase(KEY_HEX).doesNotContainIgnoringCase(IV_HEX);
    }
}
