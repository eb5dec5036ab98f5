package dev.givinghooks.redis.vertx;

import static dev.givinghooks.spi.RedisData.COMPLETE;
import static dev.givinghooks.spi.RedisData.COMPLETE_SHA;
import static dev.givinghooks.spi.RedisData.PENDING;
import static dev.givinghooks.spi.RedisData.RELEASE;
import static dev.givinghooks.spi.RedisData.RELEASE_SHA;

import dev.givinghooks.spi.RedisData;
import dev.givinghooks.spi.RedisUris;
import dev.givinghooks.spi.RemoteIdempotencyStore;
import dev.givinghooks.spi.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An {@link dev.givinghooks.spi.IdempotencyStore} on Redis for Vert.x applications, on Vert.x's
 * own Redis client: each event loop that uses the store talks to Redis on a connection of its own,
 * so a delivery's commands leave from, and its replies come back to, the loop that serves the
 * request, without a thread hop; on a standalone Redis, the claims a loop starts in one turn
 * (the deliveries it read together) leave in one write. Works on a standalone Redis (7.0 or newer)
 * and on a Redis Cluster.
 *
 * <pre>{@code
 * VertxRedisIdempotencyStore store = VertxRedisIdempotencyStore.create(vertx, "redis://redis.internal:6379");
 * router.post("/webhooks/sir-giving").handler(WebhookHandler.builder(verifier).idempotencyStore(store).build());
 * }</pre>
 *
 * <p>It keeps {@link dev.givinghooks.spi.RedisData}, as {@code RedisIdempotencyStore} (module
 * {@code givinghooks-idempotency-redis}, on Lettuce) does: the same keys, {@code prefix + key},
 * values, {@code SET NX PX GET} claim and Lua scripts, so instances on either store share one
 * Redis. A processed delivery costs two round trips, a duplicate one, and
 * no command touches two keys, so none crosses a Cluster slot.
 *
 * <p>Building the store does not connect, so it may be built on an event loop (in a verticle's
 * {@code start}); {@link Builder#connect()} also checks that Redis answers. A loop opens its
 * connection when it first uses the store, and again after the connection fails; while Redis
 * cannot be reached, a loop retries at most once a second (sooner after a first failure), and
 * operations in between fail at once. A call from a thread that is not one of the Vert.x
 * instance's event loops (a worker, a test) borrows a connection from the client's pool. Every
 * operation is bounded by the {@linkplain Builder#timeout timeout}; a Redis that does not answer
 * in time, or cannot be reached, makes it fail with {@link StoreUnavailableException} (the
 * receiver then answers 503 with {@code Retry-After}, or processes without deduplication when
 * configured to fail open). A claim that timed out after it was sent may still reach Redis: its
 * lease then holds the key, and the provider's retry is answered 409 until the lease ends;
 * nothing is processed twice. When Redis refuses one claim of a batch (only a key under the
 * prefix that is not the store's, holding another type, can make it refuse one and not the
 * others), the client fails the whole batch, though Redis ran the others; the store then sends
 * each claim again on its own, so that each gets its own answer: one that Redis had taken the
 * first time finds its own owner token and counts as acquired.
 *
 * <p>Each event loop holds one of the client's pooled connections. A store {@linkplain #create
 * made from a URI} sizes its client's pool for Vert.x's default number of event loops (twice the
 * processors) and closes the client on {@link #close()}; on an application's own client
 * ({@link #builder(Vertx, Redis)}), size the pool ({@link RedisOptions#setMaxPoolSize}) for the
 * loops that use the store plus what the application itself borrows. A store on an application's
 * client sends each claim on its own: it cannot tell a Cluster client, on which a batch must keep
 * to one slot.
 *
 * <p>Run Redis with persistence (append-only file) where a restart must not forget which
 * deliveries were processed. Thread-safe.
 */
public final class VertxRedisIdempotencyStore extends RemoteIdempotencyStore implements AutoCloseable {
    /*
     * The data is RedisData's, shared with RedisIdempotencyStore.
     *
     * Threads: a Lane is one event loop's connection, read and written only on that loop's thread
     * (its connection's callbacks run there too, as the connection was opened from it), except
     * close(), which only reads it.
     */
    /** The wait before a loop's first new attempt after a failed connection; it doubles up to {@link #MAX_RETRY_NANOS}. */
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The most claims a loop sends in one batch: far inside the client's queue of requests waiting for replies (2,048 a connection). */
    private static final int MAX_BATCH = 256;

    private final Vertx vertx;
    private final Redis client;
    private final boolean ownsClient;
    private final String topology;
    private final String prefix;
    private final ConcurrentMap<Thread, Lane> lanes = new ConcurrentHashMap<>();
    /** Whether a loop's claims leave together: not on a Cluster, whose batches must stay within one slot. */
    private final boolean batchesClaims;
    private volatile boolean closed;

    private VertxRedisIdempotencyStore(Builder builder) {
        super(builder.topology(), builder.timeout);
        this.vertx = builder.vertx;
        this.topology = builder.topology();
        this.prefix = builder.prefix;
        this.ownsClient = builder.client == null;
        this.client = ownsClient ? Redis.createClient(vertx, builder.options()) : builder.client;
        this.batchesClaims = ownsClient && !builder.cluster;
    }

    /**
     * Returns a store on a new client for a Redis URI, with the default prefix and timeout, as
     * {@link #builder(Vertx, String)} describes; it connects when first used.
     *
     * @param vertx the Vert.x instance whose event loops use the store
     * @param uri where Redis is
     * @return the store, which owns its client
     * @throws IllegalArgumentException if the URI is not a Redis or Redis Cluster URI
     */
    public static VertxRedisIdempotencyStore create(Vertx vertx, String uri) {
        return builder(vertx, uri).build();
    }

    /**
     * Starts a store on a new client for a Redis URI: a standalone {@code redis://host:port} (or
     * {@code rediss://} for TLS, with optional {@code user:password@} and {@code /database}), or a
     * Cluster given by its seed nodes, {@code redis-cluster://host:port,host:port} (or
     * {@code rediss-cluster://}): the URIs {@code RedisIdempotencyStore} takes.
     *
     * @param vertx the Vert.x instance whose event loops use the store
     * @param uri where Redis is
     * @return a builder
     * @throws IllegalArgumentException if the URI is not a Redis or Redis Cluster URI
     */
    public static Builder builder(Vertx vertx, String uri) {
        Objects.requireNonNull(vertx, "vertx");
        List<String> servers = RedisUris.servers(uri);
        return new Builder(vertx, null, RedisUris.isCluster(uri), servers);
    }

    /**
     * Starts a store on an application's client, of any type; the client stays the application's
     * to close. Each event loop that uses the store holds one of its pooled connections.
     *
     * @param vertx the Vert.x instance the client was created with
     * @param client the client
     * @return a builder
     */
    public static Builder builder(Vertx vertx, Redis client) {
        return new Builder(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(client, "client"), false, List.of());
    }

    @Override
    public CompletionStage<Claim> claimAsync(String key, Duration lease) {
        Objects.requireNonNull(key, "key");
        long leaseMillis = positiveMillis(lease, "lease");
        String token = newOwnerToken();
        Request set = Request.cmd(Command.SET).arg(prefix + key).arg(PENDING + token).arg("NX").arg("PX").arg(leaseMillis).arg("GET");
        // A claim sent again after its batch failed finds its own value if Redis took it the first time: RedisData.claimed.
        return bounded(() -> send(set, batchesClaims).toCompletionStage())
                .thenApply(holder -> RedisData.claimed(key, token, holder == null ? null : holder.toString()));
    }

    @Override
    public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
        long retentionMillis = positiveMillis(retention, "retention");
        return owned(claim, COMPLETE, COMPLETE_SHA, Long.toString(retentionMillis));
    }

    @Override
    public CompletionStage<Boolean> releaseAsync(Claim claim) {
        return owned(claim, RELEASE, RELEASE_SHA);
    }

    /** Runs a script on the caller's own claim; a claim not acquired acts on nothing, without a round trip. */
    private CompletionStage<Boolean> owned(Claim claim, String script, String sha, String... more) {
        Objects.requireNonNull(claim, "claim");
        if (!claim.acquired()) {
            return CompletableFuture.completedFuture(false);
        }
        return bounded(() -> send(script(Command.EVALSHA, sha, claim, more), false).recover(failure -> {
            if (String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
                return send(script(Command.EVAL, script, claim, more), false);
            }
            return Future.failedFuture(failure);
        }).toCompletionStage()).thenApply(changed -> changed != null && changed.toLong() == 1L);
    }

    private Request script(Command command, String script, Claim claim, String... more) {
        Request request = Request.cmd(command).arg(script).arg(1).arg(prefix + claim.key()).arg(PENDING + claim.ownerToken());
        for (String arg : more) {
            request.arg(arg);
        }
        return request;
    }

    private CompletionStage<Response> ping() {
        return bounded(() -> send(Request.cmd(Command.PING), false).toCompletionStage());
    }

    /**
     * Sends on the calling event loop's own connection, or on one borrowed from the pool off the
     * loops; on a loop, a request to be batched leaves with the others of the loop's turn.
     */
    private Future<Response> send(Request request, boolean batched) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        // Inside executeBlocking, a worker thread has an event-loop context as its current one: the thread decides.
        Context context = Vertx.currentContext();
        if (!Context.isOnEventLoopThread() || context == null || context.owner() != vertx) {
            return client.send(request);
        }
        Thread loop = Thread.currentThread();
        Lane lane = lanes.get(loop);
        if (lane == null) {
            lane = lanes.computeIfAbsent(loop, thread -> new Lane());
        }
        return batched ? lane.batch(request) : lane.send(request);
    }

    /**
     * Starts closing: each loop's connection is returned to the client's pool, and a store made
     * from a URI closes its client. Returns at once, so that it may be called on an event loop;
     * operations called afterwards fail.
     */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(Lane::close);
        if (ownsClient) {
            client.close();
        }
    }

    /** Returns the topology, key prefix and timeout; never the URI, which may hold a password. */
    @Override
    public String toString() {
        return "VertxRedisIdempotencyStore[" + topology + ", prefix=" + prefix + ", timeout=" + timeout() + "]";
    }

    /** One event loop's connection, opened on first use and after a failure; see the rationale above for its threads. */
    private final class Lane {
        private volatile RedisConnection connection;
        private Future<RedisConnection> opening;
        private Throwable lastFailure;
        private long retryAt;
        private long retryNanos = FIRST_RETRY_NANOS;
        /** The claims of this turn of the loop, sent together at its end; null when there are none. */
        private List<Request> batch;
        private List<Promise<Response>> batched;

        Future<Response> send(Request request) {
            return withConnection(open -> open.send(request));
        }

        /**
         * Sends a request with the others batched in this turn of the loop, in one write at its
         * end: the claims of the deliveries whose requests the loop read in one turn. A claim
         * comes from reading an HTTP request, so each would otherwise cost a write of its own.
         * Completions are not batched: sent from a handler of the connection's own replies, they
         * already leave together when those have been read, and Redis answers each batch once it
         * has run all of it, so completions (scripts, the slower commands) in a batch of claims
         * would hold the claims' replies back. If Redis refuses one request, the client fails the
         * whole batch (though Redis ran the others); each is then sent again on its own, for its
         * own answer.
         */
        Future<Response> batch(Request request) {
            if (batch == null) {
                batch = new ArrayList<>();
                batched = new ArrayList<>();
                vertx.runOnContext(endOfTurn -> flush());
            }
            Promise<Response> promise = Promise.promise();
            batch.add(request);
            batched.add(promise);
            if (batch.size() == MAX_BATCH) {
                flush();
            }
            return promise.future();
        }

        private void flush() {
            List<Request> requests = batch;
            List<Promise<Response>> promises = batched;
            if (requests == null) {
                return; // flushed when full
            }
            batch = null;
            batched = null;
            if (requests.size() == 1) {
                send(requests.get(0)).onComplete(promises.get(0));
                return;
            }
            withConnection(open -> open.batch(requests)).onComplete(replies -> {
                for (int i = 0; i < promises.size(); i++) {
                    if (replies.succeeded()) {
                        promises.get(i).complete(replies.result().get(i));
                    } else {
                        send(requests.get(i)).onComplete(promises.get(i));
                    }
                }
            });
        }

        private <T> Future<T> withConnection(Function<RedisConnection, Future<T>> operation) {
            RedisConnection open = connection;
            if (open != null) {
                return operation.apply(open);
            }
            if (opening == null) {
                if (lastFailure != null && System.nanoTime() - retryAt < 0) {
                    return Future.failedFuture(lastFailure);
                }
                opening = open();
            }
            return opening.compose(operation);
        }

        private Future<RedisConnection> open() {
            return client.connect().andThen(result -> {
                opening = null;
                if (result.failed()) {
                    lastFailure = result.cause();
                    retryAt = System.nanoTime() + retryNanos;
                    retryNanos = Math.min(2 * retryNanos, MAX_RETRY_NANOS);
                    return;
                }
                RedisConnection opened = result.result();
                opened.exceptionHandler(failure -> forget(opened)).endHandler(end -> forget(opened));
                lastFailure = null;
                retryNanos = FIRST_RETRY_NANOS;
                connection = opened;
                if (closed) {
                    close();
                }
            });
        }

        /** Stops using a connection that failed or ended; the next operation opens another. */
        private void forget(RedisConnection failed) {
            if (connection == failed) {
                connection = null;
            }
        }

        void close() {
            RedisConnection open = connection;
            if (open != null) {
                open.close();
            }
        }
    }

    /**
     * Builds a {@link VertxRedisIdempotencyStore}. Not thread-safe.
     */
    public static final class Builder {
        private final Vertx vertx;
        private final Redis client;
        /** Whether the URI named a Cluster; an application's client is taken as it comes. */
        private final boolean cluster;
        private final List<String> endpoints;
        private String prefix = "givinghooks:";
        private Duration timeout = Duration.ofSeconds(1);

        private Builder(Vertx vertx, Redis client, boolean cluster, List<String> endpoints) {
            this.vertx = vertx;
            this.client = client;
            this.cluster = cluster;
            this.endpoints = endpoints;
        }

        /**
         * Sets what every key starts with, so that several receivers (or other data) can share a
         * Redis. Default {@code givinghooks:}, as {@code RedisIdempotencyStore}'s.
         *
         * @param prefix the prefix, possibly empty
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets how long an operation (and, for a client of the store's own, opening a
         * connection) may take before the store counts Redis as unavailable. Default 1 second:
         * a delivery is answered well inside providers' own timeouts (Chuffed waits 2 seconds).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            positiveMillis(timeout, "timeout");
            this.timeout = timeout;
            return this;
        }

        /**
         * Returns the store, without connecting: safe on an event loop.
         *
         * @return the store
         */
        public VertxRedisIdempotencyStore build() {
            return new VertxRedisIdempotencyStore(this);
        }

        /**
         * Returns the store once Redis has answered a {@code PING}, or fails with
         * {@link StoreUnavailableException} (and closes the store) if it does not within the
         * timeout.
         *
         * @return the store, when Redis answers
         */
        public Future<VertxRedisIdempotencyStore> connect() {
            VertxRedisIdempotencyStore store = build();
            return Future.fromCompletionStage(store.ping(), vertx.getOrCreateContext()).map(store).onFailure(failure -> store.close());
        }

        private String topology() {
            return cluster ? "Redis Cluster" : "Redis";
        }

        private RedisOptions options() {
            RedisOptions options = new RedisOptions()
                    .setType(cluster ? RedisClientType.CLUSTER : RedisClientType.STANDALONE)
                    // Vert.x's default event loops (twice the processors) each hold one connection; more for calls off the loops.
                    .setMaxPoolSize(2 * Runtime.getRuntime().availableProcessors() + 4)
                    .setMaxPoolWaiting(1024);
            options.getNetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, positiveMillis(timeout, "timeout")));
            endpoints.forEach(options::addConnectionString);
            return options;
        }
    }
}
