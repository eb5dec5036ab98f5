package dev.givinghooks.givingblock;

import dev.givinghooks.VerifierSettings;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.AesCbc;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.Hex;
import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Keyring;
import dev.givinghooks.internal.Window;
import java.security.Provider;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Entry point for The Giving Block webhooks: decryptors for incoming deliveries and the
 * encryption a test double or fixture needs.
 *
 * <pre>{@code
 * WebhookVerifier<GivingBlockEvent> tgb = GivingBlock.decryptor(keyHex, ivHex);
 * Verified<GivingBlockEvent> verified = tgb.verify(WebhookRequest.of(headers, body));
 * }</pre>
 *
 * <p><strong>What decryption proves.</strong> A delivery is {@code {"eventType": ..., "payload":
 * <hex AES-256-CBC ciphertext>}} with no signature: CBC without a MAC is malleable, so a payload
 * that decrypts shows only that its sender knew the key (or altered a genuine ciphertext). The
 * signed-in-plaintext {@code eventTimestamp} bounds replays (1 hour maximum age, 5 minutes
 * future skew, by default). Every failure between hex decoding and JSON parsing is reported as
 * one reason with one message, so a refusal teaches an attacker nothing (no padding oracle).
 */
public final class GivingBlock {
    /*
     * Wire facts (The Giving Block API docs, "Webhooks" and "Payload decryption", checked against
     * the official vector): AES-256-CBC with PKCS#7 padding, a 32-byte key and a static 16-byte IV
     * both shared as hex, the payload hex-encoded with no IV prefix, MAC or base64. The docs
     * suggest rejecting events older than one hour; the envelope's eventType is not encrypted and
     * so not authenticated.
     */

    /** The default maximum age of {@code eventTimestamp}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** The default allowance for an {@code eventTimestamp} ahead of the clock. */
    public static final Duration DEFAULT_FUTURE_SKEW = Duration.ofMinutes(5);
    /** The default body size limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = VerifierSettings.DEFAULT_MAX_BODY_BYTES;

    private GivingBlock() {
    }

    /**
     * Returns a decryptor for one key/IV pair with every default.
     *
     * @param keyHex the encryption key, 64 hex digits
     * @param ivHex the IV, 32 hex digits
     * @return an immutable, thread-safe verifier
     * @throws IllegalArgumentException if either value is not hex of the right length
     */
    public static WebhookVerifier<GivingBlockEvent> decryptor(String keyHex, String ivHex) {
        return decryptorBuilder().keys(GivingBlockKey.of(keyHex, ivHex)).build();
    }

    /**
     * Returns a builder for a decryptor with several key pairs, a key supplier, other windows,
     * clock, body limit or crypto provider.
     *
     * @return a new builder
     */
    public static Builder decryptorBuilder() {
        return new Builder();
    }

    /**
     * Encrypts a plaintext payload as The Giving Block does: AES-256-CBC, PKCS#7, lowercase hex.
     * For fixtures and test doubles.
     *
     * @param key the key/IV pair
     * @param plaintext the payload bytes (compact UTF-8 JSON)
     * @return the hex ciphertext
     */
    public static String encrypt(GivingBlockKey key, byte[] plaintext) {
        return Hex.encode(key.prepare(null).encrypt(plaintext));
    }

    /**
     * Builds a whole delivery body, {@code {"eventType":...,"payload":...}}, around a plaintext.
     *
     * @param eventType the envelope's event type, such as {@code DEPOSIT_TRANSACTION}
     * @param key the key/IV pair
     * @param plaintext the payload bytes (compact UTF-8 JSON)
     * @return the body bytes, compact UTF-8 JSON
     */
    public static byte[] envelope(String eventType, GivingBlockKey key, byte[] plaintext) {
        return Json.writeObject("eventType", eventType, "payload", encrypt(key, plaintext));
    }

    /**
     * Builds a The Giving Block decryptor. Not thread-safe; {@link #build()} returns an
     * immutable snapshot.
     */
    public static final class Builder extends VerifierSettings<Builder, GivingBlockKey> {
        private Duration maxAge = DEFAULT_MAX_AGE;
        private Duration futureSkew = DEFAULT_FUTURE_SKEW;

        private Builder() {
        }

        /**
         * Sets the key/IV pairs to try, in order (rotation); the index of the one that decrypted
         * is reported.
         *
         * @param keys one or more pairs
         * @return this builder
         */
        public Builder keys(GivingBlockKey... keys) {
            return keys(List.of(keys));
        }

        /**
         * Sets the key/IV pairs to try, in order.
         *
         * @param keys one or more pairs
         * @return this builder
         */
        public Builder keys(List<GivingBlockKey> keys) {
            return fixedKeys(keys);
        }

        /**
         * Asks a supplier for the key/IV pairs on each request (rotation without restart,
         * per-tenant keys). The request only selects keys; it authenticates nothing. A supplier
         * that returns none makes {@code verify} throw {@link IllegalStateException}.
         *
         * @param keySupplier returns the pairs for a request
         * @return this builder
         */
        public Builder keys(Function<? super WebhookRequest, ? extends List<GivingBlockKey>> keySupplier) {
            return suppliedKeys(keySupplier);
        }

        /**
         * Sets the maximum age of {@code eventTimestamp}; 1 hour by default, as the provider
         * suggests.
         *
         * @param maxAge a positive duration
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Sets how far ahead of the clock {@code eventTimestamp} may be; 5 minutes by default.
         *
         * @param futureSkew a positive duration
         * @return this builder
         */
        public Builder futureSkew(Duration futureSkew) {
            this.futureSkew = futureSkew;
            return this;
        }

        /**
         * Validates the settings and returns an immutable, thread-safe decryptor.
         *
         * @return the decryptor
         * @throws IllegalArgumentException naming the problem (never a key's value)
         */
        public WebhookVerifier<GivingBlockEvent> build() {
            Window.positive("maxAge", maxAge);
            Window.positive("futureSkew", futureSkew);
            int maxBodyBytes = Checks.positiveBodyLimit(configuredMaxBodyBytes());
            Provider provider = configuredCryptoProvider();
            Function<GivingBlockKey, AesCbc> prepare = key -> key.prepare(provider);
            Keyring<GivingBlockKey, AesCbc> keyring = Keyring.of(configuredKeys(), configuredKeySupplier(), prepare, "keys");
            return new GivingBlockDecryptor(keyring, maxAge, futureSkew, configuredClock(), maxBodyBytes, provider);
        }
    }
}
