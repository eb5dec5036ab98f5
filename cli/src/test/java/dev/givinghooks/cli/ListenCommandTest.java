package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.testkit.Credentials;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import dev.givinghooks.testsupport.PostgresServer;
import dev.givinghooks.testsupport.RedisServer;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListenCommandTest {
    private final Testkit kit = Testkit.create(Clock.systemUTC(), 77);
    private final Credentials credentials = kit.credentials();
    private final WebhookSender sender = WebhookSender.create();

    private static List<JsonNode> lines(String stdout) {
        return stdout.lines().map(Cli.JSON::readTree).toList();
    }

    @Test
    void printsOneLinePerDeliveryVerifiedRejectedOrDuplicateAndStopsAfterCount() throws Exception {
        Cli.Running listen = Cli.start(Map.of(), "listen", "--port", "0", "--count", "4",
                "--chuffed-secret", credentials.chuffedSecrets().get(1), "--chuffed-secret", credentials.chuffedSecrets().get(0),
                "--sir-giving-secret", credentials.sirGivingSecrets().get(0));
        URI base = listen.awaitBase();
        assertThat(listen.stderr()).contains("sir-giving", "chuffed").doesNotContain("giving-block");

        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        WebhookSender.Response first = sender.send(donation, base.resolve("/webhooks/chuffed"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(Cli.JSON.readTree(first.body()).get("keyIndex").intValue()).isEqualTo(1);

        Fixture tampered = donation.withBody(Cli.utf8(new String(donation.body(), java.nio.charset.StandardCharsets.UTF_8) + " "));
        WebhookSender.Response refused = sender.send(tampered, base.resolve("/webhooks/chuffed"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        assertThat(sender.send(donation, base.resolve("/webhooks/chuffed")).status()).isEqualTo(200);
        WebhookSender.Response sir = sender.send(kit.sirGiving().actionCompleted().signed(), base.resolve("/webhooks/sir-giving"));
        assertThat(sir.status()).isEqualTo(200);

        assertThat(listen.exit().get(30, TimeUnit.SECONDS)).isZero();
        List<JsonNode> lines = lines(listen.stdout());
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("verified").booleanValue()).isTrue();
        assertThat(lines.get(0).get("provider").stringValue()).isEqualTo("chuffed");
        assertThat(lines.get(0).get("keyIndex").intValue()).isEqualTo(1);
        assertThat(lines.get(0).get("event").isObject()).isTrue();
        assertThat(lines.get(1).get("verified").booleanValue()).isFalse();
        assertThat(lines.get(1).get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
        assertThat(lines.get(2).get("duplicate").booleanValue()).isTrue();
        assertThat(lines.get(2).get("id").stringValue()).isEqualTo(lines.get(0).get("id").stringValue());
        assertThat(lines.get(3).get("provider").stringValue()).isEqualTo("sir-giving");
        assertThat(listen.stdout() + listen.stderr()).doesNotContain(credentials.chuffedSecrets().get(0), credentials.sirGivingSecrets().get(0));
    }

    @Test
    void readsCredentialsFromTheEnvironmentAndAnswersOtherPathsWith404() throws Exception {
        Credentials.KeyPair current = credentials.givingBlockKeys().get(0);
        Credentials.KeyPair previous = credentials.givingBlockKeys().get(1);
        Cli.Running listen = Cli.start(Map.of(
                ListenCommand.ENV_TGB_KEYS, current.keyHex() + ", " + previous.keyHex(),
                ListenCommand.ENV_TGB_IVS, current.ivHex() + "," + previous.ivHex()),
                "listen", "--port", "0", "--count", "2");
        URI base = listen.awaitBase();

        WebhookSender.Response rotated = sender.send(kit.givingBlock().deposit().encryptedWith(previous), base.resolve("/webhooks/giving-block"));
        assertThat(rotated.status()).isEqualTo(200);
        WebhookSender.Response elsewhere = sender.send(kit.chuffed().paymentConfirmed().signed(), base.resolve("/webhooks/chuffed"));
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.bodyText()).contains("/webhooks/giving-block");
        WebhookSender.Response stale = sender.send(kit.givingBlock().deposit().eventTimestamp(kit.clock().instant().minusSeconds(7200))
                .encrypted(), base.resolve("/webhooks/giving-block"));
        assertThat(stale.status()).isEqualTo(401);

        assertThat(listen.exit().get(30, TimeUnit.SECONDS)).isZero();
        List<JsonNode> lines = lines(listen.stdout());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("keyIndex").intValue()).isEqualTo(1);
        assertThat(lines.get(0).get("type").stringValue()).isEqualTo("DEPOSIT_TRANSACTION");
        assertThat(lines.get(1).get("reason").stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");
    }

    @Test
    void withoutCredentialsItIsAUsageError() {
        Cli.Run result = Cli.run("listen", "--port", "0");
        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("no credentials", ListenCommand.ENV_CHUFFED_SECRETS);
    }

    @Test
    void aShortSecretOrATakenPortIsAUsageError() throws Exception {
        Cli.Run shortSecret = Cli.run("listen", "--port", "0", "--chuffed-secret", "short");
        assertThat(shortSecret.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(shortSecret.stderr()).contains("chuffed: ", "shorter than 16 bytes").doesNotContain("short\n");

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli.Run busy = Cli.run("listen", "--port", Integer.toString(taken.getLocalPort()),
                    "--chuffed-secret", credentials.chuffedSecrets().get(0));
            assertThat(busy.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(busy.stderr()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void twoListenProcessesShareDeduplicationThroughRedis() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            twoListenProcessesShareDeduplication(redis.uri());
        }
    }

    @Test
    void twoListenProcessesShareDeduplicationThroughPostgresql() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            twoListenProcessesShareDeduplication(postgres.jdbcUrl()); // the first creates the table
        }
    }

    private void twoListenProcessesShareDeduplication(String store) throws Exception {
        String secret = credentials.chuffedSecrets().get(0);
        Cli.Running a = Cli.start(Map.of(), "listen", "--port", "0", "--count", "2", "--chuffed-secret", secret,
                "--idempotency-store", store);
        Cli.Running b = Cli.start(Map.of(), "listen", "--port", "0", "--count", "1", "--chuffed-secret", secret,
                "--idempotency-store", store);
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        assertThat(sender.send(donation, a.awaitBase().resolve("/webhooks/chuffed")).status()).isEqualTo(200);
        assertThat(sender.send(donation, b.awaitBase().resolve("/webhooks/chuffed")).status()).isEqualTo(200);
        assertThat(sender.send(donation, a.awaitBase().resolve("/webhooks/chuffed")).status()).isEqualTo(200);
        assertThat(a.exit().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(b.exit().get(30, TimeUnit.SECONDS)).isZero();
        List<JsonNode> first = lines(a.stdout());
        assertThat(first.get(0).has("duplicate")).as("processed by the first").isFalse();
        assertThat(lines(b.stdout()).get(0).get("duplicate").booleanValue()).as("a duplicate for the second").isTrue();
        assertThat(first.get(1).get("duplicate").booleanValue()).isTrue();
    }

    @Test
    void anUnknownOrUnreachableStoreIsAUsageErrorThatHidesThePassword() throws Exception {
        String secret = credentials.chuffedSecrets().get(0);
        Cli.Run unknown = Cli.run("listen", "--port", "0", "--chuffed-secret", secret, "--idempotency-store", "mongodb://x");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("--idempotency-store takes memory, redis://");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Run unreachable = Cli.run("listen", "--port", "0", "--chuffed-secret", secret,
                "--idempotency-store", "redis://:redis-pa55@127.0.0.1:" + closed);
        assertThat(unreachable.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unreachable.stderr()).contains("--idempotency-store: cannot connect to Redis").doesNotContain("redis-pa55");
        Cli.Run database = Cli.run("listen", "--port", "0", "--chuffed-secret", secret,
                "--idempotency-store", "jdbc:postgresql://127.0.0.1:" + closed + "/db?user=u&password=pg-pa55");
        assertThat(database.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(database.stderr()).contains("--idempotency-store: cannot use the database").doesNotContain("pg-pa55");
    }
}
