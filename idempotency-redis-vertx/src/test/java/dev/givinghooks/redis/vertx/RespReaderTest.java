package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pipeline's reader of RESP2 replies: every kind, in pieces cut anywhere, in order. */
class RespReaderTest {
    /** Seeded: a failure names its seed, and the same seed cuts the same pieces. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void repliesCutAnywhereAreReadWholeAndInOrder(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Object> expected = new ArrayList<>();
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            Object reply = randomReply(random, 0);
            expected.add(reply);
            wire.append(encode(reply));
        }
        byte[] bytes = wire.toString().getBytes(StandardCharsets.UTF_8);
        RespReader reader = new RespReader();
        List<Object> read = new ArrayList<>();
        for (int at = 0; at < bytes.length; ) {
            int piece = 1 + random.nextInt(random.nextBoolean() ? 4 : 300);
            int end = Math.min(bytes.length, at + piece);
            reader.read(Buffer.buffer(Arrays.copyOfRange(bytes, at, end)), read::add);
            at = end;
        }
        assertEquals(comparable(expected), comparable(read), "seed " + seed);
    }

    /** The replies with each error as its message, marked: errors are exceptions, equal only to themselves. */
    private static Object comparable(Object reply) {
        if (reply instanceof RespReader.ErrorReply error) {
            return "error: " + error.getMessage();
        }
        if (reply instanceof List<?> elements) {
            return elements.stream().map(RespReaderTest::comparable).toList();
        }
        return reply == null ? "null reply" : reply;
    }

    @Test
    void aReplyIsHandedOnOnlyOnceWhole() {
        RespReader reader = new RespReader();
        List<Object> read = new ArrayList<>();
        reader.read(Buffer.buffer("$10\r\nPabc"), read::add);
        reader.read(Buffer.buffer("\r\ndefg"), read::add);
        assertTrue(read.isEmpty(), "a bulk string whose bytes have not all arrived, though a CRLF has: " + read);
        reader.read(Buffer.buffer("\r\n:1\r"), read::add);
        assertEquals(List.of("Pabc\r\ndefg"), read);
        reader.read(Buffer.buffer("\n$-1\r\n+OK\r\n"), read::add);
        assertEquals(Arrays.asList("Pabc\r\ndefg", 1L, null, "OK"), read);
    }

    @Test
    void bytesThatAreNotRespAreRefused() {
        for (String wrong : List.of("!oops\r\n", ":12a\r\n", ":\r\n", "$x\r\n", ":99999999999999999999\r\n")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new RespReader().read(Buffer.buffer(wrong), reply -> { }), wrong);
            assertTrue(refused.getMessage().startsWith("Redis sent"), refused.getMessage());
        }
    }

    private static Object randomReply(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth < 2 ? 6 : 5)) {
            case 0 -> "OK";
            case 1 -> new RespReader.ErrorReply("NOSCRIPT No matching script " + random.nextInt(1000));
            case 2 -> random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            case 3 -> random.nextInt(4) == 0 ? null : randomText(random);
            case 4 -> "P" + randomText(random);
            default -> {
                List<Object> elements = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(randomReply(random, depth + 1));
                }
                yield elements;
            }
        };
    }

    /** Text with the bytes a bulk string may hold and a line may not: CR, LF, and multi-byte UTF-8. */
    private static String randomText(SplittableRandom random) {
        String alphabet = "ab\r\n:$*-+é€😀";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private static String encode(Object reply) {
        if (reply == null) {
            return "$-1\r\n";
        }
        if (reply instanceof RespReader.ErrorReply error) {
            return "-" + error.getMessage() + "\r\n";
        }
        if (reply instanceof Long number) {
            return ":" + number + "\r\n";
        }
        if (reply instanceof List<?> elements) {
            StringBuilder array = new StringBuilder("*" + elements.size() + "\r\n");
            elements.forEach(element -> array.append(encode(element)));
            return array.toString();
        }
        String text = (String) reply;
        if ("OK".equals(text)) {
            return "+OK\r\n";
        }
        return "$" + text.getBytes(StandardCharsets.UTF_8).length + "\r\n" + text + "\r\n";
    }
}
