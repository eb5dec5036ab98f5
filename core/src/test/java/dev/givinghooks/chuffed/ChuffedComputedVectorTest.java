package dev.givinghooks.chuffed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.TestSupport;
import dev.givinghooks.TestSupport.Crypto;
import dev.givinghooks.Verified;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The computed Chuffed vector of PROVIDERS.md §4 (an HMAC vector, not published by Chuffed),
 * under the JDK's crypto and under BouncyCastle.
 */
class ChuffedComputedVectorTest {
    // PROVIDERS.md §4: the secret (20 bytes, so no short-secret option is needed).
    static final String SECRET = "my super cool secret";
    // PROVIDERS.md §4: the body; not a documented Chuffed payload, its "event" field is not one Chuffed sends.
    static final String BODY = "{\"event\":\"donation.created\",\"data\":{\"id\":1}}";
    // PROVIDERS.md §4: lowercase hex HMAC-SHA256(UTF-8(secret), body).
    static final String SIGNATURE = "73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77dc";

    @ParameterizedTest
    @EnumSource(Crypto.class)
    void signsAndVerifiesTheVector(Crypto crypto) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(Chuffed.sign(SECRET, body)).isEqualTo(SIGNATURE);

        Chuffed.Builder builder = Chuffed.verifierBuilder().secrets(SECRET);
        if (crypto.provider() != null) {
            builder.cryptoProvider(crypto.provider());
        }
        Verified<ChuffedEvent> verified = builder.build().verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, SIGNATURE));
        assertThat(verified.keyIndex()).isZero();
        assertThat(verified.idempotencyKey()).isEqualTo("chuffed:1:0");

        Verified<ChuffedEvent> upper = builder.build().verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, SIGNATURE.toUpperCase()));
        assertThat(upper.idempotencyKey()).isEqualTo("chuffed:1:0");
    }
}
