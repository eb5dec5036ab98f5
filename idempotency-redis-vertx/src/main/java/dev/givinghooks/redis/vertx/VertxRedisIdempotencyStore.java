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
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An {@link dev.givinghooks.spi.IdempotencyStore} on Redis for Vert.x applications: each event
 * loop that uses the store talks to Redis on a connection of its own, so a delivery's commands
 * leave from, and its replies come back to, the loop that serves the request, without a thread
 * hop. Works on a standalone Redis (7.0 or newer) and on a Redis Cluster.
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
 * <p>On a standalone Redis named by a URI, a loop's connection is a pipeline of the store's own
 * on Vert.x's TCP client: the commands the loop sends in one turn (the claims of the requests it
 * read together, the completions of the replies it read) leave in one write at the end of the
 * turn, and each reply completes its own command as soon as it is read. Vert.x's Redis client
 * carries every other call: on a Cluster, on an application's own client, and off the loops.
 *
 * <p>Building the store does not connect, so it may be built on an event loop (in a verticle's
 * {@code start}); {@link Builder#connect()} also checks that Redis answers. A loop opens its
 * connection when it first uses the store, and again after the connection fails or, on a
 * pipeline, after its commands have waited a whole timeout without a reply (a Redis that stopped
 * answering, a peer gone without closing); while Redis cannot be reached, a loop retries at most
 * once a second (sooner after a first failure), and operations in between fail at once. A call
 * from a thread that is not one of the Vert.x instance's event loops (a worker, a test) borrows a
 * connection from the client's pool. Every operation is bounded by the
 * {@linkplain Builder#timeout timeout}; a Redis that does not answer in time, or cannot be
 * reached, makes it fail with {@link StoreUnavailableException} (the receiver then answers 503
 * with {@code Retry-After}, or processes without deduplication when configured to fail open). A
 * claim that timed out after it was sent may still reach Redis: its lease then holds the key, and
 * the provider's retry is answered 409 until the lease ends; nothing is processed twice.
 *
 * <p>A {@code rediss://} URI connects with TLS, and the server's certificate must name the host
 * the URI names and be trusted: by the JVM's default trust store, or by what
 * {@link Builder#trust} sets. Each event loop on Vert.x's client holds one of its pooled
 * connections. A store {@linkplain #create made from a URI} sizes its client's pool for Vert.x's
 * default number of event loops (twice the processors) and closes its clients on
 * {@link #close()}; on an application's own client ({@link #builder(Vertx, Redis)}), size the
 * pool ({@link RedisOptions#setMaxPoolSize}) for the loops that use the store plus what the
 * application itself borrows.
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
     *
     * Why a pipeline of its own on a standalone Redis: RespPipeline says.
     */
    /** The wait before a loop's first new attempt after a failed connection; it doubles up to {@link #MAX_RETRY_NANOS}. */
    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Vertx vertx;
    /** Vert.x's Redis client: for calls off the loops, and every call on a Cluster or an application's client. */
    private final Redis client;
    private final boolean ownsClient;
    /** The loops' pipelines' client and server, for a standalone Redis on a client of the store's own; otherwise null. */
    private final NetClient netClient;
    private final RespPipeline.Endpoint endpoint;
    private final String topology;
    private final String prefix;
    private final ConcurrentMap<Thread, Lane<?>> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private VertxRedisIdempotencyStore(Builder builder) {
        super(builder.topology(), builder.timeout);
        this.vertx = builder.vertx;
        this.topology = builder.topology();
        this.prefix = builder.prefix;
        this.ownsClient = builder.client == null;
        RedisOptions options = builder.options();
        this.client = ownsClient ? Redis.createClient(vertx, options) : builder.client;
        this.endpoint = builder.endpoint;
        this.netClient = endpoint == null ? null : vertx.createNetClient(new NetClientOptions(options.getNetClientOptions()));
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
        boolean cluster = RedisUris.isCluster(uri);
        return new Builder(vertx, null, cluster, servers, cluster ? null : RespPipeline.Endpoint.of(servers.get(0)));
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
        return new Builder(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(client, "client"), false, List.of(), null);
    }

    @Override
    public CompletionStage<Claim> claimAsync(String key, Duration lease) {
        Objects.requireNonNull(key, "key");
        long leaseMillis = positiveMillis(lease, "lease");
        String token = newOwnerToken();
        return run(redis -> redis.send("SET", prefix + key, PENDING + token, "NX", "PX", Long.toString(leaseMillis), "GET"))
                .thenApply(holder -> RedisData.claimed(key, token, (String) holder));
    }

    @Override
    public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
        long retentionMillis = positiveMillis(retention, "retention");
        return owned(claim, COMPLETE, COMPLETE_SHA, Long.toString(retentionMillis));
    }

    @Override
    public CompletionStage<Boolean> releaseAsync(Claim claim) {
        return owned(claim, RELEASE, RELEASE_SHA, null);
    }

    /** Runs a script on the caller's own claim; a claim not acquired acts on nothing, without a round trip. */
    private CompletionStage<Boolean> owned(Claim claim, String script, String sha, String argument) {
        Objects.requireNonNull(claim, "claim");
        if (!claim.acquired()) {
            return CompletableFuture.completedFuture(false);
        }
        String key = prefix + claim.key();
        String owner = PENDING + claim.ownerToken();
        return run(redis -> redis.send(script(sha, key, owner, argument, "EVALSHA")).exceptionallyCompose(failure -> {
            if (String.valueOf(unwrap(failure).getMessage()).startsWith("NOSCRIPT")) {
                return redis.send(script(script, key, owner, argument, "EVAL"));
            }
            return CompletableFuture.failedFuture(failure);
        })).thenApply(changed -> Long.valueOf(1).equals(changed));
    }

    private static String[] script(String script, String key, String owner, String argument, String command) {
        return argument == null
                ? new String[] {command, script, "1", key, owner}
                : new String[] {command, script, "1", key, owner, argument};
    }

    private CompletionStage<Object> ping() {
        return run(redis -> redis.send("PING"));
    }

    /**
     * Runs an operation, bounded by the timeout, on the calling event loop's own connection, or,
     * off the loops, on connections borrowed from the client's pool. A loop's pipeline bounds its
     * commands on the loop's own timer; the others are bounded by {@link #bounded}.
     */
    private <T> CompletableFuture<T> run(Function<Sender, CompletableFuture<T>> operation) {
        if (closed) {
            return boundedByClient(() -> CompletableFuture.failedFuture(new IllegalStateException("the store is closed")));
        }
        // Inside executeBlocking, a worker thread has an event-loop context as its current one: the thread decides.
        Context context = Vertx.currentContext();
        if (!Context.isOnEventLoopThread() || context == null || context.owner() != vertx) {
            return bounded(() -> operation.apply(command -> value(client.send(request(command)))));
        }
        Thread loop = Thread.currentThread();
        Lane<?> lane = lanes.get(loop);
        if (lane == null) {
            lane = lanes.computeIfAbsent(loop, thread -> endpoint == null ? new ClientLane() : new PipelineLane(context));
        }
        Lane<?> own = lane;
        if (own instanceof PipelineLane) {
            long deadline = System.nanoTime() + timeout().toNanos();
            return boundedByClient(() -> operation.apply(command -> own.send(deadline, command)));
        }
        return bounded(() -> operation.apply(command -> own.send(0, command)));
    }

    /** Sends a command; the reply is a {@code String}, a {@code Long} or {@code null}. */
    @FunctionalInterface
    private interface Sender {
        CompletableFuture<Object> send(String... command);
    }

    private static Request request(String... command) {
        Request request = Request.cmd(Command.create(command[0]));
        for (int i = 1; i < command.length; i++) {
            request.arg(command[i]);
        }
        return request;
    }

    /** A reply of Vert.x's client as a pipeline's: a {@code Long} for a number, a {@code String} for the rest, {@code null} for none. */
    private static CompletableFuture<Object> value(Future<Response> reply) {
        return reply.map(response -> {
            if (response == null) {
                return null;
            }
            return response.type() == ResponseType.NUMBER ? (Object) response.toLong() : response.toString();
        }).toCompletionStage().toCompletableFuture();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Starts closing: each loop's connection is closed (or, on Vert.x's client, returned to its
     * pool), and a store made from a URI closes its clients. Returns at once, so that it may be
     * called on an event loop; operations called afterwards fail.
     */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(Lane::close);
        if (ownsClient) {
            client.close();
            if (netClient != null) {
                netClient.close();
            }
        }
    }

    /** Returns the topology, key prefix and timeout; never the URI, which may hold a password. */
    @Override
    public String toString() {
        return "VertxRedisIdempotencyStore[" + topology + ", prefix=" + prefix + ", timeout=" + timeout() + "]";
    }

    /**
     * One event loop's connection, opened on first use and again after it failed (or, for a
     * pipeline, stopped answering); see the rationale above for its threads.
     */
    private abstract class Lane<C> {
        private volatile C connection;
        private Future<C> opening;
        private Throwable lastFailure;
        private long retryAt;
        private long retryNanos = FIRST_RETRY_NANOS;

        /** Opens a connection from the loop. */
        abstract Future<C> open();

        /** Sends a command, answered by the deadline ({@link System#nanoTime}) if the connection bounds its commands itself. */
        abstract CompletableFuture<Object> send(C open, long deadline, String... command);

        /** Tells whether a connection is no longer worth sending on, though it has not reported a failure. */
        abstract boolean stuck(C open);

        /** Registers {@link #forget} for when the connection fails or ends. */
        abstract void onEnd(C open, Runnable forget);

        abstract void close(C open);

        CompletableFuture<Object> send(long deadline, String... command) {
            C open = connection;
            if (open != null && stuck(open)) {
                close(open);
                forget(open);
                open = null;
            }
            if (open != null) {
                return send(open, deadline, command);
            }
            if (opening == null) {
                if (lastFailure != null && System.nanoTime() - retryAt < 0) {
                    return CompletableFuture.failedFuture(lastFailure);
                }
                opening = opened();
            }
            return opening.toCompletionStage().toCompletableFuture().thenCompose(opened -> send(opened, deadline, command));
        }

        private Future<C> opened() {
            return open().andThen(result -> {
                opening = null;
                if (result.failed()) {
                    lastFailure = result.cause();
                    retryAt = System.nanoTime() + retryNanos;
                    retryNanos = Math.min(2 * retryNanos, MAX_RETRY_NANOS);
                    return;
                }
                C opened = result.result();
                onEnd(opened, () -> forget(opened));
                lastFailure = null;
                retryNanos = FIRST_RETRY_NANOS;
                connection = opened;
                if (closed) {
                    close();
                }
            });
        }

        /** Stops using a connection that failed or ended; the next operation opens another. */
        private void forget(C failed) {
            if (connection == failed) {
                connection = null;
            }
        }

        void close() {
            C open = connection;
            if (open != null) {
                close(open);
            }
        }
    }

    /** A loop's pipeline to a standalone Redis, on a client of the store's own. */
    private final class PipelineLane extends Lane<RespPipeline> {
        private final Context loop;

        PipelineLane(Context loop) {
            this.loop = loop;
        }

        @Override
        Future<RespPipeline> open() {
            return RespPipeline.open(loop, netClient, endpoint, timeout().toNanos());
        }

        @Override
        CompletableFuture<Object> send(RespPipeline open, long deadline, String... command) {
            return open.send(deadline, command);
        }

        @Override
        boolean stuck(RespPipeline open) {
            return open.stuck();
        }

        @Override
        void onEnd(RespPipeline open, Runnable forget) {
            open.onEnd(forget);
        }

        @Override
        void close(RespPipeline open) {
            open.close();
        }
    }

    /** A loop's connection from Vert.x's Redis client: for a Cluster, or on an application's client. */
    private final class ClientLane extends Lane<RedisConnection> {
        @Override
        Future<RedisConnection> open() {
            return client.connect();
        }

        @Override
        CompletableFuture<Object> send(RedisConnection open, long deadline, String... command) {
            return value(open.send(request(command)));
        }

        @Override
        boolean stuck(RedisConnection open) {
            return false;
        }

        @Override
        void onEnd(RedisConnection open, Runnable forget) {
            open.exceptionHandler(failure -> forget.run()).endHandler(end -> forget.run());
        }

        @Override
        void close(RedisConnection open) {
            open.close();
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
        /** The standalone server the loops' pipelines connect to; null on a Cluster or an application's client. */
        private final RespPipeline.Endpoint endpoint;
        private String prefix = "givinghooks:";
        private Duration timeout = Duration.ofSeconds(1);
        private TrustOptions trust;

        private Builder(Vertx vertx, Redis client, boolean cluster, List<String> endpoints, RespPipeline.Endpoint endpoint) {
            this.vertx = vertx;
            this.client = client;
            this.cluster = cluster;
            this.endpoints = endpoints;
            this.endpoint = endpoint;
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
         * Sets the certificates a {@code rediss://} server's certificate is checked against (a
         * private certificate authority's, say), instead of the JVM's default trust store; the
         * certificate must still name the host the URI names. For a store on an application's
         * own client, set them on its options instead.
         *
         * @param trust the trusted certificates, such as {@link io.vertx.core.net.PemTrustOptions}
         * @return this builder
         */
        public Builder trust(TrustOptions trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
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
            options.getNetClientOptions()
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, positiveMillis(timeout, "timeout")))
                    // rediss: TLS, and the server's certificate must name the host the URI names.
                    .setSsl(!endpoints.isEmpty() && endpoints.get(0).startsWith("rediss://"))
                    .setHostnameVerificationAlgorithm("HTTPS")
                    .setTrustOptions(trust);
            endpoints.forEach(options::addConnectionString);
            return options;
        }
    }
}
