package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.redis.RedisIdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code givinghooks.idempotency.store=redis}: one application on {@code givinghooks.redis.uri},
 * one on a Lettuce client bean of its own, both on one real redis-server.
 */
class RedisStoreBootTest extends SharedStoreBootTest {
    private RedisServer redis;
    private RedisClient client;

    @Override
    void startServer() throws Exception {
        redis = RedisServer.start();
        client = RedisClient.create(redis.uri());
    }

    @Override
    void killServer() throws Exception {
        redis.kill();
    }

    @Override
    void restartServer() throws Exception {
        redis.restart();
    }

    @Override
    void stopServer() {
        client.shutdown();
        redis.close();
    }

    @Override
    ConfigurableApplicationContext startApplication(int instance) {
        return instance == 0
                ? run(Map.of(), "redis", "givinghooks.redis.uri=" + redis.uri(), "givinghooks.redis.key-prefix=shop:")
                : run(Map.of("redisClient", client), "redis", "givinghooks.redis.key-prefix=shop:");
    }

    @Override
    Class<? extends IdempotencyStore> storeType() {
        return RedisIdempotencyStore.class;
    }

    @Test
    void thePrefixAndTimeoutComeFromTheProperties() throws Exception {
        assertThat(first.getBean(IdempotencyStore.class)).hasToString("RedisIdempotencyStore[Redis, prefix=shop:, timeout=PT1S]");
        Fixture delivery = kit.sirGiving().actionCompleted().signed();
        first.getBean(IdempotencyStore.class).claim(kit.sirGivingVerifier().verify(delivery.toWebhookRequest()).idempotencyKey(),
                java.time.Duration.ofMinutes(1));
        assertThat(redis.command("EXISTS", "shop:" + kit.sirGivingVerifier().verify(delivery.toWebhookRequest()).idempotencyKey()))
                .isEqualTo(":1");
    }
}
