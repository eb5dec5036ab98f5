package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.RandomInputs;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Utf8#isValid} agrees with the JDK's strict UTF-8 decoder on mostly-ASCII texts with
 * multi-byte characters and bad bytes at every offset, so that the eight-bytes-at-a-time ASCII
 * skip is exercised on both sides of every word boundary.
 */
class Utf8Test {
    private static final byte[][] PIECES = {
        "é".getBytes(StandardCharsets.UTF_8), "漢".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
    };

    static Stream<Long> seeds() {
        return RandomInputs.seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithTheJdkDecoder(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int text = 0; text < 50; text++) {
            ByteBuffer bytes = ByteBuffer.allocate(256);
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(8) == 0) {
                    bytes.put(PIECES[random.nextInt(PIECES.length)]);
                } else {
                    bytes.put((byte) random.nextInt(0x20, 0x7F));
                }
            }
            byte[] candidate = java.util.Arrays.copyOf(bytes.array(), bytes.position());
            assertThat(Utf8.isValid(candidate)).as(java.util.HexFormat.of().formatHex(candidate)).isEqualTo(jdkAccepts(candidate));
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
