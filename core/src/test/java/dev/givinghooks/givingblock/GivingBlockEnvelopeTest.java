package dev.givinghooks.givingblock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.RandomInputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope read without a parser ({@link GivingBlockEnvelope#plain}) either declines or reads
 * exactly what Jackson reads ({@link GivingBlockEnvelope#streamed}), on random envelopes built to
 * provoke it: members in any order, extra and repeated members, escapes in names and values,
 * quotes smuggled into the payload, non-ASCII, byte-order marks, trailing data, any whitespace.
 */
class GivingBlockEnvelopeTest {
    private static final String HEX = "0a1B2c3D4e5F60718293a4b5c6d7e8f9";
    private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t", "\r\n", "  \n  "};
    private static final String[] TYPES = {
        "DEPOSIT_TRANSACTION", "MERCHANT_STATUS_EVENT", "", "d\u00e9p\u00f4t", "a\\\"b", "\\u0041B", "tab\there", "x\\\\"};
    private static final String[] PAYLOADS = {
        HEX, HEX.toUpperCase(), HEX.substring(1), "", "zz" + HEX, "\\u0030" + HEX.substring(1),
        HEX + "\\\",\\\"eventType\\\":\\\"X", HEX + "\",\"extra\":\"" + HEX, HEX + "\u00e9"};
    private static final String[] NAMES = {"\"eventType\"", "\"payload\"", "\"\\u0070ayload\"", "\"PAYLOAD\"", "\"other\""};

    static Stream<Long> seeds() {
        return RandomInputs.seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theParserFreeReadDeclinesOrAgreesWithJackson(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50; i++) {
            byte[] body = envelope(random).getBytes(StandardCharsets.UTF_8);
            GivingBlockEnvelope plain = GivingBlockEnvelope.plain(body);
            if (plain != null) {
                GivingBlockEnvelope streamed = GivingBlockEnvelope.streamed(body);
                String text = new String(body, StandardCharsets.UTF_8);
                assertThat(streamed).as(text).isNotNull();
                assertThat(plain.eventType()).as(text).isEqualTo(streamed.eventType());
                assertThat(plain.ciphertext()).as(text).isEqualTo(streamed.ciphertext());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"HEX\"}",
        "{\"payload\":\"HEX\",\"eventType\":\"DEPOSIT_TRANSACTION\"}",
        " \r\n{ \"eventType\" :\t\"DEPOSIT_TRANSACTION\" ,\n \"payload\" : \"HEX\" }\n",
        "{\n  \"payload\": \"HEX\",\n  \"eventType\": \"MERCHANT_STATUS_EVENT\"\n}"})
    void theEnvelopesTheGivingBlockSendsAreReadWithoutAParser(String layout) {
        byte[] body = layout.replace("HEX", HEX).getBytes(StandardCharsets.UTF_8);
        GivingBlockEnvelope plain = GivingBlockEnvelope.plain(body);
        assertThat(plain).isNotNull();
        assertThat(plain.ciphertext()).isEqualTo(java.util.HexFormat.of().parseHex(HEX));
        assertThat(plain.eventType()).isEqualTo(GivingBlockEnvelope.streamed(body).eventType());
    }

    @Test
    void theBuildersEnvelopeIsReadWithoutAParser() {
        byte[] body = GivingBlock.envelope("DEPOSIT_TRANSACTION", GivingBlockDecryptorTest.KEY, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(GivingBlockEnvelope.plain(body)).isNotNull();
    }

    /** An envelope-like text: usually close to the real thing, often wrong in one or more places. */
    private static String envelope(SplittableRandom random) {
        List<String> members = new ArrayList<>();
        members.add(member(random, "\"eventType\"", "\"" + pick(random, TYPES) + "\""));
        members.add(member(random, "\"payload\"", "\"" + pick(random, PAYLOADS) + "\""));
        int extra = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < extra; i++) {
            String value = random.nextBoolean() ? "\"" + pick(random, PAYLOADS) + "\"" : random.nextBoolean() ? "12" : "{\"payload\":\"00\"}";
            members.add(member(random, pick(random, NAMES), value));
        }
        if (random.nextInt(8) == 0) {
            members.remove(random.nextInt(members.size()));
        }
        Collections.shuffle(members, new java.util.Random(random.nextLong()));
        StringBuilder json = new StringBuilder();
        if (random.nextInt(20) == 0) {
            json.append('\ufeff');
        }
        json.append(pick(random, WHITESPACE)).append('{').append(pick(random, WHITESPACE));
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                json.append(pick(random, WHITESPACE)).append(random.nextInt(30) == 0 ? ";" : ",").append(pick(random, WHITESPACE));
            }
            json.append(members.get(i));
        }
        json.append(pick(random, WHITESPACE)).append('}').append(pick(random, WHITESPACE));
        if (random.nextInt(20) == 0) {
            json.append(random.nextBoolean() ? "}" : "x");
        }
        return json.toString();
    }

    private static String member(SplittableRandom random, String name, String value) {
        return name + pick(random, WHITESPACE) + ':' + pick(random, WHITESPACE) + value;
    }

    private static String pick(SplittableRandom random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
