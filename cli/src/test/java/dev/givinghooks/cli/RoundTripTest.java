package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.run;
import static dev.givinghooks.cli.Cli.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Seeded property: whatever {@code sign} produces, {@code verify} accepts with the same
 * credentials, and refuses after any single-byte change. Bodies are random JSON with non-ASCII
 * text and CRLF, and (for the HMAC providers) random binary, which verifies its HMAC and is then
 * refused as MALFORMED_PAYLOAD. The seed is in each case's name.
 */
class RoundTripTest {
    private static final long SEED = 0x6976696e67L;
    private static final int CASES_PER_PROVIDER = 40;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Random seeds = new Random(SEED);
        for (Provider provider : Provider.values()) {
            for (int i = 0; i < CASES_PER_PROVIDER; i++) {
                cases.add(Arguments.of(provider, seeds.nextLong()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("cases")
    void signThenVerify(Provider provider, long seed) {
        Random random = new Random(seed);
        boolean binary = provider != Provider.GIVING_BLOCK && random.nextInt(4) == 0;
        byte[] body = binary ? randomBytes(random) : randomJson(random, provider);
        List<String> credentials = credentials(provider, random);

        List<String> sign = new ArrayList<>(List.of("sign", "--provider", provider.id()));
        sign.addAll(credentials);
        Cli.Run signed = run(body, sign.toArray(String[]::new));
        assertThat(signed.exit()).as(signed.stderr()).isZero();
        JsonNode json = signed.json();
        byte[] delivered = Base64.getDecoder().decode(json.get("bodyBase64").stringValue());

        List<String> verify = new ArrayList<>(List.of("verify", "--provider", provider.id(), "--now", Cli.NOW.toString()));
        verify.addAll(credentials);
        json.get("headers").properties().forEach(header -> {
            verify.add("--header");
            verify.add(header.getKey() + ": " + header.getValue().stringValue());
        });
        Cli.Run verified = run(delivered, verify.toArray(String[]::new));
        if (binary) {
            assertThat(verified.exit()).isEqualTo(ExitCodes.REJECTED);
            assertThat(verified.json().get("reason").stringValue()).isEqualTo("MALFORMED_PAYLOAD");
        } else {
            assertThat(verified.exit()).as(verified.out()).isZero();
            assertThat(verified.json().get("provider").stringValue()).isEqualTo(provider.id());
        }

        byte[] tampered = delivered.clone();
        int at = tamperPosition(provider, delivered, random);
        tampered[at] = (byte) (tampered[at] == '0' ? '1' : provider == Provider.GIVING_BLOCK ? '0' : tampered[at] ^ (1 + random.nextInt(255)));
        Cli.Run refused = run(tampered, verify.toArray(String[]::new));
        assertThat(refused.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(refused.json().get("reason").stringValue())
                .isEqualTo(provider == Provider.GIVING_BLOCK ? "UNDECRYPTABLE_PAYLOAD" : "SIGNATURE_MISMATCH");
    }

    private static List<String> credentials(Provider provider, Random random) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        String hex = HexFormat.of().formatHex(material);
        return switch (provider) {
            case SIR_GIVING -> List.of("--secret", "whsec_" + hex);
            case CHUFFED -> List.of("--secret", "chuffed \u00e9 " + hex.substring(0, 10 + random.nextInt(40)));
            case GIVING_BLOCK -> {
                byte[] iv = new byte[16];
                random.nextBytes(iv);
                yield List.of("--key", hex, "--iv", HexFormat.of().formatHex(iv));
            }
        };
    }

    /** For The Giving Block, a hex digit inside the payload; otherwise any byte. */
    private static int tamperPosition(Provider provider, byte[] delivered, Random random) {
        if (provider != Provider.GIVING_BLOCK) {
            return random.nextInt(delivered.length);
        }
        String envelope = new String(delivered, java.nio.charset.StandardCharsets.UTF_8);
        int start = envelope.indexOf("\"payload\":\"") + "\"payload\":\"".length();
        int end = envelope.indexOf('"', start);
        // The last block holds the padding: a change there can never decrypt to valid JSON.
        return end - 1 - random.nextInt(32);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] randomJson(Random random, Provider provider) {
        StringBuilder json = new StringBuilder("{");
        json.append(switch (provider) {
            case SIR_GIVING -> "\"id\":\"evt_" + Long.toHexString(random.nextLong()) + "\",\"type\":\"action.completed\",";
            case GIVING_BLOCK -> "\"eventTimestamp\":" + Instant.parse(Cli.NOW.toString()).minusSeconds(random.nextInt(3000)).toEpochMilli()
                    + ",\"id\":\"" + Long.toHexString(random.nextLong()) + "\",";
            case CHUFFED -> "\"data\":{\"id\":" + (1 + random.nextInt(1_000_000)) + "},";
        });
        json.append(random.nextBoolean() ? "\r\n" : "");
        json.append("\"text\":\"").append(randomText(random)).append("\",\"n\":").append(random.nextInt()).append('}');
        if (random.nextBoolean()) {
            json.append("\r\n");
        }
        return utf8(json.toString());
    }

    private static String randomText(Random random) {
        String alphabet = "abcXYZ 019 \u00e9\u00df\u20ac\u2603\ud83d\ude00<>&'/";
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}
