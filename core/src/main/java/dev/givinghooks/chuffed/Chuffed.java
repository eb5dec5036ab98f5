package dev.givinghooks.chuffed;

import dev.givinghooks.SignatureVerifier;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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
    public static final class Builder {
        private List<String> secrets;
        private Function<? super WebhookRequest, ? extends List<String>> secretSupplier;
        private Duration maxAge;
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Provider cryptoProvider;
        private boolean allowShortSecrets;

        private Builder() {
        }

        /**
         * Sets the secrets to try, in order (rotation); the index of the one that matched is
         * reported.
         *
         * @param secrets one or more secrets
         * @return this builder
         */
        public Builder secrets(String... secrets) {
            return secrets(List.of(secrets));
        }

        /**
         * Sets the secrets to try, in order.
         *
         * @param secrets one or more secrets
         * @return this builder
         */
        public Builder secrets(List<String> secrets) {
            this.secrets = List.copyOf(secrets);
            this.secretSupplier = null;
            return this;
        }

        /**
         * Asks a supplier for the secrets to try on each request (rotation without restart,
         * per-tenant secrets). The request only selects secrets; it authenticates nothing. A
         * supplier that returns no secret, or an unusable one, makes {@code verify} throw
         * {@link IllegalStateException}.
         *
         * @param secretSupplier returns the secrets for a request
         * @return this builder
         */
        public Builder secrets(Function<? super WebhookRequest, ? extends List<String>> secretSupplier) {
            this.secretSupplier = Objects.requireNonNull(secretSupplier, "secretSupplier");
            this.secrets = null;
            return this;
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
         * Sets the clock the maximum age is checked against; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the largest body accepted; 1 MiB by default.
         *
         * @param maxBodyBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Sets the JCA provider for HMAC-SHA256 and SHA-256; the JDK's by default.
         *
         * @param cryptoProvider the provider
         * @return this builder
         */
        public Builder cryptoProvider(Provider cryptoProvider) {
            this.cryptoProvider = Objects.requireNonNull(cryptoProvider, "cryptoProvider");
            return this;
        }

        /**
         * Accepts secrets shorter than 16 bytes. Dangerous: Chuffed lets the customer choose the
         * secret, and a short one can be guessed offline from a single captured delivery.
         *
         * @return this builder
         */
        public Builder allowInsecureShortSecrets() {
            this.allowShortSecrets = true;
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
            Checks.positiveBodyLimit(maxBodyBytes);
            Provider provider = cryptoProvider;
            boolean allowShort = allowShortSecrets;
            Function<String, HmacSha256> prepare = secret -> HmacSha256.of(
                    Secrets.check(secret, secret.getBytes(StandardCharsets.UTF_8), allowShort), provider);
            Keyring<String, HmacSha256> keyring = Keyring.of(secrets, secretSupplier, prepare, "secrets");
            return new ChuffedVerifier(keyring, maxAge, clock, maxBodyBytes, provider);
        }
    }
}
