package dev.givinghooks.testsupport.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {
    private static final String SECRET = "whsec_" + "5ec2e7".repeat(10) + "abcd";
    private static final String SIGNATURE = "sha256=" + "0f1e2d3c4b5a6978".repeat(4);

    @TempDir
    Path dir;

    private void ledger() throws Exception {
        Files.writeString(dir.resolve("ledger-1.txt"), "SIR Giving secret\t" + SECRET + "\nChuffed signature\t" + SIGNATURE + "\n");
    }

    @Test
    void cleanOutputPasses() throws Exception {
        ledger();
        Files.writeString(dir.resolve("output-1.log"), "INFO delivery evt_1 processed\nWARN signature mismatch for SIR Giving\n");
        Files.writeString(dir.resolve("responses-1.log"), "--- 401\nContent-Type: application/problem+json\n\n{\"reason\":\"SIGNATURE_MISMATCH\"}\n");

        SecretScan.Report report = SecretScan.scan(dir);

        assertEquals(List.of(), report.hits());
        assertEquals(2, report.values());
        assertEquals(1, report.answers());
        assertTrue(report.summary().endsWith("none found"), report.summary());
    }

    @Test
    void findsEveryFormInOutputAndAnswers() throws Exception {
        ledger();
        String hexOfSignature = SIGNATURE.substring("sha256=".length());
        Files.writeString(dir.resolve("output-1.log"), String.join("\n",
                "line one",
                "DEBUG configured with " + SECRET,
                "DEBUG expected " + hexOfSignature.toUpperCase(),
                "DEBUG key " + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hexOfSignature)),
                "DEBUG secret as base64 " + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
        Files.writeString(dir.resolve("responses-1.log"), "--- 401\nX-Expected: " + SIGNATURE + "\n\n{}\n");

        List<String> hits = SecretScan.scan(dir).hits();

        assertEquals(List.of(
                "output-1.log line 2: SIR Giving secret",
                "output-1.log line 3: Chuffed signature",
                "output-1.log line 4: Chuffed signature",
                "output-1.log line 5: SIR Giving secret",
                "responses-1.log line 2: Chuffed signature"), hits);
        hits.forEach(hit -> assertFalse(hit.contains(hexOfSignature) || hit.contains(SECRET), "a hit shows the value: " + hit));
    }

    @Test
    void findsAnExceptionMessageRecordedByFlightRecorder() throws Exception {
        ledger();
        Path jfr = dir.resolve("exceptions-1.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow").withoutStackTrace();
            recording.start();
            try {
                throw new IllegalArgumentException("bad signature, expected " + SIGNATURE);
            } catch (IllegalArgumentException caught) {
                // caught at once, as a leak usually is: the recording still has its message
            }
            recording.dump(jfr);
        }

        SecretScan.Report report = SecretScan.scan(dir);

        assertTrue(report.exceptions() >= 1, report.summary());
        assertTrue(report.hits().stream().anyMatch(hit -> hit.startsWith("exceptions-1.jfr line ") && hit.endsWith(": Chuffed signature")),
                report.hits().toString());
    }

    @Test
    void picocliProbingAnArgumentAsANumberIsNotALeakButAnyOtherNumberFormatExceptionIs() throws Exception {
        ledger();
        Path jfr = dir.resolve("exceptions-1.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow").withStackTrace();
            recording.start();
            assertFalse(picocli.CommandLine.probe(SECRET)); // the message quotes the secret, inside the parser
            try {
                Long.parseLong(SECRET); // the same message thrown by anyone else
            } catch (NumberFormatException elsewhere) {
                // caught: still recorded
            }
            recording.dump(jfr);
        }

        SecretScan.Report report = SecretScan.scan(dir);

        assertEquals(1, report.probes(), report.summary());
        assertEquals(1, report.hits().size(), report.hits().toString());
    }

    @Test
    void mainFailsOnAHitWithoutPrintingTheValue() throws Exception {
        ledger();
        Files.writeString(dir.resolve("output-1.log"), "leaked " + SECRET + "\n");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> SecretScan.main(new String[] {dir.toString()}));

        assertTrue(failure.getMessage().contains("output-1.log line 1: SIR Giving secret"), failure.getMessage());
        assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
    }

    @Test
    void outputWithoutALedgerCannotPass() throws Exception {
        Files.writeString(dir.resolve("output-1.log"), "a run that made no secret\n");

        assertThrows(IllegalStateException.class, () -> SecretScan.scan(dir));
    }

    @Test
    void noRecordsAtAllIsNothingToScan() throws Exception {
        assertEquals(List.of(), SecretScan.scan(dir.resolve("absent")).hits());
    }
}
