package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.TestSupport;
import dev.givinghooks.TestSupport.Crypto;
import dev.givinghooks.chuffed.Chuffed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The computed plain HMAC-SHA256 vector of PROVIDERS.md §4, on the HMAC primitive and through a
 * Chuffed verifier (the scheme that is a bare HMAC of the body), under the JDK and BouncyCastle.
 */
class HmacComputedVectorTest {
    // PROVIDERS.md §4: the key "abc" (3 bytes: short secrets must be allowed explicitly).
    static final String KEY = "abc";
    // PROVIDERS.md §4: the message.
    static final String BODY = "{\"a\":\"1\"}";
    // PROVIDERS.md §4: lowercase hex HMAC-SHA256("abc", body).
    static final String MAC = "345611a3626cf5e080a7a412184001882ab231b8bdb465dc76dbf709f01f210a";

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void primitiveComputesTheVector(Crypto crypto) {
        HmacSha256 hmac = HmacSha256.of(KEY.getBytes(StandardCharsets.UTF_8), crypto.provider());
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(Hex.encode(hmac.compute(null, body))).isEqualTo(MAC);
        // The prefix is hashed before the body, as for SIR's "timestamp." prefix.
        assertThat(Hex.encode(hmac.compute("{\"a\"".getBytes(StandardCharsets.UTF_8), ":\"1\"}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(MAC);
        assertThat(hmac.matches(null, body, Hex.decode(MAC))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void chuffedVerifierAcceptsTheVectorWithShortSecretsAllowed(Crypto crypto) {
        Chuffed.Builder builder = Chuffed.verifierBuilder().secrets(KEY).allowInsecureShortSecrets();
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        assertThat(Chuffed.sign(KEY, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(MAC);
        assertThat(builder.build().verify(TestSupport.request(BODY.getBytes(StandardCharsets.UTF_8), Chuffed.SIGNATURE_HEADER, MAC))
                .keyIndex()).isZero();
    }
}
