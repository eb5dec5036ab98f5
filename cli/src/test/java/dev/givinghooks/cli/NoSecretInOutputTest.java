package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.run;
import static dev.givinghooks.cli.Cli.utf8;
import static dev.givinghooks.cli.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a command prints, on either stream and whatever the outcome, it never contains a
 * secret, a key, an IV, or the signature a verifier expected.
 */
class NoSecretInOutputTest {
    private static final String TAMPERED_SIR = SIR_BODY.replace("act_1", "act_9");

    static Stream<Arguments> invocations() {
        String[] sirHeaders = {"--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP, "--header", "X-SIR-Signature: " + SIR_SIGNATURE_WHOLE};
        return Stream.of(
                Arguments.of("verified", SIR_BODY, concat(new String[] {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--now", SIR_NOW}, sirHeaders)),
                Arguments.of("mismatch", TAMPERED_SIR, concat(new String[] {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--now", SIR_NOW}, sirHeaders)),
                Arguments.of("too old", SIR_BODY, concat(new String[] {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET},
                    sirHeaders)),
                Arguments.of("malformed signature", SIR_BODY, new String[] {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP, "--header", "X-SIR-Signature: sha256=" + "z".repeat(64)}),
                Arguments.of("short secret", SIR_BODY, new String[] {"verify", "--provider", "chuffed", "--secret", "tiny-secret"}),
                Arguments.of("mistyped option before a secret", SIR_BODY, new String[] {"verify", "--provider", "chuffed",
                    "--secrte", CHUFFED_SECRET}),
                Arguments.of("secret given as an option-like value", SIR_BODY, new String[] {"verify", "--provider", "chuffed",
                    "--secret=" + CHUFFED_SECRET, "--kee=" + TGB_KEY}),
                Arguments.of("tgb verified", TGB_BODY, new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY,
                    "--iv", TGB_IV, "--now", TGB_NOW}),
                Arguments.of("tgb undecryptable", TGB_BODY.replace("87af", "87ae"), new String[] {"verify", "--provider", "giving-block",
                    "--key", TGB_KEY, "--iv", TGB_IV, "--now", TGB_NOW}),
                Arguments.of("tgb bad iv", TGB_BODY, new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY,
                    "--iv", TGB_IV + "00"}),
                Arguments.of("tgb bad key", TGB_BODY, new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY + "0",
                    "--iv", TGB_IV}),
                Arguments.of("chuffed mismatch", CHUFFED_BODY + " ", new String[] {"verify", "--provider", "chuffed",
                    "--secret", CHUFFED_SECRET, "--header", "Signature: " + CHUFFED_SIGNATURE}),
                Arguments.of("sign json", SIR_BODY, new String[] {"sign", "--provider", "sir-giving", "--secret", SIR_SECRET}),
                Arguments.of("sign http", TGB_PLAINTEXT, new String[] {"sign", "--provider", "giving-block", "--key", TGB_KEY,
                    "--iv", TGB_IV, "--format", "http"}),
                Arguments.of("sign curl", CHUFFED_BODY, new String[] {"sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--format", "curl"}),
                Arguments.of("sign key mode misfit", SIR_BODY, new String[] {"sign", "--provider", "sir-giving", "--secret",
                    "whsec_not-hex-" + H, "--key-mode", "hex-suffix"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocations")
    void outputNeverContainsSecretMaterial(String name, String body, String[] args) {
        String printed = run(utf8(body), args).all();

        for (String secret : new String[] {SIR_SECRET, H, CHUFFED_SECRET, TGB_KEY, TGB_IV, "tiny-secret"}) {
            assertThat(printed).doesNotContain(secret).doesNotContain(secret.toUpperCase(Locale.ROOT));
        }
        if (!name.equals("verified") && !name.startsWith("sign")) {
            // The signature the verifier expected for the tampered bodies, and its hex alone.
            String expectedTampered = dev.givinghooks.sirgiving.SirGiving.sign(SIR_SECRET, SIR_TIMESTAMP, utf8(TAMPERED_SIR));
            String expectedChuffed = dev.givinghooks.chuffed.Chuffed.sign(CHUFFED_SECRET, utf8(CHUFFED_BODY + " "));
            assertThat(printed).doesNotContain(expectedTampered.substring(7, 20), expectedChuffed.substring(0, 12));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
