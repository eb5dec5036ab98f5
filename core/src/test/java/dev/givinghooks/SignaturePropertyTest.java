package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.givinghooks.TestSupport.Crypto;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties over random bodies (ASCII, non-ASCII, binary), secrets and times: a signed
 * delivery verifies; any single-byte change of body, timestamp or signature is refused; any other
 * secret is refused. Each case's seed is in its display name; {@link RandomInputs} reproduces it.
 */
class SignaturePropertyTest {
    static final int CASES = 300;
    /** What a verifier may answer for an authentic body that is not a usable JSON envelope. */
    static final Set<Reason> AUTHENTIC = EnumSet.of(Reason.MALFORMED_PAYLOAD);

    static Stream<Long> seeds() {
        return RandomInputs.seeds(CASES);
    }

    /** Verifies; returns normally if accepted or refused only because the authentic body is not an envelope. */
    static boolean acceptedAsAuthentic(Runnable verify, byte[] body) {
        Throwable thrown = catchThrowable(verify::run);
        if (thrown == null) {
            return true;
        }
        assertThat(thrown).isInstanceOf(WebhookRejectedException.class);
        WebhookRejectedException e = (WebhookRejectedException) thrown;
        assertThat(e.reason()).as(e.getMessage()).isIn(AUTHENTIC);
        assertThat(e.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
        return false;
    }

    static Reason reasonOf(Runnable verify) {
        Throwable thrown = catchThrowable(verify::run);
        assertThat(thrown).as("a changed delivery was accepted").isInstanceOf(WebhookRejectedException.class);
        return ((WebhookRejectedException) thrown).reason();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void sirGivingRoundTripAndTampering(long seed) {
        RandomInputs random = new RandomInputs(seed);
        String secret = random.secret();
        byte[] body = random.nextBoolean() ? random.body() : random.jsonObject();
        long now = random.unixSeconds();
        long ts = now + random.nextLong(-300, 301);
        String timestamp = Long.toString(ts);
        Crypto crypto = random.nextBoolean() ? Crypto.JDK : Crypto.BOUNCY_CASTLE;
        SirGiving.Builder builder = SirGiving.verifierBuilder().secrets(secret).clock(TestSupport.fixedAt(now));
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        WebhookVerifier<SirGivingEvent> verifier = builder.build();
        String signature = SirGiving.sign(secret, timestamp, body);

        acceptedAsAuthentic(() -> verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp,
                SirGiving.SIGNATURE_HEADER, signature)), body);
        byte[] envelope = ("{\"id\":\"evt_" + seed + "\",\"type\":\"t\",\"data\":" + new String(random.jsonObject(), StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
        Verified<SirGivingEvent> verified = verifier.verify(TestSupport.request(envelope, SirGiving.TIMESTAMP_HEADER, timestamp,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(secret, timestamp, envelope)));
        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_" + seed);
        assertThat(verified.body()).isEqualTo(envelope);

        if (body.length > 0) {
            byte[] changed = flipOneByte(body, random);
            assertThat(reasonOf(() -> verifier.verify(TestSupport.request(changed, SirGiving.TIMESTAMP_HEADER, timestamp,
                    SirGiving.SIGNATURE_HEADER, signature)))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
        String changedTimestamp = changeOneChar(timestamp, random, "0123456789");
        assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, changedTimestamp,
                SirGiving.SIGNATURE_HEADER, signature)))).isIn(Reason.SIGNATURE_MISMATCH, Reason.MALFORMED_TIMESTAMP);
        String changedSignature = SirGiving.SIGNATURE_PREFIX + changeOneChar(signature.substring(7), random, "0123456789abcdef");
        assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp,
                SirGiving.SIGNATURE_HEADER, changedSignature)))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        String anyByteChanged = changeOneChar(signature, random, null);
        assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp,
                SirGiving.SIGNATURE_HEADER, anyByteChanged)))).isIn(Reason.SIGNATURE_MISMATCH, Reason.MALFORMED_SIGNATURE);

        String other = random.secret();
        if (!other.equals(secret)) {
            assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp,
                    SirGiving.SIGNATURE_HEADER, SirGiving.sign(other, timestamp, body))))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void sirGivingWindowEdges(long seed) {
        RandomInputs random = new RandomInputs(seed);
        String secret = random.secret();
        long now = random.unixSeconds();
        long tolerance = random.nextLong(1, 7200);
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(secret).tolerance(Duration.ofSeconds(tolerance))
                .clock(TestSupport.fixedAt(now)).build();
        byte[] body = ("{\"id\":\"evt_1\",\"type\":\"t\"}").getBytes(StandardCharsets.UTF_8);
        for (long offset : new long[] {-tolerance, tolerance, -tolerance - 1, tolerance + 1}) {
            String ts = Long.toString(now + offset);
            Runnable verify = () -> verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, ts,
                    SirGiving.SIGNATURE_HEADER, SirGiving.sign(secret, ts, body)));
            if (Math.abs(offset) <= tolerance) {
                verify.run();
            } else {
                assertThat(reasonOf(verify)).isEqualTo(offset < 0 ? Reason.TIMESTAMP_TOO_OLD : Reason.TIMESTAMP_IN_FUTURE);
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void chuffedRoundTripAndTampering(long seed) {
        RandomInputs random = new RandomInputs(seed);
        String secret = random.secret();
        byte[] body = random.nextBoolean() ? random.body() : random.jsonObject();
        Crypto crypto = random.nextBoolean() ? Crypto.JDK : Crypto.BOUNCY_CASTLE;
        Chuffed.Builder builder = Chuffed.verifierBuilder().secrets(secret);
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        WebhookVerifier<ChuffedEvent> verifier = builder.build();
        String signature = Chuffed.sign(secret, body);

        acceptedAsAuthentic(() -> verifier.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, signature)), body);
        String upper = signature.toUpperCase();
        acceptedAsAuthentic(() -> verifier.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, upper)), body);

        if (body.length > 0) {
            byte[] changed = flipOneByte(body, random);
            assertThat(reasonOf(() -> verifier.verify(TestSupport.request(changed, Chuffed.SIGNATURE_HEADER, signature))))
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
        byte[] appended = Arrays.copyOf(body, body.length + 1);
        appended[body.length] = (byte) random.nextInt(256);
        assertThat(reasonOf(() -> verifier.verify(TestSupport.request(appended, Chuffed.SIGNATURE_HEADER, signature))))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
        String changedSignature = changeOneChar(signature, random, "0123456789abcdef");
        assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, changedSignature))))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
        String anyByteChanged = changeOneChar(signature, random, null);
        assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, anyByteChanged))))
                .isIn(Reason.SIGNATURE_MISMATCH, Reason.MALFORMED_SIGNATURE);
        String other = random.secret();
        if (!other.equals(secret)) {
            assertThat(reasonOf(() -> verifier.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, Chuffed.sign(other, body)))))
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void givingBlockEncryptDecryptRoundTripAndTampering(long seed) {
        RandomInputs random = new RandomInputs(seed);
        GivingBlockKey key = GivingBlockKey.of(random.hex(32), random.hex(16));
        Instant now = Instant.ofEpochSecond(random.unixSeconds());
        Instant eventTime = now.minusMillis(random.nextLong(-300_000, 3_600_001));
        byte[] plaintext = ("{\"eventTimestamp\":" + eventTime.toEpochMilli() + ",\"note\":\"" + random.text(random.nextInt(200), true) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Crypto crypto = random.nextBoolean() ? Crypto.JDK : Crypto.BOUNCY_CASTLE;
        GivingBlock.Builder builder = GivingBlock.decryptorBuilder().keys(key).clock(TestSupport.fixedAt(now));
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        WebhookVerifier<GivingBlockEvent> decryptor = builder.build();

        Verified<GivingBlockEvent> verified = decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", key, plaintext)));
        assertThat(verified.body()).isEqualTo(plaintext);

        // Any single change of the ciphertext either fails as one uniform reason or, CBC being
        // malleable, decrypts to a different plaintext: it never yields the original.
        String hex = GivingBlock.encrypt(key, plaintext);
        String changed = changeOneChar(hex, random, "0123456789abcdef");
        byte[] body = ("{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"" + changed + "\"}").getBytes(StandardCharsets.UTF_8);
        Throwable thrown = catchThrowable(() -> {
            Verified<GivingBlockEvent> tampered = decryptor.verify(TestSupport.request(body));
            assertThat(tampered.body()).isNotEqualTo(plaintext);
        });
        if (thrown instanceof WebhookRejectedException e) {
            assertThat(e.reason()).isIn(Reason.UNDECRYPTABLE_PAYLOAD, Reason.MALFORMED_TIMESTAMP, Reason.TIMESTAMP_TOO_OLD,
                    Reason.TIMESTAMP_IN_FUTURE, Reason.MISSING_TIMESTAMP);
        } else {
            assertThat(thrown).isNull();
        }

        GivingBlockKey other = GivingBlockKey.of(random.hex(32), random.hex(16));
        Throwable wrongKey = catchThrowable(() -> decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", other, plaintext))));
        assertThat(wrongKey).isInstanceOfSatisfying(WebhookRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNDECRYPTABLE_PAYLOAD));
    }

    static byte[] flipOneByte(byte[] bytes, RandomInputs random) {
        byte[] changed = bytes.clone();
        int at = random.nextInt(changed.length);
        changed[at] = (byte) (changed[at] ^ (1 + random.nextInt(255)));
        return changed;
    }

    /** Replaces one character by a different one from the alphabet, or by any other char when the alphabet is null. */
    static String changeOneChar(String text, RandomInputs random, String alphabet) {
        int at = random.nextInt(text.length());
        char original = text.charAt(at);
        char replacement;
        do {
            replacement = alphabet == null ? (char) (0x20 + random.nextInt(0x5F)) : alphabet.charAt(random.nextInt(alphabet.length()));
        } while (replacement == original || Character.toLowerCase(replacement) == Character.toLowerCase(original));
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }
}
