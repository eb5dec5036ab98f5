package dev.givinghooks.chuffed;

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
import java.util.function.Function;

/**
 * Entry point for Chuffed webhooks: verifiers for incoming deliveries and the signature
 * computation a test double or fixture needs.
 *
 * <pre>{@code
 * WebhookVerifier<ChuffedEvent> chuffed = Chuffed.verifier("the secret you chose");
 * Verified<ChuffedEvent> verified = chuffed.verify(WebhookRequest.of(headers, body));
 * }</pre>
 *
 * <p>A delivery carries {@value #SIGNATURE_HEADER}: the hex HMAC-SHA256 of the raw body, keyed
 * with the UTF-8 bytes of the secret. There is no timestamp, so deduplication is the only replay
 * defence; an optional maximum age on the signed {@code created_at} can bound replays beyond the
 * deduplication retention.
 */
public final class Chuffed {
    /*
     * Wire facts (Chuffed developer portal, "Webhooks"): header "Signature", "a SHA256 value"
     * computed over the payload with a secret the customer chose, read as hex HMAC-SHA256 keyed
     * with the secret's UTF-8 bytes; no prefix, no timestamp. The docs' pseudo-code compares with
     * '!=': we compare decoded bytes in constant time. Retries run about two days, hence the
     * 72-hour deduplication default in the adapters.
     */

    /** The header carrying the hex HMAC-SHA256 of the body. */
    public static final String SIGNATURE_HEADER = "Signature";
    /** The default body size limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = VerifierSettings.DEFAULT_MAX_BODY_BYTES;

    private Chuffed() {
    }

    /**
     * Returns a verifier for one secret with every default: no age limit, a 1 MiB body limit,
     * the JDK's crypto.
     *
     * @param secret the secret chosen in Chuffed's dashboard
     * @return an immutable, thread-safe verifier
     * @throws IllegalArgumentException if the secret is blank or shorter than 16 bytes
     */
    public static WebhookVerifier<ChuffedEvent> verifier(String secret) {
        return verifierBuilder().secrets(secret).build();
    }

    /**
     * Returns a signature verifier for one secret with every default: it checks a delivery's
     * signature without reading its body.
     *
     * @param secret the secret chosen in Chuffed's dashboard
     * @return an immutable, thread-safe signature verifier
     * @throws IllegalArgumentException if the secret is blank or shorter than 16 bytes
     */
    public static SignatureVerifier signatureVerifier(String secret) {
        return verifierBuilder().secrets(secret).buildSignatureVerifier();
    }

    /**
     * Returns a builder for a verifier with several secrets, a secret supplier, a maximum age,
     * clock, body limit or crypto provider.
     *
     * @return a new builder
     */
    public static Builder verifierBuilder() {
        return new Builder();
    }

    /**
     * Computes the {@value #SIGNATURE_HEADER} value for a body. For fixtures and test doubles; it
     * prepares a key per call, so verifiers do not use it.
     *
     * @param secret the secret
     * @param body the exact body bytes
     * @return 64 lowercase hex digits
     * @throws IllegalArgumentException if the secret is blank
     */
    public static String sign(String secret, byte[] body) {
        byte[] key = Secrets.check(secret, secret.getBytes(StandardCharsets.UTF_8), true);
        return Hex.encode(HmacSha256.of(key, null).compute(null, body));
    }

    /**
     * Builds a Chuffed verifier. Not thread-safe; {@link #build()} returns an immutable snapshot.
     */
    public static final class Builder extends SecretVerifierSettings<Builder> {
        private Duration maxAge;

        private Builder() {
        }

        /**
         * Refuses donations whose signed {@code created_at} is older than this (or further than
         * five minutes in the future). Off by default, because payments such as direct debits can
         * be confirmed days after the donation was created; when on, a body without a readable
         * {@code created_at} is refused.
         *
         * @param maxAge a positive duration
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Window.positive("maxAge", maxAge);
            return this;
        }

        /**
         * Validates the settings and returns an immutable, thread-safe verifier.
         *
         * @return the verifier
         * @throws IllegalArgumentException naming the problem (never a secret's value)
         */
        public WebhookVerifier<ChuffedEvent> build() {
            return verifier();
        }

        /**
         * Validates the settings and returns an immutable, thread-safe verifier of signatures
         * alone, which does not read the body.
         *
         * @return the signature verifier
         * @throws IllegalArgumentException naming the problem (never a secret's value)
         * @throws IllegalStateException if a maximum age is set: it is checked against the body's
         *         {@code created_at}, which only {@link #build()}'s verifier reads
         */
        public SignatureVerifier buildSignatureVerifier() {
            if (maxAge != null) {
                throw new IllegalStateException("maxAge is checked against the body's created_at, which a signature verifier does not read; use build()");
            }
            return verifier();
        }

        private ChuffedVerifier verifier() {
            int maxBodyBytes = Checks.positiveBodyLimit(configuredMaxBodyBytes());
            Provider provider = configuredCryptoProvider();
            boolean allowShort = shortSecretsAllowed();
            Function<String, HmacSha256> prepare = secret -> HmacSha256.of(
                    Secrets.check(secret, secret.getBytes(StandardCharsets.UTF_8), allowShort), provider);
            Keyring<String, HmacSha256> keyring = Keyring.of(configuredKeys(), configuredKeySupplier(), prepare, "secrets");
            return new ChuffedVerifier(keyring, maxAge, configuredClock(), maxBodyBytes, provider);
        }
    }
}
