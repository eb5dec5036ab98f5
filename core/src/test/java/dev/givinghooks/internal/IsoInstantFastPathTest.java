package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The short path on its own: for the shape providers send it must give the JDK's instant, and
 * for anything outside its shape (or invalid) it must step aside with {@code null}, so that the
 * JDK decides. Through {@code parse} alone, a short path that stepped aside too often would go
 * unnoticed.
 */
class IsoInstantFastPathTest {
    private static String two(int value) {
        return String.format("%02d", value);
    }

    @Test
    void takesEveryValidDateTimeOfTheCommonShapeAndAgreesWithTheJdk() {
        SplittableRandom random = new SplittableRandom(42);
        int[] lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        for (int i = 0; i < 10_000; i++) {
            int year = i % 50 == 0 ? random.nextInt(0, 3) * 4000 + random.nextInt(0, 2) : random.nextInt(0, 10_000);
            int month = random.nextInt(1, 13);
            boolean leap = java.time.Year.isLeap(year);
            int last = month == 2 && leap ? 29 : lengths[month - 1];
            int day = random.nextBoolean() ? last : random.nextInt(1, last + 1);
            int hour = random.nextBoolean() ? random.nextInt(0, 2) * 23 : random.nextInt(0, 24);
            int minute = random.nextBoolean() ? random.nextInt(0, 2) * 59 : random.nextInt(0, 60);
            int second = random.nextBoolean() ? random.nextInt(0, 2) * 59 : random.nextInt(0, 60);
            int fraction = random.nextInt(0, 10);
            StringBuilder text = new StringBuilder(String.format("%04d-%s-%sT%s:%s:%s", year, two(month), two(day), two(hour), two(minute), two(second)));
            if (fraction > 0) {
                text.append('.');
                for (int d = 0; d < fraction; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> text.append('Z');
                case 1 -> text.append(random.nextBoolean() ? "+18:00" : "-18:00");
                default -> text.append(random.nextBoolean() ? '+' : '-').append(two(random.nextInt(0, 18))).append(':').append(two(random.nextInt(0, 60)));
            }
            String value = text.toString();
            assertThat(IsoInstant.common(value)).as(value).isEqualTo(OffsetDateTime.parse(value).toInstant());
        }
    }

    @Test
    void stepsAsideForInvalidFieldsAndOtherShapes() {
        String[] outside = {
            "2026-00-10T09:12:00Z", "2026-13-10T09:12:00Z", "2026-05-00T09:12:00Z", "2026-05-32T09:12:00Z", "2026-04-31T09:12:00Z",
            "2025-02-29T09:12:00Z", "2100-02-29T09:12:00Z", "2026-05-10T24:00:00Z", "2026-05-10T09:60:00Z", "2026-05-10T09:12:60Z",
            "2026-05-10T09:12:00+19:00", "2026-05-10T09:12:00+18:01", "2026-05-10T09:12:00+05:60", "2026-05-10T09:12:00-19:00",
            "2026-05-10T09:12:00.1234567890Z", "2026-05-10T09:12:00.Z", "2026-05-10T09:12:00z", "2026-05-10t09:12:00Z",
            "2026-05-10T09:12:00", "2026-05-10T09:12Z", "2026-05-10 09:12:00Z", "2026/05/10T09:12:00Z", "2026-05-10T09-12-00Z",
            "2026-05-10T09:12:00+0500", "2026-05-10T09:12:00+05:00:00", "2026-05-10T09:12:00UTC", "2026-05-10T09:12:00ZZ",
            "+2026-05-10T09:12:00Z", "12026-05-10T09:12:00Z", "2026-05-10T09:12:00.12a4Z", "2026-05-10T09:12:00Z ", "",
        };
        for (String text : outside) {
            assertThat(IsoInstant.common(text)).as(text).isNull();
        }
    }

    @Test
    void aCharacterJustOutsideTheDigitsInAnyPlaceStepsAside() {
        String good = "2026-05-10T09:12:34.567+05:30";
        int[] digitPositions = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 24, 25, 27, 28};
        for (int at : digitPositions) {
            for (char neighbour : new char[] {'/', ':'}) { // the characters just below '0' and just above '9'
                String text = good.substring(0, at) + neighbour + good.substring(at + 1);
                assertThat(IsoInstant.common(text)).as(text).isNull();
                boolean jdkRefuses;
                try {
                    OffsetDateTime.parse(text);
                    jdkRefuses = false;
                } catch (DateTimeParseException e) {
                    jdkRefuses = true;
                }
                assertThat(jdkRefuses).as("the JDK refuses " + text + " too").isTrue();
            }
        }
        assertThat(IsoInstant.common(good)).isEqualTo(OffsetDateTime.parse(good).toInstant());
    }
}
