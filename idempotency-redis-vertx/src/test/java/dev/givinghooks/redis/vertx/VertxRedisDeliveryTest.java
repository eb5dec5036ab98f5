package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import dev.givinghooks.testsupport.RedisServer;
import dev.givinghooks.vertx.WebhookHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two receiver instances (two Vert.x instances, each with its HTTP server, its Vert.x handler and
 * its store) share one real redis-server: unique deliveries sent to both, each one twice at
 * once, over real HTTP, are each processed exactly once, and every copy is answered 204 (processed
 * here), 200 (processed before) or 409 (in progress). No event loop is ever blocked, under
 * Vert.x's blocked-thread checker set strict (100 ms, checked every 10 ms).
 */
@Timeout(120)
class VertxRedisDeliveryTest {
    private static final Logger VERTX = Logger.getLogger("io.vertx");

    private final Testkit kit = Testkit.create(Clock.systemUTC(), 19L);
    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final List<String> blocked = new CopyOnWriteArrayList<>();

    @Test
    void twoInstancesOnOneRedisProcessEachEventOnce() throws Exception {
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (String.valueOf(record.getMessage()).contains("has been blocked")) {
                    blocked.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        VERTX.addHandler(capture);
        try (RedisServer redis = RedisServer.start()) {
            Vertx first = Vertx.vertx(strict());
            Vertx second = Vertx.vertx(strict());
            try {
                List<URI> instances = List.of(serve(first, redis), serve(second, redis));
                theCheckerReportsAHeldLoop(first);
                WebhookSender sender = WebhookSender.create();
                Semaphore concurrency = new Semaphore(16);
                List<CompletableFuture<WebhookSender.Response>> responses = new ArrayList<>();
                int events = 150;
                for (int i = 0; i < events; i++) {
                    Fixture delivery = kit.chuffed().paymentConfirmed().id(50_000 + i).signed();
                    for (int copy = 0; copy < 2; copy++) {
                        concurrency.acquire();
                        responses.add(sender.sendAsync(delivery, instances.get((i + copy) % 2)).whenComplete((r, e) -> concurrency.release()));
                    }
                }
                Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
                for (CompletableFuture<WebhookSender.Response> response : responses) {
                    statuses.computeIfAbsent(response.get(30, TimeUnit.SECONDS).status(), status -> new AtomicInteger()).incrementAndGet();
                }
                assertEquals(events, processed.size(), "events processed: " + statuses);
                processed.forEach((key, times) -> assertEquals(1, times.get(), key));
                assertEquals(events, statuses.get(204).get(), "answered 204: " + statuses);
                int others = statuses.getOrDefault(200, new AtomicInteger()).get() + statuses.getOrDefault(409, new AtomicInteger()).get();
                assertEquals(events, others, "the second copies answered 200 or 409: " + statuses);
                for (URI instance : instances) {
                    Fixture again = kit.chuffed().paymentConfirmed().id(50_000).signed();
                    assertEquals(200, sender.send(again, instance).status(), "a late retry on " + instance);
                }
                for (String key : processed.keySet()) {
                    assertEquals("D", redis.command("GET", "givinghooks:" + key), "done in the shared Redis: " + key);
                }
            } finally {
                first.close().await();
                second.close().await();
            }
        } finally {
            VERTX.removeHandler(capture);
        }
        assertEquals(List.of(), blocked, "blocked-thread warnings");
    }

    /** A loop held 400 ms is reported here: the check below can fail. */
    private void theCheckerReportsAHeldLoop(Vertx vertx) throws Exception {
        CompletableFuture<Void> held = new CompletableFuture<>();
        vertx.runOnContext(hold -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.complete(null);
        });
        held.get(10, TimeUnit.SECONDS);
        assertEquals(false, blocked.isEmpty(), "a held loop is reported");
        blocked.clear();
    }

    private static VertxOptions strict() {
        return new VertxOptions().setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    }

    /** One instance: its store on the shared Redis, its handler, and an application that counts what it processes. */
    private URI serve(Vertx vertx, RedisServer redis) throws Exception {
        VertxRedisIdempotencyStore store = VertxRedisIdempotencyStore.builder(vertx, redis.uri()).connect().await();
        WebhookHandler webhooks = WebhookHandler.builder(kit.chuffedVerifier()).idempotencyStore(store).build();
        Router router = Router.router(vertx);
        router.post("/webhooks/chuffed").handler(webhooks).handler(ctx -> {
            String key = WebhookHandler.verified(ctx).orElseThrow().idempotencyKey();
            processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            ctx.response().setStatusCode(204).end();
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/webhooks/chuffed");
    }
}
