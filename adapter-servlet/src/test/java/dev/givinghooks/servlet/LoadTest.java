package dev.givinghooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Verified;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Concurrent valid, invalid and duplicate deliveries of all three providers on loopback, with an
 * application that sometimes refuses (429) so that releases happen under load. Each delivery is
 * retried on anything but 2xx, as a provider does. Bounded: 1,900 deliveries per run, 30 s cap.
 */
class LoadTest {
    private static final int EVENTS_PER_PROVIDER = 200;
    private static final int COPIES = 3;
    private static final int INVALID = 100;
    private static final int MAX_ATTEMPTS = 200;
    private static final long CAP_MILLIS = 30_000;

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of(Container.JETTY, false), Arguments.of(Container.JETTY, true),
                Arguments.of(Container.TOMCAT, false), Arguments.of(Container.TOMCAT, true));
    }

    @ParameterizedTest(name = "{0} async={1}")
    @MethodSource("servers")
    void noEventLostNoneProcessedTwiceNo5xx(Container container, boolean async) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        AppServlet app = (async ? AppServlet.asynchronous() : AppServlet.blocking()).handler(request -> {
            Verified<?> verified = WebhookFilter.verified(request).orElseThrow();
            String key = verified.idempotencyKey();
            if (!inFlight.add(key)) {
                overlaps.add(key);
            }
            try {
                Thread.sleep(ThreadLocalRandomHolder.next(3));
                if (ThreadLocalRandomHolder.next(100) < 3) {
                    return 429; // the application refuses: the claim is released, the retry processed
                }
                processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return 200;
            } finally {
                inFlight.remove(key);
            }
        });
        Container.App deployment = new Container.App(app)
                .filter("/webhooks/sir-giving", WebhookFilter.of(Deliveries.sirVerifier()))
                .filter("/webhooks/giving-block", WebhookFilter.of(Deliveries.givingBlockVerifier()))
                .filter("/webhooks/chuffed", WebhookFilter.of(Deliveries.chuffedVerifier()));
        try (Container.Running server = container.start(deployment)) {
            record Delivery(String key, boolean valid, Supplier<HttpRequest> request) {
            }
            List<Delivery> deliveries = new ArrayList<>();
            long run = seed & 0xffffff;
            for (int i = 0; i < EVENTS_PER_PROVIDER; i++) {
                byte[] sir = Deliveries.sirBody("evt_" + run + "_" + i);
                byte[] tgb = Deliveries.givingBlockBody("dep-" + run + "-" + i);
                byte[] chuffed = Deliveries.chuffedBody(run * 1000 + i);
                for (int copy = 0; copy < COPIES; copy++) {
                    deliveries.add(new Delivery("sir-giving:evt_" + run + "_" + i, true,
                            () -> Deliveries.sir(server.uri("/webhooks/sir-giving"), sir).build()));
                    deliveries.add(new Delivery("tgb:" + run + ":" + i, true,
                            () -> Deliveries.givingBlock(server.uri("/webhooks/giving-block"), tgb).build()));
                    deliveries.add(new Delivery("chuffed:" + (run * 1000 + i) + ":0", true,
                            () -> Deliveries.chuffed(server.uri("/webhooks/chuffed"), chuffed).build()));
                }
            }
            for (int i = 0; i < INVALID; i++) {
                byte[] body = Deliveries.sirBody("evt_forged_" + i);
                String forged = "whsec_ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
                deliveries.add(new Delivery("forged", false,
                        () -> Deliveries.sir(server.uri("/webhooks/sir-giving"), body, forged).build()));
            }
            Collections.shuffle(deliveries, random);

            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            long deadline = System.currentTimeMillis() + CAP_MILLIS;
            ExecutorService senders = Executors.newFixedThreadPool(16);
            List<Future<Integer>> finals = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                finals.add(senders.submit(() -> {
                    for (int attempt = 1; ; attempt++) {
                        HttpResponse<String> response = Http.CLIENT.send(delivery.request().get(), HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        int status = response.statusCode();
                        if (!delivery.valid() || status / 100 == 2 || attempt >= MAX_ATTEMPTS || System.currentTimeMillis() > deadline) {
                            return status;
                        }
                        Thread.sleep(1 + ThreadLocalRandomHolder.next(5));
                    }
                }));
            }
            senders.shutdown();
            boolean finished = senders.awaitTermination(CAP_MILLIS + 5_000, TimeUnit.MILLISECONDS);
            String context = "seed " + seed + ", statuses seen " + statuses;

            assertThat(finished).as(context).isTrue();
            assertThat(System.currentTimeMillis()).as("within the time cap; " + context).isLessThanOrEqualTo(deadline);
            for (int i = 0; i < deliveries.size(); i++) {
                int status = finals.get(i).get();
                if (deliveries.get(i).valid()) {
                    assertThat(status).as(deliveries.get(i).key() + "; " + context).isEqualTo(200);
                } else {
                    assertThat(status).as(context).isEqualTo(401);
                }
            }
            assertThat(statuses.keySet()).as("no 5xx; " + context).allMatch(status -> status < 500);
            assertThat(statuses.keySet()).as(context).contains(409); // concurrent duplicates did meet
            assertThat(overlaps).as("never two deliveries of one event at once; " + context).isEmpty();
            assertThat(processed).as("every event processed; " + context).hasSize(3 * EVENTS_PER_PROVIDER);
            assertThat(processed.values()).as("none processed twice; " + context).allMatch(count -> count.get() == 1);
        }
    }

    /** Random numbers for the application's threads, which the test's seed does not order anyway. */
    private static final class ThreadLocalRandomHolder {
        static int next(int bound) {
            return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
        }
    }
}
