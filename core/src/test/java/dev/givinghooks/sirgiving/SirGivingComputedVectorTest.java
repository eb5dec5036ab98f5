package dev.givinghooks.sirgiving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.TestSupport;
import dev.givinghooks.TestSupport.Crypto;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The computed SIR Giving webhook vectors of PROVIDERS.md §4 (not published by SIR Giving), one
 * per key mode, under the JDK's crypto and under BouncyCastle.
 */
class SirGivingComputedVectorTest {
    // PROVIDERS.md §4: H, 64 hex digits.
    static final String H = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    // PROVIDERS.md §4: the webhook secret is "whsec_" + H.
    static final String SECRET = "whsec_" + H;
    // PROVIDERS.md §4: X-SIR-Timestamp 1746876000 (2025-05-10T11:20:00Z).
    static final String TIMESTAMP = "1746876000";
    // PROVIDERS.md §4: the body, the documented envelope example with a concrete actionId.
    static final String BODY = "{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\",\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50}}";
    // PROVIDERS.md §4: default key mode, UTF-8 of the whole secret.
    static final String WHOLE = "sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f";
    // PROVIDERS.md §4: key = hex-decoded part after "whsec_".
    static final String HEX_SUFFIX = "sha256=bfca0a70ca11d2665da4359be3d80497d60302f289cc7463f2df5d31fd009a78";
    // PROVIDERS.md §4: key = UTF-8 of the part after "whsec_".
    static final String UTF8_SUFFIX = "sha256=585e81582c1fa418f5beedd2a9de537516107a4db826fe66200d4a7f8119d684";

    static Stream<Arguments> vectors() {
        return Stream.of(SirGiving.KeyMode.values()).flatMap(mode -> Stream.of(Crypto.values()).map(crypto -> Arguments.of(mode, crypto,
                switch (mode) {
                    case WHOLE -> WHOLE;
                    case HEX_SUFFIX -> HEX_SUFFIX;
                    case UTF8_SUFFIX -> UTF8_SUFFIX;
                })));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("vectors")
    void signsToTheVector(SirGiving.KeyMode mode, Crypto crypto, String expected) {
        assertThat(SirGiving.sign(SECRET, mode, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        if (mode == SirGiving.KeyMode.WHOLE) {
            assertThat(SirGiving.sign(SECRET, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("vectors")
    void verifiesTheVector(SirGiving.KeyMode mode, Crypto crypto, String expected) {
        SirGiving.Builder builder = SirGiving.verifierBuilder().secrets(SECRET).keyMode(mode)
                .clock(TestSupport.fixedAt(Long.parseLong(TIMESTAMP)));
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        WebhookVerifier<SirGivingEvent> verifier = builder.build();

        Verified<SirGivingEvent> verified = verifier.verify(TestSupport.request(BODY.getBytes(StandardCharsets.UTF_8),
                SirGiving.TIMESTAMP_HEADER, TIMESTAMP, SirGiving.SIGNATURE_HEADER, expected));

        assertThat(verified.keyIndex()).isZero();
        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_abc123");
        assertThat(verified.event().type()).isEqualTo("action.completed");
        assertThat(verified.body()).asString(StandardCharsets.UTF_8).isEqualTo(BODY);
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("vectors")
    void verifiesTheVectorInUpperCaseHex(SirGiving.KeyMode mode, Crypto crypto, String expected) {
        SirGiving.Builder builder = SirGiving.verifierBuilder().secrets(SECRET).keyMode(mode)
                .clock(TestSupport.fixedAt(Long.parseLong(TIMESTAMP)));
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        String upper = SirGiving.SIGNATURE_PREFIX + expected.substring(SirGiving.SIGNATURE_PREFIX.length()).toUpperCase();

        Verified<SirGivingEvent> verified = builder.build().verify(TestSupport.request(BODY.getBytes(StandardCharsets.UTF_8),
                SirGiving.TIMESTAMP_HEADER, TIMESTAMP, SirGiving.SIGNATURE_HEADER, upper));

        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_abc123");
    }
}
