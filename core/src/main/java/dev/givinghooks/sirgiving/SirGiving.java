package dev.givinghooks.sirgiving;

import dev.givinghooks.SecretVerifierSettings;
import dev.givinghooks.SignatureVerifier;
import dev.givinghooks.VerifierSettings;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.HmacSha256;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.Hex;
import dev.givinghooks.internal.Keyring;
import dev.givinghooks.internal.Secrets;
import dev.givinghooks.internal.Window;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Entry point for SIR Giving webhooks: verifiers for incoming deliveries and the signature
 * computation a test double or fixture needs.
 *
 * <pre>{@code
 * WebhookVerifier<SirGivingEvent> sir = SirGiving.verifier("whsec_...");
 * Verified<SirGivingEvent> verified = sir.verify(WebhookRequest.of(headers, body));
 * }</pre>
 *
 * <p>A delivery carries {@value #TIMESTAMP_HEADER} (unix seconds) and {@value #SIGNATURE_HEADER}
 * ({@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}).
 */
public final class SirGiving {
    /*
     * Wire facts (SIR Giving partner-API wiki, "Webhooks"): the signed message is the timestamp
     * header exactly as received, a dot and the raw body bytes; the signature is "sha256=" and
     * lowercase hex. The key bytes are not stated: the reference verifier keys Node's createHmac
     * with the whole secret string, so WHOLE is the default, and the two other readings are
     * options. The webhook page states no tolerance; the partner API's 5 minutes is the default,
     * applied in both directions.
     */

    /** The header carrying the signature: {@code sha256=<64 hex digits>}. */
    public static final String SIGNATURE_HEADER = "X-SIR-Signature";
    /** The header carrying the unix time in seconds that is signed with the body. */
    public static final String TIMESTAMP_HEADER = "X-SIR-Timestamp";
    /** The signature header's prefix. */
    public static final String SIGNATURE_PREFIX = "sha256=";
    /** The default replay window, applied both to the past and the future. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The default body size limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = VerifierSettings.DEFAULT_MAX_BODY_BYTES;

    private static final String SECRET_PREFIX = "whsec_";

    private SirGiving() {
    }

    /**
     * How the bytes of the HMAC key are derived from a {@code whsec_...} secret.
     */
    public enum KeyMode {
        /** The UTF-8 bytes of the whole secret, {@code whsec_} included (the default). */
        WHOLE,
        /** The hex-decoded part after {@code whsec_}. */
        HEX_SUFFIX,
        /** The UTF-8 bytes of the part after {@code whsec_}. */
        UTF8_SUFFIX;

        byte[] keyBytes(String secret) {
            if (this == WHOLE) {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
            if (!secret.startsWith(SECRET_PREFIX)) {
                throw new IllegalArgumentException("secret does not start with " + SECRET_PREFIX + ", which key mode " + this + " needs");
            }
            String suffix = secret.substring(SECRET_PREFIX.length());
            if (this == UTF8_SUFFIX) {
                return suffix.getBytes(StandardCharsets.UTF_8);
            }
            byte[] key = Hex.decode(suffix);
            if (key == null) {
                throw new IllegalArgumentException("secret is not " + SECRET_PREFIX + " followed by hex, which key mode HEX_SUFFIX needs");
            }
            return key;
        }
    }

    /**
     * Returns a verifier for one secret with every default: whole-secret key bytes, a 5-minute
     * window both ways, a 1 MiB body limit, the system UTC clock and the JDK's crypto.
     *
     * @param secret the webhook secret ({@code whsec_...})
     * @return an immutable, thread-safe verifier
     * @throws IllegalArgumentException if the secret is blank or shorter than 16 bytes
     */
    public static WebhookVerifier<SirGivingEvent> verifier(String secret) {
        return verifierBuilder().secrets(secret).build();
    }

    /**
     * Returns a signature verifier for one secret with every default: it checks a delivery's
     * signature and timestamp without reading its body.
     *
     * @param secret the webhook secret ({@code whsec_...})
     * @return an immutable, thread-safe signature verifier
     * @throws IllegalArgumentException if the secret is blank or shorter than 16 bytes
     */
    public static SignatureVerifier signatureVerifier(String secret) {
        return verifierBuilder().secrets(secret).buildSignatureVerifier();
    }

    /**
     * Returns a builder for a verifier with several secrets, a secret supplier, another key mode,
     * window, clock, body limit or crypto provider.
     *
     * @return a new builder
     */
    public static Builder verifierBuilder() {
        return new Builder();
    }

    /**
     * Computes the {@value #SIGNATURE_HEADER} value for a body, with whole-secret key bytes.
     * For fixtures and test doubles; it prepares a key per call, so verifiers do not use it.
     *
     * @param secret the webhook secret
     * @param timestamp the {@value #TIMESTAMP_HEADER} value exactly as it will be sent
     * @param body the exact body bytes
     * @return {@code sha256=} and 64 lowercase hex digits
     */
    public static String sign(String secret, String timestamp, byte[] body) {
        return sign(secret, KeyMode.WHOLE, timestamp, body);
    }

    /**
     * Computes the {@value #SIGNATURE_HEADER} value for a body under a key mode.
     *
     * @param secret the webhook secret
     * @param keyMode how key bytes are derived from the secret
     * @param timestamp the {@value #TIMESTAMP_HEADER} value exactly as it will be sent
     * @param body the exact body bytes
     * @return {@code sha256=} and 64 lowercase hex digits
     * @throws IllegalArgumentException if the secret is blank or does not suit the key mode
     */
    public static String sign(String secret, KeyMode keyMode, String timestamp, byte[] body) {
        byte[] key = Secrets.check(secret, keyMode.keyBytes(secret), true);
        return SIGNATURE_PREFIX + Hex.encode(HmacSha256.of(key, null).compute(signedPrefix(timestamp), body));
    }

    static byte[] signedPrefix(String timestamp) {
        return (timestamp + ".").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Builds a SIR Giving verifier: the secrets, clock, body limit and crypto provider of
     * {@link SecretVerifierSettings}, plus the key mode and window. Not thread-safe;
     * {@link #build()} returns an immutable snapshot, so one builder may build several verifiers.
     */
    public static final class Builder extends SecretVerifierSettings<Builder> {
        private KeyMode keyMode = KeyMode.WHOLE;
        private Duration tolerance = DEFAULT_TOLERANCE;

        private Builder() {
        }

        /**
         * Sets how key bytes are derived from a secret; {@link KeyMode#WHOLE} by default.
         *
         * @param keyMode the key mode
         * @return this builder
         */
        public Builder keyMode(KeyMode keyMode) {
            this.keyMode = Objects.requireNonNull(keyMode, "keyMode");
            return this;
        }

        /**
         * Sets the replay window, applied to the past and to the future; 5 minutes by default.
         *
         * @param tolerance a positive duration
         * @return this builder
         */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Validates the settings and returns an immutable, thread-safe verifier.
         *
         * @return the verifier
         * @throws IllegalArgumentException naming the problem (never a secret's value): no
         *         secrets, a blank or short secret, a secret unfit for the key mode, a
         *         non-positive window or body limit
         */
        public WebhookVerifier<SirGivingEvent> build() {
            return verifier();
        }

        /**
         * Validates the settings and returns an immutable, thread-safe verifier of signatures
         * and timestamps alone, which does not read the body.
         *
         * @return the signature verifier
         * @throws IllegalArgumentException as {@link #build()} does
         */
        public SignatureVerifier buildSignatureVerifier() {
            return verifier();
        }

        private SirGivingVerifier verifier() {
            Window.positive("tolerance", tolerance);
            int maxBodyBytes = Checks.positiveBodyLimit(configuredMaxBodyBytes());
            KeyMode mode = keyMode;
            Provider provider = configuredCryptoProvider();
            boolean allowShort = shortSecretsAllowed();
            Function<String, HmacSha256> prepare = secret -> HmacSha256.of(Secrets.check(secret, mode.keyBytes(secret), allowShort), provider);
            Keyring<String, HmacSha256> keyring = Keyring.of(configuredKeys(), configuredKeySupplier(), prepare, "secrets");
            return new SirGivingVerifier(keyring, tolerance, configuredClock(), maxBodyBytes);
        }
    }
}
