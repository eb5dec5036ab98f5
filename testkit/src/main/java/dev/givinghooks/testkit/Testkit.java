package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.SignatureVerifier;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The testkit's entry point: credentials, fixture builders, matching verifiers and the catalogue,
 * all derived from one clock and one seed.
 *
 * <pre>{@code
 * Testkit kit = Testkit.create();                       // fixed clock, fixed seed
 * Fixture delivery = kit.sirGiving().actionCompleted().tokensDistributed(50).signed();
 * Verified<SirGivingEvent> v = kit.sirGivingVerifier().verify(delivery.toWebhookRequest());
 * }</pre>
 *
 * <p>Two testkits created with the same clock and seed produce byte-identical fixtures for the
 * same sequence of calls. Default ids come from the seeded sequence, so every fixture built gets
 * fresh ids. Thread-safe; fixtures built concurrently get distinct but order-dependent ids.
 */
public final class Testkit {
    /** The instant of {@link #create()}'s fixed clock. */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-05-10T09:12:00Z");
    /** The seed of {@link #create()}. */
    public static final long DEFAULT_SEED = 20260510L;
    /** The body limit of the testkit's verifiers and of the oversized-body variants: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final Clock clock;
    private final long seed;
    private final int maxBodyBytes;
    private final Credentials credentials;
    private final SplittableRandom ids;

    private Testkit(Clock clock, long seed, int maxBodyBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seed = seed;
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        this.maxBodyBytes = maxBodyBytes;
        SplittableRandom root = new SplittableRandom(seed);
        this.credentials = Credentials.random(root.split());
        this.ids = root.split();
    }

    /**
     * Returns a testkit on a clock fixed at {@link #DEFAULT_NOW} with {@link #DEFAULT_SEED}.
     *
     * @return the testkit
     */
    public static Testkit create() {
        return create(Clock.fixed(DEFAULT_NOW, ZoneOffset.UTC), DEFAULT_SEED);
    }

    /**
     * Returns a testkit whose fixtures carry the clock's time and whose credentials and ids come
     * from the seed.
     *
     * @param clock the clock for timestamps (a fixed clock makes fixtures reproducible)
     * @param seed the seed for credentials and ids
     * @return the testkit
     */
    public static Testkit create(Clock clock, long seed) {
        return new Testkit(clock, seed, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * Returns a testkit like this one (same clock, seed and credentials, ids from the start of
     * the sequence) with another body limit.
     *
     * @param limit the body limit, at least 1024 bytes
     * @return a new testkit
     */
    public Testkit withMaxBodyBytes(int limit) {
        return new Testkit(clock, seed, limit);
    }

    /**
     * Returns the clock fixtures are timestamped with and verifiers check against.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the body limit of the verifiers and of the oversized-body variants.
     *
     * @return the limit in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Returns the credentials derived from the seed.
     *
     * @return the credentials
     */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Returns the builders of SIR Giving events.
     *
     * @return the SIR Giving fixtures
     */
    public SirGivingFixtures sirGiving() {
        return new SirGivingFixtures(this);
    }

    /**
     * Returns the builders of The Giving Block events.
     *
     * @return The Giving Block fixtures
     */
    public GivingBlockFixtures givingBlock() {
        return new GivingBlockFixtures(this);
    }

    /**
     * Returns the builders of Chuffed events.
     *
     * @return the Chuffed fixtures
     */
    public ChuffedFixtures chuffed() {
        return new ChuffedFixtures(this);
    }

    /**
     * Returns a SIR Giving verifier accepting the current and previous secret (key index 0 and 1),
     * with the default window, on this testkit's clock and body limit.
     *
     * @return a new verifier
     */
    public WebhookVerifier<SirGivingEvent> sirGivingVerifier() {
        return SirGiving.verifierBuilder().secrets(credentials.sirGivingSecrets()).clock(clock).maxBodyBytes(maxBodyBytes).build();
    }

    /**
     * Returns a The Giving Block decryptor accepting the current and previous key pair, with the
     * default windows, on this testkit's clock and body limit.
     *
     * @return a new decryptor
     */
    public WebhookVerifier<GivingBlockEvent> givingBlockDecryptor() {
        List<GivingBlockKey> keys = credentials.givingBlockKeys().stream().map(Credentials.KeyPair::toKey).toList();
        return GivingBlock.decryptorBuilder().keys(keys).clock(clock).maxBodyBytes(maxBodyBytes).build();
    }

    /**
     * Returns a Chuffed verifier accepting the current and previous secret, on this testkit's body
     * limit.
     *
     * @return a new verifier
     */
    public WebhookVerifier<ChuffedEvent> chuffedVerifier() {
        return Chuffed.verifierBuilder().secrets(credentials.chuffedSecrets()).clock(clock).maxBodyBytes(maxBodyBytes).build();
    }

    /**
     * Returns the matching verifier for a provider.
     *
     * @param provider the provider
     * @return a new verifier
     */
    public WebhookVerifier<? extends WebhookEvent> verifier(Provider provider) {
        return switch (provider) {
            case SIR_GIVING -> sirGivingVerifier();
            case GIVING_BLOCK -> givingBlockDecryptor();
            case CHUFFED -> chuffedVerifier();
        };
    }

    /**
     * Returns a signature-only verifier for a signed provider, set up like {@link #verifier}: the
     * current and previous secret, this testkit's clock and body limit.
     *
     * @param provider {@link Provider#SIR_GIVING} or {@link Provider#CHUFFED}
     * @return a new signature verifier
     * @throws IllegalArgumentException for The Giving Block, whose deliveries are encrypted, not signed
     */
    public SignatureVerifier signatureVerifier(Provider provider) {
        return switch (provider) {
            case SIR_GIVING -> SirGiving.verifierBuilder().secrets(credentials.sirGivingSecrets()).clock(clock)
                    .maxBodyBytes(maxBodyBytes).buildSignatureVerifier();
            case CHUFFED -> Chuffed.verifierBuilder().secrets(credentials.chuffedSecrets()).maxBodyBytes(maxBodyBytes)
                    .buildSignatureVerifier();
            case GIVING_BLOCK -> throw new IllegalArgumentException("The Giving Block's deliveries are encrypted, not signed");
        };
    }

    /**
     * Returns the catalogue: for every provider its positive variants (every documented event,
     * rotated credentials, unicode) and its negative variants, each tagged with its expected
     * outcome. Each call builds fresh fixtures with fresh ids.
     *
     * @return the variants, in a stable order
     */
    public List<Variant> catalogue() {
        return new Catalogue(this).all();
    }

    /**
     * Returns the catalogue's variants of one provider.
     *
     * @param provider the provider
     * @return the variants, in a stable order
     */
    public List<Variant> catalogue(Provider provider) {
        return new Catalogue(this).of(provider);
    }

    Instant now() {
        return clock.instant();
    }

    synchronized long nextLong() {
        return ids.nextLong();
    }

    synchronized long nextLong(long origin, long bound) {
        return ids.nextLong(origin, bound);
    }

    String nextHex(int bytes) {
        byte[] raw = new byte[bytes];
        synchronized (this) {
            ids.nextBytes(raw);
        }
        return HexFormat.of().formatHex(raw);
    }

    String nextUuid() {
        long msb = (nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Shows clock and seed; never a credential. */
    @Override
    public String toString() {
        return "Testkit[now=" + clock.instant() + ", seed=" + seed + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
