package dev.givinghooks.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.Verified;
import dev.givinghooks.jdbc.JdbcIdempotencyStore;
import dev.givinghooks.redis.RedisIdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import dev.givinghooks.testkit.WebhookSender;
import dev.givinghooks.testsupport.PostgresServer;
import dev.givinghooks.testsupport.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The event loop is never held: Vert.x's blocked-thread checker, set strict (100 ms, checked every
 * 10 ms), reports nothing under a bounded loopback load of valid, forged, oversized and duplicate
 * deliveries, with the in-memory store, a store that answers later on another thread, and the real
 * Redis and JDBC stores on a real redis-server and PostgreSQL (whose blocking methods are never
 * called on an event loop). The first test proves the checker does report a blocked loop here.
 */
@Timeout(120)
class NoEventLoopBlockingTest {
    private static final Logger VERTX = Logger.getLogger("io.vertx");

    private final List<String> blocked = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (message.contains("has been blocked")) {
                StringBuilder where = new StringBuilder(message);
                if (record.getThrown() != null) {
                    for (StackTraceElement frame : record.getThrown().getStackTrace()) {
                        where.append("\n  at ").append(frame);
                    }
                }
                blocked.add(where.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Testkit kit = Testkit.create(Clock.systemUTC(), 11L);
    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

    @BeforeEach
    void listen() {
        VERTX.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        VERTX.removeHandler(capture);
    }

    private static VertxOptions strict() {
        return new VertxOptions().setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                // a warning carries the blocked thread's stack, so a failure says where
                .setWarningExceptionTime(100).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }

    private int application(Verified<?> verified) {
        processed.computeIfAbsent(verified.idempotencyKey(), key -> new AtomicInteger()).incrementAndGet();
        return 204;
    }

    private Map<Provider, WebhookHandler> handlers(IdempotencyStore store) {
        Map<Provider, WebhookHandler> handlers = new EnumMap<>(Provider.class);
        handlers.put(Provider.CHUFFED, WebhookHandler.builder(kit.chuffedVerifier()).idempotencyStore(store).build());
        handlers.put(Provider.SIR_GIVING, WebhookHandler.builder(kit.sirGivingVerifier()).idempotencyStore(store).build());
        return handlers;
    }

    @Test
    void theCheckerReportsALoopThatIsHeldHere() throws Exception {
        // The application's own handler on the event loop, sleeping: what the checker exists to catch.
        WebhookHandler handler = WebhookHandler.of(kit.chuffedVerifier());
        Vertx vertx = Vertx.vertx(strict());
        try {
            Router router = Router.router(vertx);
            router.post("/webhooks/chuffed").handler(handler).handler(ctx -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ctx.response().setStatusCode(204).end();
            });
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            WebhookSender.Response response = WebhookSender.create().send(kit.chuffed().paymentConfirmed().signed(),
                    java.net.URI.create("http://127.0.0.1:" + server.actualPort() + "/webhooks/chuffed"));
            assertThat(response.status()).isEqualTo(204);
            assertThat(blocked).as("a handler sleeping on the event loop is reported").isNotEmpty();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void noBlockingUnderLoadWithTheInMemoryStore() throws Exception {
        load(IdempotencyStore.inMemory());
    }

    @Test
    void noBlockingUnderLoadWithAStoreThatAnswersLaterOnAnotherThread() throws Exception {
        ScheduledExecutorService network = Executors.newScheduledThreadPool(2);
        try {
            SlowStore store = new SlowStore(IdempotencyStore.inMemory(), network, 30);
            load(store);
            assertThat(store.answered).as("every claim went through the store's asynchronous method").hasValueGreaterThan(2 * 60);
        } finally {
            network.shutdownNow();
        }
    }

    @Test
    void noBlockingUnderLoadWithTheRedisStore() throws Exception {
        try (RedisServer redis = RedisServer.start(); RedisIdempotencyStore store = RedisIdempotencyStore.connect(redis.uri())) {
            OffTheLoop guarded = new OffTheLoop(store);
            load(guarded);
            assertThat(guarded.blockingOnTheLoop).as("blocking store calls on the event loop").isEmpty();
        }
    }

    @Test
    void noBlockingUnderLoadWithTheJdbcStore() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(postgres.jdbcUrl()).createTable(true).build()) {
            OffTheLoop guarded = new OffTheLoop(store);
            load(guarded);
            assertThat(guarded.blockingOnTheLoop).as("blocking store calls on the event loop").isEmpty();
        }
    }

    private void load(IdempotencyStore store) throws Exception {
        List<Fixture> deliveries = new ArrayList<>();
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Fixture donation = kit.chuffed().paymentConfirmed().id(10_000 + i).signed();
            unique.add("chuffed:" + (10_000 + i) + ":");
            deliveries.add(donation);
            deliveries.add(donation); // a duplicate, concurrently
            deliveries.add(kit.chuffed().paymentConfirmed().id(20_000 + i).signedWith("not the configured secret, at all"));
            deliveries.add(kit.sirGiving().actionCompleted().signed());
        }
        for (Variant variant : kit.catalogue(Provider.CHUFFED)) {
            if (variant.name().equals("oversized-body")) {
                for (int i = 0; i < 10; i++) {
                    deliveries.add(variant.fixture());
                }
            }
        }
        assertThat(deliveries).as("the oversized ones are there").hasSize(4 * 60 + 10);
        try (VertxServer server = VertxServer.start(strict(), handlers(store), this::application, true, 2)) {
            WebhookSender sender = WebhookSender.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
            // Warm-up: the first deliveries load and compile classes (Jackson, the JCA, Vert.x Web) on
            // whichever thread meets them first; that one-time cost is not what this test measures.
            for (int i = 0; i < 20; i++) {
                sender.send(kit.sirGiving().actionCompleted().signed(), server.endpoint(Provider.SIR_GIVING));
                sender.send(kit.chuffed().paymentConfirmed().id(90_000 + i).signed(), server.endpoint(Provider.CHUFFED));
            }
            blocked.clear();
            processed.clear();
            Semaphore concurrency = new Semaphore(16);
            List<CompletableFuture<WebhookSender.Response>> responses = new ArrayList<>();
            for (Fixture delivery : deliveries) {
                concurrency.acquire();
                responses.add(sender.sendAsync(delivery, server.endpoint(delivery.provider())).whenComplete((r, e) -> concurrency.release()));
            }
            for (CompletableFuture<WebhookSender.Response> response : responses) {
                assertThat(response.get(30, TimeUnit.SECONDS).status()).isLessThan(500);
            }
        }
        assertThat(blocked).as("blocked-thread warnings").isEmpty();
        for (String prefix : unique) {
            assertThat(processed.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().get()).sum())
                    .as(prefix).isEqualTo(1);
        }
    }

    /** A real store, noting any call of its blocking methods on an event loop. */
    static final class OffTheLoop implements IdempotencyStore {
        private final IdempotencyStore store;
        final List<String> blockingOnTheLoop = new CopyOnWriteArrayList<>();

        OffTheLoop(IdempotencyStore store) {
            this.store = store;
        }

        private void check(String method) {
            if (Context.isOnEventLoopThread()) {
                blockingOnTheLoop.add(method + " on " + Thread.currentThread().getName());
            }
        }

        @Override
        public Claim claim(String key, Duration lease) {
            check("claim");
            return store.claim(key, lease);
        }

        @Override
        public boolean complete(Claim claim, Duration retention) {
            check("complete");
            return store.complete(claim, retention);
        }

        @Override
        public boolean release(Claim claim) {
            check("release");
            return store.release(claim);
        }

        @Override
        public CompletionStage<Claim> claimAsync(String key, Duration lease) {
            return store.claimAsync(key, lease);
        }

        @Override
        public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
            return store.completeAsync(claim, retention);
        }

        @Override
        public CompletionStage<Boolean> releaseAsync(Claim claim) {
            return store.releaseAsync(claim);
        }
    }

    /** A store whose asynchronous methods answer after a delay on another thread, and whose blocking ones must not be called. */
    static final class SlowStore implements IdempotencyStore {
        private final IdempotencyStore delegate;
        private final ScheduledExecutorService network;
        private final long delayMillis;
        final AtomicInteger answered = new AtomicInteger();

        SlowStore(IdempotencyStore delegate, ScheduledExecutorService network, long delayMillis) {
            this.delegate = delegate;
            this.network = network;
            this.delayMillis = delayMillis;
        }

        private <T> CompletionStage<T> later(Supplier<T> operation) {
            CompletableFuture<T> result = new CompletableFuture<>();
            network.schedule(() -> {
                answered.incrementAndGet();
                try {
                    result.complete(operation.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
            return result;
        }

        @Override
        public Claim claim(String key, Duration lease) {
            throw new AssertionError("blocking claim on the event loop");
        }

        @Override
        public boolean complete(Claim claim, Duration retention) {
            throw new AssertionError("blocking complete on the event loop");
        }

        @Override
        public boolean release(Claim claim) {
            throw new AssertionError("blocking release on the event loop");
        }

        @Override
        public CompletionStage<Claim> claimAsync(String key, Duration lease) {
            return later(() -> delegate.claim(key, lease));
        }

        @Override
        public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
            return later(() -> delegate.complete(claim, retention));
        }

        @Override
        public CompletionStage<Boolean> releaseAsync(Claim claim) {
            return later(() -> delegate.release(claim));
        }
    }
}
