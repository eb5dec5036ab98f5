package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Credentials;
import dev.givinghooks.testkit.Testkit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** send against a real receiver (the one listen runs) on a loopback port. */
class SendCommandTest {
    private static final Testkit KIT = Testkit.create(Clock.systemUTC(), 4242);
    private static final Credentials CREDENTIALS = KIT.credentials();
    private static final List<byte[]> LINES = new ArrayList<>();
    private static Receiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = Receiver.start("127.0.0.1", 0, DemoCommand.verifiers(KIT), IdempotencyStore.inMemory(), KIT.maxBodyBytes(), LINES::add, () -> { });
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static String url(Provider provider) {
        return receiver.base().resolve(Receiver.path(provider)).toString();
    }

    private static List<String> credentials(Provider provider, int index) {
        return switch (provider) {
            case SIR_GIVING -> List.of("--secret", CREDENTIALS.sirGivingSecrets().get(index));
            case CHUFFED -> List.of("--secret", CREDENTIALS.chuffedSecrets().get(index));
            case GIVING_BLOCK -> List.of("--key", CREDENTIALS.givingBlockKeys().get(index).keyHex(),
                    "--iv", CREDENTIALS.givingBlockKeys().get(index).ivHex());
        };
    }

    private static Cli.Run send(Provider provider, Map<String, String> environment, List<String> more) {
        List<String> args = new ArrayList<>(List.of("send", "--provider", provider.id(), "--url", url(provider)));
        args.addAll(more);
        return Cli.run(Clock.systemUTC(), environment, new byte[0], args.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({
        "sir-giving, action.completed", "sir-giving, action.failed", "sir-giving, transaction.completed", "sir-giving, pool.low",
        "giving-block, DEPOSIT_TRANSACTION", "giving-block, TRANSACTION_CONVERTED", "giving-block, MERCHANT_STATUS_EVENT",
        "chuffed, donation.payment_confirmed"
    })
    void sendsEachEventByNameSignedAndTheReceiverVerifiesIt(String providerId, String event) {
        Provider provider = Provider.fromId(providerId);
        List<String> args = new ArrayList<>(credentials(provider, 0));
        args.addAll(List.of("--event", event));
        Cli.Run result = send(provider, Map.of(), args);

        assertThat(result.exit()).as(result.out() + result.stderr()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("status").intValue()).isEqualTo(200);
        assertThat(json.has("reason")).isFalse();
        JsonNode received = Cli.JSON.readTree(json.get("body").stringValue());
        assertThat(received.get("id").stringValue()).startsWith(providerId + ":");
        if (provider == Provider.GIVING_BLOCK) {
            synchronized (LINES) {
                assertThat(new String(LINES.get(LINES.size() - 1), java.nio.charset.StandardCharsets.UTF_8)).contains("\"type\":\"" + event + "\"");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"sir-giving", "giving-block", "chuffed"})
    void defaultsToTheProvidersMainEventAndReadsCredentialsFromTheEnvironment(String providerId) {
        Provider provider = Provider.fromId(providerId);
        Map<String, String> environment = Map.of(
                ListenCommand.ENV_SIR_SECRETS, CREDENTIALS.sirGivingSecrets().get(1) + "," + CREDENTIALS.sirGivingSecrets().get(0),
                ListenCommand.ENV_CHUFFED_SECRETS, CREDENTIALS.chuffedSecrets().get(1),
                ListenCommand.ENV_TGB_KEYS, CREDENTIALS.givingBlockKeys().get(1).keyHex(),
                ListenCommand.ENV_TGB_IVS, CREDENTIALS.givingBlockKeys().get(1).ivHex());
        Cli.Run result = send(provider, environment, List.of());

        assertThat(result.exit()).as(result.out() + result.stderr()).isZero();
        assertThat(Cli.JSON.readTree(result.json().get("body").stringValue()).get("keyIndex").intValue()).isEqualTo(1);
    }

    @Test
    void aRefusedDeliveryPrintsTheReasonAndExitsOne() {
        Cli.Run result = send(Provider.CHUFFED, Map.of(), List.of("--secret", "a secret the receiver does not know"));

        assertThat(result.exit()).isEqualTo(ExitCodes.REJECTED);
        JsonNode json = result.json();
        assertThat(json.get("status").intValue()).isEqualTo(401);
        assertThat(json.get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
        assertThat(json.get("body").stringValue()).contains("\"reason\":\"SIGNATURE_MISMATCH\"");
        assertThat(result.all()).doesNotContain("a secret the receiver does not know", CREDENTIALS.chuffedSecrets().get(0));
    }

    @Test
    void sendsAFileByteExact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("action.json");
        Files.write(file, KIT.sirGiving().actionCompleted().data("note", "caf\u00e9 \ud83c\udf89").body());
        Cli.Run result = send(Provider.SIR_GIVING, Map.of(), List.of("--secret", CREDENTIALS.sirGivingSecrets().get(0),
                "--body-file", file.toString()));
        assertThat(result.exit()).as(result.out()).isZero();

        Cli.Run notJson = send(Provider.SIR_GIVING, Map.of(), List.of("--secret", CREDENTIALS.sirGivingSecrets().get(0),
                "--body-file", dir.resolve("missing").toString()));
        assertThat(notJson.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnreachableUrlExitsThreeWithAMessage() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        Cli.Run result = Cli.run(Clock.systemUTC(), Map.of(), new byte[0], "send", "--provider", "chuffed",
                "--secret", CREDENTIALS.chuffedSecrets().get(0), "--url", "http://127.0.0.1:" + port + "/webhooks/chuffed");
        assertThat(result.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("cannot send to http://127.0.0.1:" + port);
    }

    @Test
    void usageErrors() {
        assertThat(send(Provider.CHUFFED, Map.of(), List.of("--secret", CREDENTIALS.chuffedSecrets().get(0), "--event", "donation.refunded"))
                .stderr()).contains("one documented event");
        Cli.Run both = send(Provider.CHUFFED, Map.of(), List.of("--secret", CREDENTIALS.chuffedSecrets().get(0), "--event",
                "donation.payment_confirmed", "--body-file", "x.json"));
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.stderr()).contains("not both");
        Cli.Run noSecret = send(Provider.CHUFFED, Map.of(), List.of());
        assertThat(noSecret.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSecret.stderr()).contains("chuffed needs --secret");
    }
}
