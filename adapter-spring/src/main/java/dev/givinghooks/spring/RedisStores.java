package dev.givinghooks.spring;

import dev.givinghooks.redis.RedisIdempotencyStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.springframework.context.ApplicationContext;

/**
 * Creates the Redis store for {@code givinghooks.idempotency.store=redis}: on
 * {@code givinghooks.redis.uri}, or on the application's Lettuce client bean. Loaded only when
 * that store is chosen, so that the Redis module stays optional.
 */
final class RedisStores {
    private RedisStores() {
    }

    static RedisIdempotencyStore create(GivinghooksProperties.Redis settings, ApplicationContext context) {
        RedisIdempotencyStore.Builder builder;
        if (settings.getUri() != null && !settings.getUri().isBlank()) {
            try {
                builder = RedisIdempotencyStore.builder(settings.getUri().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("givinghooks.redis.uri: " + e.getMessage());
            }
        } else {
            RedisClusterClient cluster = context.getBeanProvider(RedisClusterClient.class).getIfUnique();
            RedisClient client = context.getBeanProvider(RedisClient.class).getIfUnique();
            if (cluster != null) {
                builder = RedisIdempotencyStore.builder(cluster);
            } else if (client != null) {
                builder = RedisIdempotencyStore.builder(client);
            } else {
                throw new IllegalStateException("givinghooks.idempotency.store=redis needs givinghooks.redis.uri,"
                        + " or a single Lettuce RedisClient or RedisClusterClient bean");
            }
        }
        return builder.keyPrefix(settings.getKeyPrefix()).timeout(settings.getTimeout()).build();
    }
}
