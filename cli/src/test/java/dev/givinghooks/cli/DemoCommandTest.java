package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Expected;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    /** The demo itself: every catalogue case of every provider, over real HTTP, as expected. */
    @Test
    void demoRunsTheWholeCatalogueOverHttpAndEveryCaseComesOutAsExpected() {
        Cli.Run result = Cli.run(Clock.systemUTC(), new byte[0], "demo", "--seed", "20260510");

        assertThat(result.exit()).as(result.out() + result.stderr()).isZero();
        String table = result.out();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("PROVIDER").contains("CASE", "EXPECTED", "GOT");
        assertThat(table).doesNotContainPattern("(?m) MISMATCH$").containsPattern("\\n\\d+ cases over HTTP to http://127\\.0\\.0\\.1:\\d+ "
                + "\\(seed 20260510\\): \\d+ as expected, 0 mismatches\\.\\n$");
        for (String row : List.of(
                "sir-giving +action-completed +200 verified \\(key 0\\) +200 verified \\(key 0\\) +ok",
                "sir-giving +rotated-secret +200 verified \\(key 1\\) +200 verified \\(key 1\\) +ok",
                "sir-giving +tampered-byte +401 SIGNATURE_MISMATCH +401 SIGNATURE_MISMATCH +ok",
                "sir-giving +wrong-secret +401 SIGNATURE_MISMATCH +401 SIGNATURE_MISMATCH +ok",
                "sir-giving +stale-timestamp +401 TIMESTAMP_TOO_OLD +401 TIMESTAMP_TOO_OLD +ok",
                "sir-giving +duplicate-delivery +200 duplicate +200 duplicate +ok",
                "sir-giving +oversized-body +413 BODY_TOO_LARGE +413 BODY_TOO_LARGE +ok",
                "giving-block +deposit +200 verified \\(key 0\\) +200 verified \\(key 0\\) +ok",
                "giving-block +tampered-ciphertext +401 UNDECRYPTABLE_PAYLOAD +401 UNDECRYPTABLE_PAYLOAD +ok",
                "giving-block +wrong-key +401 UNDECRYPTABLE_PAYLOAD +401 UNDECRYPTABLE_PAYLOAD +ok",
                "giving-block +stale-event-timestamp +401 TIMESTAMP_TOO_OLD +401 TIMESTAMP_TOO_OLD +ok",
                "giving-block +duplicate-delivery +200 duplicate +200 duplicate +ok",
                "giving-block +oversized-body +413 BODY_TOO_LARGE +413 BODY_TOO_LARGE +ok",
                "chuffed +payment-confirmed +200 verified \\(key 0\\) +200 verified \\(key 0\\) +ok",
                "chuffed +tampered-byte +401 SIGNATURE_MISMATCH +401 SIGNATURE_MISMATCH +ok",
                "chuffed +wrong-secret +401 SIGNATURE_MISMATCH +401 SIGNATURE_MISMATCH +ok",
                "chuffed +duplicate-delivery +200 duplicate +200 duplicate +ok",
                "chuffed +oversized-body +413 BODY_TOO_LARGE +413 BODY_TOO_LARGE +ok")) {
            assertThat(table).containsPattern("(?m)^" + row + "$");
        }
        int cases = Testkit.create().catalogue().size();
        assertThat(table.lines().filter(line -> line.endsWith(" ok")).count()).isEqualTo(cases);
    }

    @Test
    void aCaseThatComesOutOtherwiseIsAMismatchAndTheDemoFails() throws Exception {
        Testkit kit = Testkit.create(Clock.systemUTC(), 99);
        Variant valid = kit.catalogue(Provider.CHUFFED).get(0);
        Variant claimedRejected = new Variant("claimed-rejected", Provider.CHUFFED, valid.deliveries(),
                Expected.rejected(Reason.SIGNATURE_MISMATCH));
        Variant next = kit.catalogue(Provider.SIR_GIVING).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdStreams io = new StdStreams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        int exit;
        try (Receiver receiver = Receiver.start("127.0.0.1", 0, DemoCommand.verifiers(kit), IdempotencyStore.inMemory(), kit.maxBodyBytes(), line -> { }, () -> { })) {
            exit = new DemoCommand(io).fire(List.of(claimedRejected, next), receiver.base(), 99);
        }

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(ExitCodes.REJECTED);
        assertThat(table).containsPattern("(?m)^chuffed +claimed-rejected +401 SIGNATURE_MISMATCH +200 verified \\(key 0\\) +MISMATCH$")
                .containsPattern("(?m)^sir-giving +action-completed .* ok$")
                .contains("2 cases", "1 as expected, 1 mismatch.");
    }

    @Test
    void verboseDemoAlsoPrintsTheReceiverLinesOnStderr() {
        Cli.Run result = Cli.run(Clock.systemUTC(), new byte[0], "demo", "--seed", "5", "--verbose");

        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(result.stderr()).contains("{\"verified\":true,\"provider\":\"chuffed\"", "\"reason\":\"SIGNATURE_MISMATCH\"",
                "\"duplicate\":true");
    }
}
