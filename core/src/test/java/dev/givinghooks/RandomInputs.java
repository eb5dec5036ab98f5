package dev.givinghooks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A small seeded generator for core's property tests (core cannot depend on the testkit). Every
 * value comes from one {@link SplittableRandom}, so a failing case is reproduced from its seed,
 * which the parameterised tests show in their display name.
 *
 * <p>To rerun with other seeds, pass {@code -Dgivinghooks.seed=<base>}; to reproduce one case,
 * construct {@code new RandomInputs(seed)} with the seed printed in the failing test's name.
 */
public final class RandomInputs {
    /** The base seed: fixed so that {@code verify} is reproducible, overridable for exploration. */
    public static final long BASE_SEED = Long.getLong("givinghooks.seed", 0x5EED_2026L);

    private final SplittableRandom random;

    public RandomInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * One JSON scalar as text, chosen to provoke mappers: nulls, booleans, text, numbers as
     * strings, fractions, exponents far beyond any range, an ISO instant, a huge integer.
     */
    public static String jsonScalar(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "\"text\"";
            case 3 -> "\"" + random.nextLong() + "\"";
            case 4 -> Long.toString(random.nextLong());
            case 5 -> "1.5";
            case 6 -> "1e999999999";
            case 7 -> "-0.0e-999999999";
            case 8 -> "\"2026-05-10T09:12:00Z\"";
            default -> "99999999999999999999999";
        };
    }

    /** {@code count} seeds derived from the base seed. */
    public static Stream<Long> seeds(int count) {
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        return LongStream.range(0, count).map(i -> seeds.nextLong()).boxed();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong(long origin, long bound) {
        return random.nextLong(origin, bound);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    /** Random bytes of a random kind: ASCII JSON-ish text, non-ASCII text (emoji, CJK), raw binary, or empty. */
    public byte[] body() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return new byte[0];
        }
        if (kind <= 3) {
            return binary(random.nextInt(1, 600));
        }
        if (kind <= 6) {
            return text(random.nextInt(1, 200), false).getBytes(StandardCharsets.UTF_8);
        }
        return ("{\"id\":\"evt_" + random.nextInt(1_000_000) + "\",\"note\":\"" + text(random.nextInt(0, 80), true)
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object whose string values mix ASCII, accented letters, CJK and emoji. */
    public byte[] jsonObject() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(1, 6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\"f").append(i).append("\":");
            if (random.nextBoolean()) {
                json.append(random.nextLong(-1_000_000_000L, 1_000_000_000L));
            } else {
                json.append('"').append(text(random.nextInt(0, 40), true)).append('"');
            }
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] binary(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Text of {@code length} code points; {@code jsonSafe} leaves out quotes, backslashes and
     * control characters so it can sit inside a JSON string.
     */
    public String text(int length, boolean jsonSafe) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            int codePoint;
            if (pick < 5) {
                codePoint = random.nextInt(0x20, 0x7F);
            } else if (pick < 7) {
                codePoint = random.nextInt(0xC0, 0x250);
            } else if (pick < 8) {
                codePoint = random.nextInt(0x4E00, 0x9FFF);
            } else if (pick < 9) {
                codePoint = random.nextInt(0x1F300, 0x1FAFF);
            } else {
                codePoint = jsonSafe ? ' ' : random.nextInt(0, 0x20);
            }
            if (jsonSafe && (codePoint == '"' || codePoint == '\\')) {
                codePoint = '_';
            }
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    /** A secret of at least 16 UTF-8 bytes, sometimes with non-ASCII characters. */
    public String secret() {
        return switch (random.nextInt(3)) {
            case 0 -> "whsec_" + hex(32);
            case 1 -> text(random.nextInt(16, 64), true).strip() + "0123456789abcdef";
            default -> hex(random.nextInt(8, 64));
        };
    }

    /** Lowercase hex of {@code bytes} random bytes. */
    public String hex(int bytes) {
        return java.util.HexFormat.of().formatHex(binary(bytes));
    }

    /** Unix seconds between 2001 and 2286 (ten digits). */
    public long unixSeconds() {
        return random.nextLong(1_000_000_000L, 9_999_999_999L);
    }
}
