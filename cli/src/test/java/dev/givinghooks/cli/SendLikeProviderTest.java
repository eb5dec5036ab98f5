package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.givinghooks.testkit.Testkit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** send --like-provider: the provider's retries against an endpoint that fails the first times, and the attempt table. */
class SendLikeProviderTest {
    private static final Testkit KIT = Testkit.create(Clock.systemUTC(), 99);
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final List<String> timestamps = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-SIR-Timestamp");
            if (timestamp != null) {
                timestamps.add(timestamp);
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/chuffed";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void retriesOnTheProvidersScheduleAndPrintsTheAttempts() {
        statuses.add(500);
        statuses.add(503);
        Cli.Run result = Cli.run("send", "--provider", "chuffed", "--secret", KIT.credentials().chuffedSecrets().get(0), "--like-provider", "--url", url);
        assertThat(result.exit()).as(result.stderr()).isZero();
        String table = result.out();
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table).contains("attempt", "500 in", "503 in", "200 in", "+3h12m", "+9h36m", "DELIVERED");
    }

    @Test
    void sirGivingRetriesAreSignedAnewAtTheRealTimeAndAGiveUpExitsOne() {
        statuses.add(500);
        statuses.add(500);
        Cli.Run result = Cli.run(Clock.systemUTC(), new byte[0], "send", "--provider", "sir-giving", "--secret", KIT.credentials().sirGivingSecrets().get(0), "--like-provider",
                "--attempts", "2", "--attempt-timeout", "PT1S", "--url", url);
        assertThat(result.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.out()).contains("+1m", "GAVE_UP");
        assertThat(timestamps).hasSize(2).allSatisfy(timestamp -> assertThat(Long.parseLong(timestamp))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L)));
    }

    @Test
    void anUnreachableUrlIsRetriedThenGivenUp() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Run result = Cli.run("send", "--provider", "chuffed", "--secret", KIT.credentials().chuffedSecrets().get(0), "--like-provider",
                "--attempts", "3", "--url", "http://127.0.0.1:" + closed + "/webhooks/chuffed");
        assertThat(result.exit()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.out()).contains("failed: ConnectException", "GAVE_UP");
    }

    @Test
    void theRetryOptionsGoWithLikeProvider() {
        Cli.Run alone = Cli.run("send", "--provider", "chuffed", "--secret", KIT.credentials().chuffedSecrets().get(0), "--attempts", "2", "--url", url);
        assertThat(alone.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.stderr()).contains("--attempts and --attempt-timeout go with --like-provider");
        Cli.Run zero = Cli.run("send", "--provider", "chuffed", "--secret", KIT.credentials().chuffedSecrets().get(0), "--like-provider",
                "--attempts", "0", "--url", url);
        assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
    }
}
