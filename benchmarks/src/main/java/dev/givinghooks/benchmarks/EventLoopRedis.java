package dev.givinghooks.benchmarks;

import dev.givinghooks.redis.RedisIdempotencyStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.TimeUnit;

/**
 * The Redis store on a Lettuce client whose connection lives on Vert.x's event loop, for the
 * Vert.x target: with one event loop, the HTTP server and the Redis connection share its thread,
 * so a claim is written, answered and continued with no hand-off between threads. It reaches the
 * loop through Vert.x's internal API ({@code VertxInternal}), which only a benchmark should.
 */
final class EventLoopRedis {
    /** The scheme of the store spec {@link HttpTarget} makes this store for: {@code loop+redis://host:port}. */
    static final String SCHEME = "loop+redis";

    private EventLoopRedis() {
    }

    static boolean matches(String spec) {
        return spec.startsWith(SCHEME + "://");
    }

    /** Connects a store to the Redis of {@code loop+redis://host:port}, its I/O on the event loops of {@code vertx}. */
    static RedisIdempotencyStore store(Vertx vertx, String spec) {
        EventLoopGroup loops = ((VertxInternal) vertx).nettyEventLoopGroup();
        ClientResources resources = ClientResources.builder()
                .eventLoopGroupProvider(new Borrowed(loops))
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        // as the store's own client does
                        channel.pipeline().addFirst(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                    }
                })
                .build();
        return RedisIdempotencyStore.of(RedisClient.create(resources, "redis://" + spec.substring(SCHEME.length() + 3)));
    }

    /** Lends Vert.x's event loops to Lettuce, which must neither make its own nor shut these down. */
    private record Borrowed(EventLoopGroup loops) implements EventLoopGroupProvider {
        @Override
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            return type.cast(loops);
        }

        @Override
        public int threadPoolSize() {
            return 1;
        }

        @Override
        public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }

        @Override
        public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }
    }
}
