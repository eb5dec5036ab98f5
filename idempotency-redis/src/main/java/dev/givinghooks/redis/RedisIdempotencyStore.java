package dev.givinghooks.redis;

import static dev.givinghooks.spi.RedisData.COMPLETE;
import static dev.givinghooks.spi.RedisData.COMPLETE_SHA;
import static dev.givinghooks.spi.RedisData.PENDING;
import static dev.givinghooks.spi.RedisData.RELEASE;
import static dev.givinghooks.spi.RedisData.RELEASE_SHA;

import dev.givinghooks.spi.RedisData;
import dev.givinghooks.spi.RedisUris;
import dev.givinghooks.spi.RemoteIdempotencyStore;
import dev.givinghooks.spi.StoreUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An {@link dev.givinghooks.spi.IdempotencyStore} on Redis, shared by every instance of a receiver: a retry that
 * lands on another instance, while the first delivery is processed or after, finds the claim.
 * Works on a standalone Redis (7.0 or newer) and on a Redis Cluster.
 *
 * <pre>{@code
 * IdempotencyStore store = RedisIdempotencyStore.connect("redis://redis.internal:6379");
 * WebhookFilter filter = WebhookFilter.builder(verifier).idempotencyStore(store).build();
 * }</pre>
 *
 * <p>Each idempotency key is one Redis string, {@code prefix + key}, expiring on Redis's clock:
 * a claim is {@code SET key P<token> NX PX lease GET} (one round trip that acquires the key or
 * returns what holds it), completing is a Lua script that turns the caller's own claim into
 * {@code D} for the retention, releasing a Lua script that deletes only the caller's own claim.
 * A processed delivery costs two round trips, a duplicate one. No command touches two keys, so
 * none crosses a Cluster slot. This is {@link dev.givinghooks.spi.RedisData}, the data every
 * Redis store keeps.
 *
 * <p>Every operation is bounded by the {@linkplain Builder#timeout timeout}; a Redis that does not
 * answer in time, or cannot be reached, makes it throw {@link StoreUnavailableException} (the
 * receiver then answers 503 with {@code Retry-After}, or processes without deduplication when
 * configured to fail open). A store {@linkplain #connect made from a URI} owns its client: it
 * rejects commands at once while disconnected, reconnects by itself (after at most a second) and
 * shuts the client down on {@link #close()}. A store on a client of the application's own uses
 * that client's options and closes only its connection. A claim that timed out after it was sent
 * may still reach Redis: its lease then holds the key, and the provider's retry is answered 409
 * until the lease ends; nothing is processed twice.
 *
 * <p>Run Redis with persistence (append-only file) where a restart must not forget which
 * deliveries were processed. Thread-safe; one store (one connection, pipelined) serves all
 * requests.
 */
public final class RedisIdempotencyStore extends RemoteIdempotencyStore implements AutoCloseable {
    /** The longest a reconnecting store of its own waits between attempts. */
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final AutoCloseable owned;
    private final String prefix;
    private final String topology;

    private RedisIdempotencyStore(Builder builder, Opened opened) {
        super(opened.topology, builder.timeout);
        this.connection = opened.connection;
        this.redis = opened.commands;
        this.owned = opened.owned;
        this.topology = opened.topology;
        this.prefix = builder.prefix;
    }

    /**
     * Returns a store on a new client for a Redis URI, with the default prefix and timeout: a
     * standalone {@code redis://host:port} (or {@code rediss://} for TLS, with optional
     * {@code user:password@} and {@code /database}), or a Cluster given by its seed nodes,
     * {@code redis-cluster://host:port,host:port} (or {@code rediss-cluster://}).
     *
     * @param uri where Redis is
     * @return a connected store that owns its client
     * @throws IllegalArgumentException if the URI is not one of those
     * @throws StoreUnavailableException if Redis cannot be reached now
     */
    public static RedisIdempotencyStore connect(String uri) {
        return builder(uri).build();
    }

    /**
     * Returns a store on an application's standalone client, with the default prefix and
     * timeout; the client stays the application's to shut down.
     *
     * @param client a client created with a URI
     * @return a connected store
     * @throws StoreUnavailableException if Redis cannot be reached now
     */
    public static RedisIdempotencyStore of(RedisClient client) {
        return builder(client).build();
    }

    /**
     * Returns a store on an application's Cluster client, with the default prefix and timeout; the
     * client stays the application's to shut down.
     *
     * @param client a Cluster client
     * @return a connected store
     * @throws StoreUnavailableException if the Cluster cannot be reached now
     */
    public static RedisIdempotencyStore of(RedisClusterClient client) {
        return builder(client).build();
    }

    /**
     * Starts a store on a new client for a Redis URI, as {@link #connect(String)} describes.
     *
     * @param uri where Redis is
     * @return a builder
     * @throws IllegalArgumentException if the URI is not a Redis or Redis Cluster URI
     */
    public static Builder builder(String uri) {
        List<RedisURI> seeds = seeds(uri);
        boolean cluster = RedisUris.isCluster(uri);
        return new Builder(cluster ? "Redis Cluster" : "Redis", timeout -> {
            seeds.forEach(seed -> seed.setTimeout(timeout));
            return cluster ? ownCluster(seeds) : ownStandalone(seeds.get(0));
        });
    }

    /**
     * Starts a store on an application's standalone client.
     *
     * @param client a client created with a URI
     * @return a builder
     */
    public static Builder builder(RedisClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder("Redis", timeout -> {
            var connection = client.connect(StringCodec.UTF8);
            return new Opened(connection, connection.async(), null, "Redis");
        });
    }

    /**
     * Starts a store on an application's Cluster client.
     *
     * @param client a Cluster client
     * @return a builder
     */
    public static Builder builder(RedisClusterClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder("Redis Cluster", timeout -> {
            var connection = client.connect(StringCodec.UTF8);
            return new Opened(connection, connection.async(), null, "Redis Cluster");
        });
    }

    private static Opened ownStandalone(RedisURI uri) {
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        return own(client, resources, () -> {
            var connection = client.connect(StringCodec.UTF8);
            return new Opened(connection, connection.async(), null, "Redis");
        });
    }

    private static Opened ownCluster(List<RedisURI> seeds) {
        ClientResources resources = resources();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        // A Cluster connection opens its node connections when first used: a command must wait
        // for them, so commands are queued while disconnected (and bounded by the timeout).
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        return own(client, resources, () -> {
            var connection = client.connect(StringCodec.UTF8);
            return new Opened(connection, connection.async(), null, "Redis Cluster");
        });
    }

    /** Connects a client of the store's own, which the store then shuts down with its resources; or shuts it down at once if the connection fails. */
    private static Opened own(AbstractRedisClient client, ClientResources resources, Supplier<Opened> connect) {
        AutoCloseable shutdown = () -> {
            client.shutdown();
            resources.shutdown().get(10, TimeUnit.SECONDS);
        };
        try {
            Opened opened = connect.get();
            return new Opened(opened.connection, opened.commands, shutdown, opened.topology);
        } catch (RuntimeException e) {
            try {
                shutdown.close();
            } catch (Exception ignored) {
                // the connection's failure is the one to report
            }
            throw e;
        }
    }

    /**
     * A client of the store's own: Lettuce's smallest thread pools are plenty for one pipelined
     * connection, whose flushes are consolidated.
     */
    private static ClientResources resources() {
        return ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        // Commands from concurrent deliveries that reach the event loop together leave in one write,
                        // not one system call each: 13 % more deliveries per second on Jetty over loopback, one core.
                        channel.pipeline().addFirst(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                    }
                })
                .build();
    }

    @Override
    public CompletionStage<Claim> claimAsync(String key, Duration lease) {
        Objects.requireNonNull(key, "key");
        long leaseMillis = positiveMillis(lease, "lease");
        String token = newOwnerToken();
        return bounded(() -> redis.setGet(prefix + key, PENDING + token, new SetArgs().nx().px(leaseMillis)))
                .thenApply(holder -> RedisData.claimed(key, token, holder));
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
        String[] keys = {prefix + claim.key()};
        String[] args = new String[1 + more.length];
        args[0] = PENDING + claim.ownerToken();
        System.arraycopy(more, 0, args, 1, more.length);
        return bounded(() -> redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args).exceptionallyCompose(failure -> {
            if (failure instanceof RedisNoScriptException || failure.getCause() instanceof RedisNoScriptException) {
                return redis.eval(script, ScriptOutputType.INTEGER, keys, args);
            }
            return CompletableFuture.failedFuture(failure);
        })).thenApply(changed -> changed != null && changed == 1L);
    }

    /** Closes the connection and, for a store made from a URI, shuts its client down. */
    @Override
    public void close() {
        connection.close();
        if (owned != null) {
            try {
                owned.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException("the Redis client did not shut down", e);
            }
        }
    }

    /** Returns the topology, key prefix and timeout; never the URI, which may hold a password. */
    @Override
    public String toString() {
        return "RedisIdempotencyStore[" + topology + ", prefix=" + prefix + ", timeout=" + timeout() + "]";
    }

    private record Opened(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands,
            AutoCloseable owned, String topology) {
    }

    /** How the store opens its connection: on a client of its own or of the application's. */
    private interface Opener {
        Opened open(Duration timeout);
    }

    /**
     * Builds a {@link RedisIdempotencyStore}; {@link #build()} connects. Not thread-safe.
     */
    public static final class Builder {
        private final String topology;
        private final Opener opener;
        private String prefix = "givinghooks:";
        private Duration timeout = Duration.ofSeconds(1);

        private Builder(String topology, Opener opener) {
            this.topology = topology;
            this.opener = opener;
        }

        /**
         * Sets what every key starts with, so that several receivers (or other data) can share a
         * Redis. Default {@code givinghooks:}.
         *
         * @param prefix the prefix, possibly empty
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Sets how long an operation may take before the store counts Redis as unavailable.
         * Default 1 second: a delivery is answered well inside providers' own timeouts (Chuffed
         * waits 2 seconds).
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
         * Connects and returns the store.
         *
         * @return the store
         * @throws StoreUnavailableException if Redis cannot be reached now
         */
        public RedisIdempotencyStore build() {
            return new RedisIdempotencyStore(this, open());
        }

        private Opened open() {
            try {
                return opener.open(timeout);
            } catch (RedisException e) {
                throw new StoreUnavailableException("cannot connect to " + topology + ": " + e.getMessage(), e);
            }
        }
    }

    /** Returns the Lettuce URIs of the servers a URI names ({@link RedisUris#servers}). */
    static List<RedisURI> seeds(String uri) {
        return RedisUris.servers(uri).stream().map(RedisIdempotencyStore::redisUri).toList();
    }

    /** Parses one URI; Lettuce's message would quote it, password included, so it is not passed on. */
    private static RedisURI redisUri(String uri) {
        try {
            return RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid Redis URI");
        }
    }
}
