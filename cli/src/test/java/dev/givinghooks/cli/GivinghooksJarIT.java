package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.utf8;
import static dev.givinghooks.cli.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged tool as a user runs it: {@code java -jar cli/target/givinghooks-cli.jar} and the
 * {@code givinghooks} launcher at the repository root, each a real process with real pipes.
 * Failsafe runs this after packaging and passes the jar's path.
 */
class GivinghooksJarIT {
    private static Path jar;
    private static Path launcher;
    private static final String JAVA_HOME = System.getProperty("java.home");

    @BeforeAll
    static void locate() {
        String path = System.getProperty("givinghooks.cli.jar");
        assumeTrue(path != null, "runs after packaging, under failsafe");
        jar = Path.of(path).toAbsolutePath();
        assertThat(jar).isRegularFile();
        launcher = jar.getParent().getParent().getParent().resolve("givinghooks");
        assertThat(launcher).isRegularFile();
    }

    record Result(int exit, byte[] stdout, String stderr) {
        JsonNode json() {
            return Cli.JSON.readTree(stdout);
        }
    }

    private static Result process(List<String> command, byte[] stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", JAVA_HOME);
        try (ChildProcess process = ChildProcess.start(builder)) {
            int exit = process.stdin(stdin).waitFor(Duration.ofSeconds(60));
            return new Result(exit, process.stdout(), process.stderr());
        }
    }

    private static Result jar(byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(JAVA_HOME, "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return process(command, stdin);
    }

    @Test
    void jarVerifiesTheOfficialGivingBlockVectorFromStdin() throws Exception {
        Result verified = jar(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV, "--now", TGB_NOW);
        assertThat(verified.exit()).as(verified.stderr()).isZero();
        assertThat(new String(verified.stdout(), StandardCharsets.UTF_8)).endsWith("}\n").containsOnlyOnce("\n");
        assertThat(verified.json().get("id").stringValue()).isEqualTo("giving-block:" + TGB_PLAINTEXT_SHA256);

        Result stale = jar(utf8(TGB_BODY), "verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV);
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.json().get("reason").stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");
    }

    @Test
    void jarSignsAndVerifiesABinaryBodyThroughRealPipes() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 512; i++) {
            body.write(i * 7);
        }
        body.writeBytes(new byte[] {'\r', '\n', 0, (byte) 0xC0, (byte) 0x80, '\r'});
        Result signed = jar(body.toByteArray(), "sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET);
        assertThat(signed.exit()).as(signed.stderr()).isZero();
        byte[] delivered = Base64.getDecoder().decode(signed.json().get("bodyBase64").stringValue());
        assertThat(delivered).isEqualTo(body.toByteArray());

        Result verified = jar(delivered, "verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                "--header", "Signature: " + signed.json().get("headers").get("Signature").stringValue());
        assertThat(verified.exit()).isEqualTo(1);
        assertThat(verified.json().get("reason").stringValue()).isEqualTo("MALFORMED_PAYLOAD");
    }

    @Test
    void jarExitsTwoOnAUsageErrorWithTheMessageOnStderr() throws Exception {
        Result result = jar(new byte[0], "verify", "--provider", "chuffed", "--secret", "short");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("shorter than 16 bytes").doesNotContain("short\n");
    }

    @Test
    void jarDemoPassesEveryCaseOverRealHttp() throws Exception {
        Result demo = jar(new byte[0], "demo");
        String table = new String(demo.stdout(), StandardCharsets.UTF_8);
        assertThat(demo.exit()).as(table + demo.stderr()).isZero();
        assertThat(table).containsPattern("\\d+ cases over HTTP to http://127\\.0\\.0\\.1:\\d+ \\(seed -?\\d+\\): \\d+ as expected, 0 mismatches");
        assertThat(demo.stderr()).as("Jetty and SLF4J stay quiet").isEmpty();
    }

    /** listen and send as two real processes: the local-development loop. */
    @Test
    void jarListenReceivesWhatJarSendSends() throws Exception {
        String secret = "a chuffed secret for the integration test";
        ProcessBuilder builder = new ProcessBuilder(Path.of(JAVA_HOME, "bin", "java").toString(), "-jar", jar.toString(),
                "listen", "--port", "0", "--count", "2");
        builder.environment().put(ListenCommand.ENV_CHUFFED_SECRETS, secret);
        try (ChildProcess listen = ChildProcess.start(builder)) {
            String url = listen.awaitStderr(Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/webhooks/chuffed)"), Duration.ofSeconds(30));

            Result sent = jar(new byte[0], "send", "--provider", "chuffed", "--secret", secret, "--url", url);
            assertThat(sent.exit()).as(sent.stderr()).isZero();
            assertThat(sent.json().get("status").intValue()).isEqualTo(200);
            Result refused = jar(new byte[0], "send", "--provider", "chuffed", "--secret", "not the secret it listens with", "--url", url);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.json().get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");

            assertThat(listen.waitFor(Duration.ofSeconds(30))).as("listen stops after --count deliveries").isZero();
            List<String> lines = new String(listen.stdout(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(Cli.JSON.readTree(lines.get(0)).get("verified").booleanValue()).isTrue();
            assertThat(Cli.JSON.readTree(lines.get(1)).get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
        }
    }

    @Test
    void launcherRunsTheBuiltJarWithEveryArgument() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Result version = process(List.of("/bin/bash", launcher.toString(), "--version"), new byte[0]);
        assertThat(version.exit()).as(version.stderr()).isZero();
        assertThat(new String(version.stdout(), StandardCharsets.UTF_8)).startsWith("givinghooks ");
        assertThat(version.stderr()).as("a fresh jar is not rebuilt").doesNotContain("building");

        Result verified = process(List.of("/bin/bash", launcher.toString(), "verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                "--header", "X-SIR-Timestamp: " + SIR_TIMESTAMP, "--header", "X-SIR-Signature: " + SIR_SIGNATURE_WHOLE,
                "--now", SIR_NOW), utf8(SIR_BODY));
        assertThat(verified.exit()).as(verified.stderr()).isZero();
        assertThat(verified.json().get("id").stringValue()).isEqualTo("sir-giving:evt_abc123");
    }
}
