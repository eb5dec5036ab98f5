package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.RandomInputs;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Hex} decoder agrees with {@link HexFormat#parseHex} (either case): the same bytes
 * for hex text, {@code null} where it throws, including characters that alias a hex digit in
 * their low byte (U+0130, U+FF10) and bytes above ASCII.
 */
class HexTest {
    private static final String ALPHABET = "0123456789abcdefABCDEFgG \u00ff\u0130\u0230\uff10\u0660";

    static Stream<Long> seeds() {
        return RandomInputs.seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDecoderAgreesWithHexFormat(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int text = 0; text < 20; text++) {
            StringBuilder hex = new StringBuilder();
            int length = random.nextInt(40);
            boolean clean = random.nextBoolean();
            for (int i = 0; i < length; i++) {
                hex.append(ALPHABET.charAt(random.nextInt(clean ? 22 : ALPHABET.length())));
            }
            String candidate = hex.toString();
            byte[] expected = parseHex(candidate);

            assertThat(Hex.decode(candidate)).as(candidate).isEqualTo(expected);
            char[] padded = ("xy" + candidate + "z").toCharArray();
            assertThat(Hex.decode(padded, 2, candidate.length())).as(candidate).isEqualTo(expected);
            byte[] utf8 = ("xy" + candidate + "z").getBytes(StandardCharsets.UTF_8);
            int bytes = utf8.length - 3;
            // As UTF-8 a character above ASCII is two or three bytes, none of them a hex digit.
            byte[] expectedFromBytes = candidate.chars().allMatch(c -> c < 0x80) ? expected : null;
            assertThat(Hex.decode(utf8, 2, bytes)).as(candidate).isEqualTo(expectedFromBytes);
        }
    }

    private static byte[] parseHex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
