package dev.givinghooks;

import java.security.Provider;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings every provider's verifier builder shares: the keys to try (a fixed list in
 * rotation order, or a supplier asked per request), the clock, the body limit and the crypto
 * provider. {@code SirGiving.Builder}, {@code Chuffed.Builder} and {@code GivingBlock.Builder}
 * extend it; the {@code protected} members are for them.
 *
 * <p>Not thread-safe; a builder's {@code build()} takes an immutable snapshot.
 *
 * @param <B> the concrete builder, returned by each setter
 * @param <K> the configured form of a key: a secret string, or a key/IV pair
 */
public abstract class VerifierSettings<B extends VerifierSettings<B, K>, K> {
    /** The default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private List<K> keys;
    private Function<? super WebhookRequest, ? extends List<K>> keySupplier;
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Provider cryptoProvider;

    /** Starts the settings with every default. */
    protected VerifierSettings() {
    }

    /**
     * Returns this builder as its concrete type.
     *
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Sets the keys to try, in order, replacing a supplier.
     *
     * @param keys one or more keys
     * @return this builder
     */
    protected final B fixedKeys(List<K> keys) {
        this.keys = List.copyOf(keys);
        this.keySupplier = null;
        return self();
    }

    /**
     * Sets the supplier asked for the keys of each request, replacing a fixed list.
     *
     * @param keySupplier returns the keys for a request
     * @return this builder
     */
    protected final B suppliedKeys(Function<? super WebhookRequest, ? extends List<K>> keySupplier) {
        this.keySupplier = Objects.requireNonNull(keySupplier, "keySupplier");
        this.keys = null;
        return self();
    }

    /**
     * Sets the clock time checks run on; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Sets the largest body accepted; 1 MiB by default. A {@link WebhookReceiver} (and so every
     * adapter) reads no more than this.
     *
     * @param maxBodyBytes a positive number of bytes
     * @return this builder
     */
    public B maxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        return self();
    }

    /**
     * Sets the JCA provider of the provider's algorithms (HMAC-SHA256, AES, SHA-256), for example
     * BouncyCastle or a FIPS provider; the JDK's, which uses CPU intrinsics, by default.
     *
     * @param cryptoProvider the provider
     * @return this builder
     */
    public B cryptoProvider(Provider cryptoProvider) {
        this.cryptoProvider = Objects.requireNonNull(cryptoProvider, "cryptoProvider");
        return self();
    }

    /**
     * Returns the fixed keys set, for {@code build()}.
     *
     * @return the keys, or {@code null} when none (or a supplier) was set
     */
    protected final List<K> configuredKeys() {
        return keys;
    }

    /**
     * Returns the key supplier set, for {@code build()}.
     *
     * @return the supplier, or {@code null} when none (or fixed keys) was set
     */
    protected final Function<? super WebhookRequest, ? extends List<K>> configuredKeySupplier() {
        return keySupplier;
    }

    /**
     * Returns the clock set, for {@code build()}.
     *
     * @return the clock
     */
    protected final Clock configuredClock() {
        return clock;
    }

    /**
     * Returns the body limit set, for {@code build()}.
     *
     * @return the limit in bytes, not yet validated
     */
    protected final int configuredMaxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Returns the crypto provider set, for {@code build()}.
     *
     * @return the provider, or {@code null} for the JDK's
     */
    protected final Provider configuredCryptoProvider() {
        return cryptoProvider;
    }
}
