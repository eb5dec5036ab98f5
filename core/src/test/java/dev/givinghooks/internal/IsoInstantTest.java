package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.RandomInputs;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link IsoInstant} must agree with {@code OffsetDateTime.parse(text).toInstant()} on every
 * input: the same instant, or a {@link java.time.format.DateTimeParseException} where the JDK
 * throws one. Checked on fixed edge cases and on random texts built near the common shape, so
 * that most of them take the short path and many are invalid in exactly one place.
 */
class IsoInstantTest {
    private static final int CASES = 300;
    private static final int TEXTS_PER_CASE = 200;

    static Stream<Long> seeds() {
        return RandomInputs.seeds(CASES);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-05-10T09:12:00Z", "2026-05-10T09:12:00.482Z", "2026-05-10T09:12:00.123456789Z",
        "2026-05-10T09:12:00.1234567891Z", "2026-05-10T09:12:00.Z", "2026-05-10T09:12:00+10:00",
        "2026-05-10T09:12:00-03:30", "2026-05-10T09:12:00+18:00", "2026-05-10T09:12:00+18:01",
        "2026-05-10T09:12:00-18:00", "2026-05-10T09:12:00+19:00", "2026-05-10T09:12:00+05:60",
        "2026-05-10T09:12:00+05:30:15", "2026-05-10T09:12:00-00:00", "2026-05-10t09:12:00z",
        "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2000-02-29T23:59:59Z", "1900-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-05-10T24:00:00Z", "2026-05-10T23:60:00Z", "2026-05-10T23:59:60Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999-18:00", "+12026-05-10T09:12:00Z", "-0001-05-10T09:12:00Z",
        "2026-05-10T09:12Z", "2026-05-10T09:12:00", "2026-05-10 09:12:00Z", "2026-05-10T09:12:00ZZ",
        "2026-05-10T09:12:00\u0663Z", "2026-05-1\u0660T09:12:00Z", "", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z", "2026-05-10T09:12:00.5+01:00"})
    void agreesWithTheJdkOnEdgeCases(String text) {
        assertAgrees(text);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithTheJdkOnRandomTexts(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < TEXTS_PER_CASE; i++) {
            assertAgrees(nearlyIso(random));
        }
    }

    private static void assertAgrees(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            assertThatThrownBy(() -> IsoInstant.parse(text)).as(text).isInstanceOf(e.getClass());
            return;
        }
        assertThat(IsoInstant.parse(text)).as(text).isEqualTo(expected);
    }

    /** A date-time in the common shape with random (often out-of-range) fields, sometimes mutated once. */
    private static String nearlyIso(SplittableRandom random) {
        StringBuilder text = new StringBuilder()
                .append(pad(random.nextInt(10_000), 4)).append('-')
                .append(pad(random.nextInt(14), 2)).append('-')
                .append(pad(random.nextInt(33), 2)).append('T')
                .append(pad(random.nextInt(26), 2)).append(':')
                .append(pad(random.nextInt(62), 2)).append(':')
                .append(pad(random.nextInt(62), 2));
        if (random.nextBoolean()) {
            text.append('.');
            int digits = random.nextInt(11);
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        switch (random.nextInt(3)) {
            case 0 -> text.append('Z');
            case 1 -> text.append(random.nextBoolean() ? '+' : '-')
                    .append(pad(random.nextInt(20), 2)).append(':').append(pad(random.nextInt(62), 2));
            default -> { }
        }
        if (random.nextInt(4) == 0) {
            int at = random.nextInt(text.length());
            String alphabet = "0123456789-+:.TZtz \u0661";
            text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String pad(int value, int width) {
        return String.format("%0" + width + "d", value);
    }
}
