package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.run;
import static dev.givinghooks.cli.Cli.utf8;
import static dev.givinghooks.cli.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.sirgiving.SirGiving;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class VerifyCommandTest {

    private static Cli.Run verifySir(byte[] body, String signature, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP, "--header", "X-SIR-Signature: " + signature));
        args.addAll(List.of(more));
        if (!args.contains("--now")) {
            args.addAll(List.of("--now", SIR_NOW));
        }
        return run(body, args.toArray(String[]::new));
    }

    @Test
    void sirGivingVectorVerifiesAndPrintsOneJsonLine() {
        Cli.Run result = verifySir(utf8(SIR_BODY), SIR_SIGNATURE_WHOLE);

        assertThat(result.exit()).isZero();
        assertThat(result.stderr()).isEmpty();
        JsonNode json = result.json();
        assertThat(json.propertyNames()).containsExactly("verified", "provider", "type", "id", "keyIndex", "event");
        assertThat(json.get("verified").booleanValue()).isTrue();
        assertThat(json.get("provider").stringValue()).isEqualTo("sir-giving");
        assertThat(json.get("type").stringValue()).isEqualTo("action.completed");
        assertThat(json.get("id").stringValue()).isEqualTo("sir-giving:evt_abc123");
        assertThat(json.get("keyIndex").intValue()).isZero();
        // The event is the typed record's components; whichever record types it, it keeps the id.
        assertThat(json.get("event").isObject()).isTrue();
        assertThat(json.get("event").get("id").stringValue()).isEqualTo("evt_abc123");
    }

    @ParameterizedTest
    @CsvSource({
        "whole, sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f",
        "hex-suffix, sha256=bfca0a70ca11d2665da4359be3d80497d60302f289cc7463f2df5d31fd009a78",
        "utf8-suffix, sha256=585e81582c1fa418f5beedd2a9de537516107a4db826fe66200d4a7f8119d684"
    })
    void sirGivingKeyModeVectorsVerifyOnlyUnderTheirMode(String mode, String signature) {
        assertThat(verifySir(utf8(SIR_BODY), signature, "--key-mode", mode).exit()).isZero();
        String other = mode.equals("whole") ? "hex-suffix" : "whole";
        Cli.Run wrongMode = verifySir(utf8(SIR_BODY), signature, "--key-mode", other);
        assertThat(wrongMode.exit()).isEqualTo(1);
        assertThat(wrongMode.json().get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
    }

    @Test
    void rejectionPrintsReasonAndDetailAndExitsOne() {
        Cli.Run result = verifySir(utf8(SIR_BODY.replace("act_1", "act_2")), SIR_SIGNATURE_WHOLE);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr()).isEmpty();
        JsonNode json = result.json();
        assertThat(json.propertyNames()).containsExactly("verified", "provider", "reason", "detail");
        assertThat(json.get("verified").booleanValue()).isFalse();
        assertThat(json.get("provider").stringValue()).isEqualTo("sir-giving");
        assertThat(json.get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
        assertThat(json.get("detail").stringValue()).isNotBlank();
    }

    @Test
    void sirGivingWithoutFixedClockIsTooOldAndToleranceWidensTheWindow() {
        String[] base = {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
            "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP, "--header", "X-SIR-Signature: " + SIR_SIGNATURE_WHOLE};
        Cli.Run live = run(utf8(SIR_BODY), base);
        assertThat(live.exit()).isEqualTo(1);
        assertThat(live.json().get("reason").stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");

        assertThat(verifySir(utf8(SIR_BODY), SIR_SIGNATURE_WHOLE, "--now", "2025-05-10T11:30:00Z").json().get("reason")
                .stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");
        assertThat(verifySir(utf8(SIR_BODY), SIR_SIGNATURE_WHOLE, "--now", "2025-05-10T11:30:00Z", "--tolerance", "PT15M")
                .exit()).isZero();
        assertThat(verifySir(utf8(SIR_BODY), SIR_SIGNATURE_WHOLE, "--now", "2025-05-10T11:10:00Z").json().get("reason")
                .stringValue()).isEqualTo("TIMESTAMP_IN_FUTURE");
    }

    /** Regression: a tolerance near the range of long seconds overflowed the window check and exited 3. */
    @Test
    void aHugeToleranceSaturatesInsteadOfOverflowing() {
        for (String tolerance : new String[] {"PT2562047788015215H", "PT2562047788015215H30M7S"}) {
            Cli.Run run = verifySir(utf8(SIR_BODY), SIR_SIGNATURE_WHOLE, "--now", "2025-05-10T11:30:00Z", "--tolerance", tolerance);
            assertThat(run.exit()).as(tolerance + ": " + run.stderr()).isZero();
        }
    }

    @Test
    void sirGivingMissingAndMalformedHeadersAreReasons() {
        Cli.Run missing = run(utf8(SIR_BODY), "verify", "--provider", "sir-giving", "--secret", SIR_SECRET, "--now", SIR_NOW);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.json().get("reason").stringValue()).isEqualTo("MISSING_SIGNATURE");

        Cli.Run duplicated = verifySir(utf8(SIR_BODY), SIR_SIGNATURE_WHOLE, "--header", "x-sir-signature: " + SIR_SIGNATURE_WHOLE);
        assertThat(duplicated.json().get("reason").stringValue()).isEqualTo("MALFORMED_SIGNATURE");

        Cli.Run noTimestamp = run(utf8(SIR_BODY), "verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                "--header", "X-SIR-Signature: " + SIR_SIGNATURE_WHOLE);
        assertThat(noTimestamp.json().get("reason").stringValue()).isEqualTo("MISSING_TIMESTAMP");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndValuesTrimmed() {
        Cli.Run result = run(utf8(SIR_BODY), "verify", "--provider", "sir-giving", "--secret", SIR_SECRET, "--now", SIR_NOW,
                "--header", "x-sir-timestamp:" + SIR_TIMESTAMP, "--header", "X-Sir-Signature: \t" + SIR_SIGNATURE_WHOLE + " ");
        assertThat(result.exit()).isZero();
    }

    @Test
    void secretRotationReportsTheIndexOfTheSecretThatMatched() {
        Cli.Run result = run(utf8(SIR_BODY), "verify", "--provider", "sir-giving", "--secret", "whsec_" + "f".repeat(64),
                "--secret", SIR_SECRET, "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP,
                "--header", "X-SIR-Signature: " + SIR_SIGNATURE_WHOLE, "--now", SIR_NOW);
        assertThat(result.exit()).isZero();
        assertThat(result.json().get("keyIndex").intValue()).isEqualTo(1);
    }

    @Test
    void givingBlockOfficialVectorDecryptsAtTheFixedTime() {
        Cli.Run result = run(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV,
                "--now", TGB_NOW);

        assertThat(result.exit()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("provider").stringValue()).isEqualTo("giving-block");
        assertThat(json.get("type").stringValue()).isEqualTo("DEPOSIT_TRANSACTION");
        assertThat(json.get("id").stringValue()).isEqualTo("giving-block:" + TGB_PLAINTEXT_SHA256);
        assertThat(json.get("keyIndex").intValue()).isZero();
        assertThat(json.get("event").isObject()).isTrue();
    }

    @Test
    void givingBlockOfficialVectorIsTooOldOnTheRealClock() {
        Cli.Run result = run(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.json().get("reason").stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");
    }

    @Test
    void givingBlockToleranceIsTheMaximumAge() {
        String[] args = {"verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV,
            "--now", "2021-12-29T14:00:00Z", "--tolerance", "PT3H"};
        assertThat(run(utf8(TGB_BODY), args).exit()).isZero();
        Cli.Run tight = run(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV,
                "--now", "2021-12-29T12:00:00Z", "--tolerance", "PT1M");
        assertThat(tight.json().get("reason").stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");
    }

    @Test
    void givingBlockKeyRotationReportsThePairIndex() {
        Cli.Run result = run(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", "00".repeat(32), "--iv", "00".repeat(16),
                "--key", TGB_KEY, "--iv", TGB_IV, "--now", TGB_NOW);
        assertThat(result.exit()).isZero();
        assertThat(result.json().get("keyIndex").intValue()).isEqualTo(1);
    }

    @Test
    void givingBlockWrongKeyIsUndecryptable() {
        Cli.Run result = run(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", "00".repeat(32), "--iv", TGB_IV,
                "--now", TGB_NOW);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.json().get("reason").stringValue()).isEqualTo("UNDECRYPTABLE_PAYLOAD");
    }

    @Test
    void chuffedVectorVerifies() {
        Cli.Run result = run(utf8(CHUFFED_BODY), "verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                "--header", "Signature: " + CHUFFED_SIGNATURE);

        assertThat(result.exit()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("provider").stringValue()).isEqualTo("chuffed");
        assertThat(json.get("id").stringValue()).isEqualTo("chuffed:1:0");
        assertThat(json.get("type").isString()).isTrue();
        assertThat(json.get("event").isObject()).isTrue();
    }

    @Test
    void chuffedUppercaseSignatureVerifiesAndWrongSecretDoesNot() {
        assertThat(run(utf8(CHUFFED_BODY), "verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                "--header", "Signature: " + CHUFFED_SIGNATURE.toUpperCase(java.util.Locale.ROOT)).exit()).isZero();
        Cli.Run wrong = run(utf8(CHUFFED_BODY), "verify", "--provider", "chuffed", "--secret", "another secret of ours",
                "--header", "Signature: " + CHUFFED_SIGNATURE);
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.json().get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
    }

    @Test
    void bodyFromFileIsTheSameAsFromStdin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("body.json");
        Files.write(file, utf8(CHUFFED_BODY));
        Cli.Run result = run(new byte[0], "verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                "--header", "Signature: " + CHUFFED_SIGNATURE, "--body-file", file.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.json().get("id").stringValue()).isEqualTo("chuffed:1:0");
    }

    /**
     * Bodies that are binary, not UTF-8, or end in CRLF reach the verifier byte for byte: the
     * HMAC passes (a changed byte would be SIGNATURE_MISMATCH), and a body that is not JSON is
     * then refused as the authentic-but-malformed MALFORMED_PAYLOAD.
     */
    @Test
    void stdinIsReadByteExact() {
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            binary.write(b);
        }
        binary.write(new byte[] {'\r', '\n', 0, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\r'}, 0, 7);
        byte[] notJson = binary.toByteArray();
        String secret = "a chuffed secret, long enough";

        Cli.Run result = run(notJson, "verify", "--provider", "chuffed", "--secret", secret,
                "--header", "Signature: " + Chuffed.sign(secret, notJson));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.json().get("reason").stringValue()).isEqualTo("MALFORMED_PAYLOAD");

        byte[] crlfJson = utf8("{\"id\":\"evt_crlf\",\r\n\"type\":\"t\u00e9st.\u2603\",\"data\":{\"n\":\"\ud83d\ude00\"}}\r\n");
        Cli.Run sir = run(crlfJson, "verify", "--provider", "sir-giving", "--secret", SIR_SECRET, "--now", SIR_NOW,
                "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP,
                "--header", "X-SIR-Signature: " + SirGiving.sign(SIR_SECRET, SIR_TIMESTAMP, crlfJson));
        assertThat(sir.exit()).isZero();
        assertThat(sir.json().get("type").stringValue()).isEqualTo("t\u00e9st.\u2603");
        assertThat(sir.json().get("event").get("rawData").stringValue()).contains("\ud83d\ude00");

        byte[] stripped = java.util.Arrays.copyOf(crlfJson, crlfJson.length - 2);
        Cli.Run changed = run(stripped, "verify", "--provider", "sir-giving", "--secret", SIR_SECRET, "--now", SIR_NOW,
                "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP,
                "--header", "X-SIR-Signature: " + SirGiving.sign(SIR_SECRET, SIR_TIMESTAMP, crlfJson));
        assertThat(changed.json().get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
    }

    @Test
    void emptyStdinIsAnEmptyBody() {
        Cli.Run result = run(new byte[0], "verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                "--header", "Signature: " + Chuffed.sign(CHUFFED_SECRET, new byte[0]));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.json().get("reason").stringValue()).isEqualTo("MALFORMED_PAYLOAD");
    }

    @Test
    void oversizedBodyIsRejectedWithItsSize() {
        byte[] big = new byte[1024 * 1024 + 1];
        Cli.Run result = run(big, "verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                "--header", "Signature: " + CHUFFED_SIGNATURE);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.json().get("reason").stringValue()).isEqualTo("BODY_TOO_LARGE");
        assertThat(result.json().get("detail").stringValue()).contains(Integer.toString(big.length));
    }
}
