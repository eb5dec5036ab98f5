package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.givinghooks.Provider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renderings to curl and to the JDK client keep the exact bytes and every header line. */
class FixtureRenderingTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9/webhooks/x?a=1&b='2'");

    @TempDir
    static Path dir;

    @BeforeAll
    static void fakeCurl() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path curl = dir.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\ncat > \"$OUT/body\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$OUT/args\"\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void curlCommandSendsTheExactBytesOfEveryCatalogueEntryAndOfBinaryBodies() throws Exception {
        List<Fixture> fixtures = new ArrayList<>();
        for (Variant variant : Testkit.create().catalogue()) {
            if (variant.fixture().body().length < 4096) {
                fixtures.add(variant.fixture());
            }
        }
        long seed = Generators.newSeed();
        RandomGenerator random = Generators.random(seed);
        for (int i = 0; i < 20; i++) {
            fixtures.add(Fixture.of(Provider.CHUFFED, List.of(new Fixture.Header("Signature", "it's 100% \\ fine")),
                    Generators.bytes(random, 600)));
        }
        // A body starting with '-' once made printf read its format as an option (seed 1458211625304338395L).
        fixtures.add(Fixture.of(Provider.CHUFFED, List.of(), "-{\"data\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8)));
        for (Fixture fixture : fixtures) {
            String command = fixture.toCurl(ENDPOINT);
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
            builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
            builder.environment().put("OUT", dir.toString());
            // Output goes to a file, not an unread pipe that a chatty shell could fill and stall on.
            Path output = dir.resolve("output");
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            Process run = builder.start();
            assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as("exit of %s (seed %sL): %s", fixture, seed, Files.readString(output)).isZero();
            assertThat(Files.readAllBytes(dir.resolve("body"))).as("body of %s (seed %sL)", fixture, seed).isEqualTo(fixture.body());
            List<String> expected = new ArrayList<>(List.of("-sS", "-X", "POST", ENDPOINT.toString()));
            for (Fixture.Header header : fixture.headers()) {
                expected.add("-H");
                expected.add(header.name() + ": " + header.value());
            }
            expected.add("--data-binary");
            expected.add("@-");
            assertThat(Files.readAllLines(dir.resolve("args"))).isEqualTo(expected);
        }
    }

    @Test
    void httpRequestKeepsRepeatedHeaderLinesAndTheBodyLength() {
        Fixture fixture = Testkit.create().sirGiving().actionCompleted().signed().withHeader("X-SIR-Signature", "sha256=00");
        HttpRequest request = fixture.toHttpRequest(ENDPOINT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().allValues("x-sir-signature")).hasSize(2);
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isEqualTo(fixture.body().length);
    }

    @Test
    void toStringNeverShowsASignatureOrSecret() {
        Testkit kit = Testkit.create();
        Fixture fixture = kit.sirGiving().actionCompleted().signed();
        String signature = fixture.headers("X-SIR-Signature").get(0);
        assertThat(fixture.toString()).doesNotContain(signature.substring(7));
        assertThat(kit.credentials().toString()).doesNotContain(kit.credentials().sirGivingSecrets().get(0));
        assertThat(kit.toString()).doesNotContain(kit.credentials().chuffedSecrets().get(0));
    }
}
