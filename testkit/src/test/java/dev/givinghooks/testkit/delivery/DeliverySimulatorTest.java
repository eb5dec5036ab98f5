package dev.givinghooks.testkit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator against a scripted JDK HttpServer: schedules, timeouts, faults and the report. */
class DeliverySimulatorTest {
    private static final Instant T0 = Instant.parse("2026-05-10T09:00:00Z");

    private final VirtualClock clock = VirtualClock.at(T0);
    private final Testkit kit = Testkit.create(clock, 5L);
    /** Statuses the endpoint answers, in order; 200 once they run out. A negative one: sleep that many milliseconds, then 200. */
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    /** What arrived: the X-SIR-Timestamp, or the body's first bytes. */
    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-SIR-Timestamp");
            arrived.add(timestamp != null ? timestamp : new String(body, 0, Math.min(body.length, 40), java.nio.charset.StandardCharsets.UTF_8));
            Integer answer = answers.poll();
            int status = answer == null ? 200 : answer;
            if (status < 0) {
                try {
                    Thread.sleep(-status);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Chuffed's documented delivery on the virtual clock: 5 attempts, exponential back-off over about two days, then it gives up. */
    @Test
    void theChuffedPresetFollowsTheDocumentedSchedule() throws Exception {
        RetryPolicy chuffed = RetryPolicy.chuffed();
        assertThat(chuffed.attempts()).isEqualTo(5);
        assertThat(chuffed.timeout()).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            answers.add(500);
        }
        long start = System.nanoTime();
        DeliveryReport report = DeliverySimulator.builder().clock(clock).build()
                .deliver(Delivery.of(kit.chuffed().paymentConfirmed().signed()), endpoint);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two days, run in real time").isLessThan(Duration.ofSeconds(10));
        assertThat(report.outcome()).isEqualTo(DeliveryReport.Outcome.GAVE_UP);
        assertThat(report.statuses()).containsExactly(500, 500, 500, 500, 500);
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            DeliveryReport.Attempt before = report.attempts().get(i - 1);
            waits.add(Duration.between(before.sentAt(), report.attempts().get(i).sentAt()).minus(before.latency()));
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(192), Duration.ofMinutes(384), Duration.ofMinutes(768), Duration.ofMinutes(1536));
        Duration span = Duration.between(report.attempts().get(0).sentAt(), report.attempts().get(4).sentAt());
        assertThat(span).as("about two days").isBetween(Duration.ofHours(48), Duration.ofHours(48).plusSeconds(10));
        assertThat(clock.instant()).isEqualTo(report.attempts().get(4).sentAt());
        assertThat(chuffed.schedule()).containsExactly(Duration.ZERO, Duration.ofMinutes(192), Duration.ofMinutes(576),
                Duration.ofMinutes(1344), Duration.ofHours(48));
    }

    /** An answer slower than the timeout fails the attempt; the report keeps the answer that came late. */
    @Test
    void aSlowAnswerTimesOutAndItsLateAnswerIsReported() throws Exception {
        answers.add(-2600);
        DeliveryReport report = DeliverySimulator.builder().clock(clock).build()
                .deliver(Delivery.of(kit.chuffed().paymentConfirmed().signed()), endpoint);
        DeliveryReport.Attempt first = report.attempts().get(0);
        assertThat(first.timedOut()).isTrue();
        assertThat(first.latency()).isBetween(Duration.ofMillis(1990), Duration.ofMillis(2500));
        assertThat(first.lateStatus()).hasValue(200);
        assertThat(report.statuses()).containsExactly(-1, 200);
        assertThat(report.toString()).contains("timed out after", "(answered 200 later)", "+3h12m", "DELIVERED");
    }

    /** SIR Giving's retries carry a new timestamp, the virtual clock's at each attempt. */
    @Test
    void sirGivingRetriesAreSignedAtTheirOwnTime() throws Exception {
        answers.add(500);
        answers.add(502);
        DeliveryReport report = DeliverySimulator.builder().clock(clock).build().deliver(Delivery.of(kit.sirGiving().actionCompleted()), endpoint);
        assertThat(report.statuses()).containsExactly(500, 502, 200);
        assertThat(arrived).containsExactly(Long.toString(T0.getEpochSecond()),
                Long.toString(report.attempts().get(1).sentAt().getEpochSecond()), Long.toString(report.attempts().get(2).sentAt().getEpochSecond()));
        assertThat(report.attempts().get(2).sentAt()).isAfter(T0.plus(Duration.ofMinutes(5)));
    }

    /** An endpoint that cannot be reached fails each attempt, which is retried, and the delivery is given up. */
    @Test
    void anUnreachableEndpointIsRetriedThenGivenUp() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        DeliveryReport report = DeliverySimulator.builder().clock(clock).policy(RetryPolicy.givingBlock()).build()
                .deliver(Delivery.of(kit.chuffed().paymentConfirmed().signed()), URI.create("http://127.0.0.1:" + closed + "/"));
        assertThat(report.attemptCount()).isEqualTo(3);
        assertThat(report.delivered()).isFalse();
        assertThat(report.attempts()).allSatisfy(attempt -> assertThat(attempt.error()).isEqualTo("ConnectException"));
        assertThat(report.toString()).contains("failed: ConnectException", "GAVE_UP");
    }

    /** Copies go at once; a stream's order is shuffled reproducibly by its seed. */
    @Test
    void copiesAndShuffledStreams() throws Exception {
        DeliveryReport copies = DeliverySimulator.builder().clock(clock).copies(3).build()
                .deliver(Delivery.of(kit.chuffed().paymentConfirmed().signed()), endpoint);
        assertThat(copies.attempts()).extracting(DeliveryReport.Attempt::copy).containsExactly(1, 2, 3);
        assertThat(copies.toString()).contains("1.1", "1.2", "1.3");
        List<Delivery> stream = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Fixture donation = kit.chuffed().paymentConfirmed().id(1000 + i).signed();
            stream.add(Delivery.of(donation).named("donation " + i));
        }
        List<List<String>> orders = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            arrived.clear();
            List<DeliveryReport> reports = DeliverySimulator.builder().clock(clock).shuffle(42).build().deliverAll(stream, provider -> endpoint);
            assertThat(reports).extracting(DeliveryReport::name).containsExactly("donation 0", "donation 1", "donation 2", "donation 3",
                    "donation 4", "donation 5", "donation 6", "donation 7");
            orders.add(List.copyOf(arrived));
        }
        assertThat(orders.get(0)).isEqualTo(orders.get(1)).isNotEqualTo(arrived.stream().sorted().toList());
    }

    @Test
    void policiesAndClocksRefuseNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(-1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(1), Duration.ZERO, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.chuffed().delayAfter(5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.of(Provider.SIR_GIVING)).isEqualTo(RetryPolicy.sirGiving());
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.advanceTo(T0.minusSeconds(5))).isEqualTo(T0);
        java.time.Clock paris = clock.withZone(java.time.ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofHours(1));
        assertThat(paris.instant()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> DeliverySimulator.builder().copies(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
