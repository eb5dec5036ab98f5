package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.sirgiving.SirGiving;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded random generators of webhook content and of signed (or encrypted) deliveries, on
 * {@link RandomGenerator}: the same seed gives the same output, so a failing case is reproduced
 * from the seed printed with it.
 *
 * <p>{@link #sample(long)} builds a random positive delivery of a random provider — random event
 * type and fields (non-ASCII and emoji included), random clock, random credentials, timestamps
 * anywhere inside the verifier's window, either configured key — and {@link #mutated(long)} a
 * random negative one with the reason it must be refused for. Stateless and thread-safe; a
 * {@code RandomGenerator} passed in is not.
 */
public final class Generators {
    private static final String[] SIR_TYPES = {"action.completed", "action.failed", "transaction.completed"};
    private static final String[] TGB_TYPES = {"DEPOSIT_TRANSACTION", "TRANSACTION_CONVERTED", "MERCHANT_STATUS_EVENT"};
    private static final String[] CURRENCIES = {"AUD", "USD", "GBP", "NZD", "EUR", "CAD"};
    private static final String[] PIECES = {"a", "Z", "7", " ", "-", "\"", "\\", "/", "\n", "\t", "é", "ß", "Ω", "—", "寄付",
        "😀", "🐕‍🦺", "\u0000", "\u2028", "{", "}", "[", "]", ":", ","};
    private static final Instant EARLIEST = Instant.parse("2001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2099-12-31T00:00:00Z");

    private Generators() {
    }

    /**
     * Returns a new seed from the system's entropy, for a run that prints it.
     *
     * @return a seed
     */
    public static long newSeed() {
        return new SplittableRandom().nextLong();
    }

    /**
     * Returns the generator that a seed stands for.
     *
     * @param seed the seed
     * @return a new generator
     */
    public static RandomGenerator random(long seed) {
        return new SplittableRandom(seed);
    }

    /**
     * Returns random bytes of a random length, any value.
     *
     * @param random the generator
     * @param maxLength the longest length
     * @return the bytes
     */
    public static byte[] bytes(RandomGenerator random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Returns random text mixing ASCII, JSON metacharacters, controls, non-ASCII letters, CJK and
     * emoji (with a zero-width joiner).
     *
     * @param random the generator
     * @param maxPieces the most pieces joined
     * @return the text
     */
    public static String text(RandomGenerator random, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /**
     * Returns a random whole-second instant between 2001 and 2099.
     *
     * @param random the generator
     * @return the instant
     */
    public static Instant instant(RandomGenerator random) {
        return Instant.ofEpochSecond(random.nextLong(EARLIEST.getEpochSecond(), LATEST.getEpochSecond()));
    }

    /**
     * Returns a random JSON value: string, integer, decimal, boolean, null, list or map, nested
     * at most {@code depth} levels.
     *
     * @param random the generator
     * @param depth the deepest nesting
     * @return the value, written by the fixture builders as JSON
     */
    public static Object jsonValue(RandomGenerator random, int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> text(random, 8);
            case 1 -> random.nextLong();
            case 2 -> BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), random.nextInt(4));
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(jsonValue(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put("k" + i + text(random, 2), jsonValue(random, depth - 1));
                }
                yield map;
            }
        };
    }

    /**
     * Builds a random positive delivery; the same seed builds the same sample.
     *
     * @param seed the seed
     * @return the sample, expected to verify with the key index it names
     */
    public static Sample sample(long seed) {
        RandomGenerator random = random(seed);
        Testkit kit = Testkit.create(Clock.fixed(instant(random), ZoneOffset.UTC), random.nextLong());
        Provider provider = Provider.values()[random.nextInt(Provider.values().length)];
        int keyIndex = random.nextInt(2);
        Fixture fixture = switch (provider) {
            case SIR_GIVING -> sirGiving(kit, random, keyIndex, randomOffset(random, SirGiving.DEFAULT_TOLERANCE, SirGiving.DEFAULT_TOLERANCE));
            case GIVING_BLOCK -> givingBlock(kit, random, keyIndex, randomOffset(random, Duration.ofHours(1), Duration.ofMinutes(5)));
            case CHUFFED -> chuffed(kit, random, keyIndex);
        };
        return new Sample(seed, kit, Variant.of("random", fixture, Expected.verified(keyIndex)));
    }

    /**
     * Builds a random negative delivery — a flipped body or ciphertext byte, a changed signature
     * digit, an unconfigured credential, or a timestamp outside the window — and the reason it
     * must be refused for; the same seed builds the same sample.
     *
     * @param seed the seed
     * @return the sample
     */
    public static Sample mutated(long seed) {
        RandomGenerator random = random(seed);
        Testkit kit = Testkit.create(Clock.fixed(instant(random), ZoneOffset.UTC), random.nextLong());
        Provider provider = Provider.values()[random.nextInt(Provider.values().length)];
        int mutation = random.nextInt(provider == Provider.CHUFFED ? 3 : 4);
        Credentials credentials = kit.credentials();
        Variant variant = switch (provider) {
            case SIR_GIVING -> switch (mutation) {
                case 0 -> flipBody(sirGiving(kit, random, 0, Duration.ZERO), random, Reason.SIGNATURE_MISMATCH);
                case 1 -> changeSignatureDigit(sirGiving(kit, random, 0, Duration.ZERO), SirGiving.SIGNATURE_HEADER, random);
                case 2 -> {
                    Fixture f = sirGiving(kit, random, 0, Duration.ZERO);
                    String ts = f.headers(SirGiving.TIMESTAMP_HEADER).get(0);
                    yield Variant.of("wrong-secret", SirGivingFixtures.sign(f.body(), Credentials.sirSecret(random), ts),
                            Expected.rejected(Reason.SIGNATURE_MISMATCH));
                }
                default -> outsideWindow(random, SirGiving.DEFAULT_TOLERANCE, SirGiving.DEFAULT_TOLERANCE,
                        offset -> sirGiving(kit, random, 0, offset));
            };
            case GIVING_BLOCK -> switch (mutation) {
                case 0, 1 -> flipCiphertext(givingBlock(kit, random, 0, Duration.ZERO), random);
                case 2 -> {
                    GivingBlockEventBuilder builder = randomGivingBlock(kit, random, Duration.ZERO);
                    yield Variant.of("wrong-key", builder.encryptedWith(Credentials.keyPair(random)),
                            Expected.rejected(Reason.UNDECRYPTABLE_PAYLOAD));
                }
                default -> outsideWindow(random, Duration.ofHours(1), Duration.ofMinutes(5),
                        offset -> givingBlock(kit, random, 0, offset));
            };
            case CHUFFED -> switch (mutation) {
                case 0 -> flipBody(chuffed(kit, random, 0), random, Reason.SIGNATURE_MISMATCH);
                case 1 -> changeSignatureDigit(chuffed(kit, random, 0), dev.givinghooks.chuffed.Chuffed.SIGNATURE_HEADER, random);
                default -> Variant.of("wrong-secret", ChuffedFixtures.sign(chuffed(kit, random, 0).body(),
                        "not-" + credentials.chuffedSecrets().get(0)), Expected.rejected(Reason.SIGNATURE_MISMATCH));
            };
        };
        return new Sample(seed, kit, variant);
    }

    /** A random offset in [-maxAge, +maxFuture], in whole seconds. */
    private static Duration randomOffset(RandomGenerator random, Duration maxAge, Duration maxFuture) {
        return Duration.ofSeconds(random.nextLong(-maxAge.toSeconds(), maxFuture.toSeconds() + 1));
    }

    private static Variant outsideWindow(RandomGenerator random, Duration maxAge, Duration maxFuture,
            java.util.function.Function<Duration, Fixture> at) {
        if (random.nextBoolean()) {
            Duration offset = maxAge.plusSeconds(1 + random.nextLong(1_000_000)).negated();
            return Variant.of("too-old", at.apply(offset), Expected.rejected(Reason.TIMESTAMP_TOO_OLD));
        }
        Duration offset = maxFuture.plusSeconds(1 + random.nextLong(1_000_000));
        return Variant.of("in-future", at.apply(offset), Expected.rejected(Reason.TIMESTAMP_IN_FUTURE));
    }

    private static Variant flipBody(Fixture fixture, RandomGenerator random, Reason reason) {
        byte[] body = fixture.body();
        body[random.nextInt(body.length)] ^= (byte) random.nextInt(1, 256);
        return Variant.of("flipped-byte", fixture.withBody(body), Expected.rejected(reason));
    }

    private static Variant flipCiphertext(Fixture fixture, RandomGenerator random) {
        String body = new String(fixture.body(), StandardCharsets.UTF_8);
        int start = body.indexOf("\"payload\":\"") + "\"payload\":\"".length();
        int end = body.indexOf('"', start);
        int position = start + random.nextInt(end - start);
        char old = body.charAt(position);
        String digits = "0123456789abcdef".replace(String.valueOf(old), "");
        char replacement = digits.charAt(random.nextInt(digits.length()));
        String changed = body.substring(0, position) + replacement + body.substring(position + 1);
        return Variant.of("flipped-ciphertext-digit", fixture.withBody(changed.getBytes(StandardCharsets.UTF_8)),
                Expected.rejected(Reason.UNDECRYPTABLE_PAYLOAD));
    }

    private static Variant changeSignatureDigit(Fixture fixture, String header, RandomGenerator random) {
        String signature = fixture.headers(header).get(0);
        int hexStart = signature.length() - 64;
        int position = hexStart + random.nextInt(64);
        String digits = "0123456789abcdef".replace(String.valueOf(signature.charAt(position)), "");
        String changed = signature.substring(0, position) + digits.charAt(random.nextInt(digits.length()))
                + signature.substring(position + 1);
        return Variant.of("changed-signature-digit", fixture.withHeaderReplaced(header, changed),
                Expected.rejected(Reason.SIGNATURE_MISMATCH));
    }

    private static Fixture sirGiving(Testkit kit, RandomGenerator random, int keyIndex, Duration offset) {
        SirGivingFixtures sir = kit.sirGiving();
        int kind = random.nextInt(SIR_TYPES.length + 1);
        SirGivingEventBuilder builder = switch (kind) {
            case 0 -> sir.actionCompleted().tokensDistributed(random.nextLong(0, 1_000_000));
            case 1 -> sir.actionFailed();
            case 2 -> sir.transactionCompleted();
            default -> sir.event(randomType(random));
        };
        for (int i = random.nextInt(4); i > 0; i--) {
            builder.data("x" + i + text(random, 3), jsonValue(random, 2));
        }
        String secret = kit.credentials().sirGivingSecrets().get(keyIndex);
        return builder.signedWith(secret, Long.toString(kit.now().plus(offset).getEpochSecond()));
    }

    private static Fixture givingBlock(Testkit kit, RandomGenerator random, int keyIndex, Duration offset) {
        return randomGivingBlock(kit, random, offset).encryptedWith(kit.credentials().givingBlockKeys().get(keyIndex));
    }

    private static GivingBlockEventBuilder randomGivingBlock(Testkit kit, RandomGenerator random, Duration offset) {
        GivingBlockFixtures tgb = kit.givingBlock();
        int kind = random.nextInt(TGB_TYPES.length + 1);
        Instant at = kit.now().plus(offset);
        GivingBlockEventBuilder builder = switch (kind) {
            case 0 -> tgb.deposit().amount(BigDecimal.valueOf(random.nextLong(1, 100_000_000), 8)).eventTimestamp(at);
            case 1 -> tgb.converted().eventTimestamp(at);
            case 2 -> tgb.merchantStatus().set("timestamp", at.toEpochMilli()).status(random.nextInt(100, 800));
            default -> tgb.event(randomType(random).toUpperCase(java.util.Locale.ROOT).replace('.', '_')).eventTimestamp(at);
        };
        for (int i = random.nextInt(4); i > 0; i--) {
            builder.set("x" + i + text(random, 3), jsonValue(random, 2));
        }
        return builder;
    }

    private static Fixture chuffed(Testkit kit, RandomGenerator random, int keyIndex) {
        ChuffedDonationBuilder builder = kit.chuffed().paymentConfirmed()
                .donation(random.nextLong(100, 10_000_000), CURRENCIES[random.nextInt(CURRENCIES.length)]);
        if (random.nextBoolean()) {
            builder.recurring(new String[] {"weekly", "monthly", "yearly"}[random.nextInt(3)], random.nextLong(1, 500));
        }
        if (random.nextBoolean()) {
            builder.perk(text(random, 6), random.nextLong(1, 10), random.nextBoolean() ? null : text(random, 6));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            builder.set("x" + i + text(random, 3), jsonValue(random, 2));
        }
        return builder.signedWith(kit.credentials().chuffedSecrets().get(keyIndex));
    }

    private static String randomType(RandomGenerator random) {
        return "x" + Long.toString(random.nextLong(1, Long.MAX_VALUE), 36) + "." + Long.toString(random.nextLong(1, 1 << 20), 36);
    }
}
