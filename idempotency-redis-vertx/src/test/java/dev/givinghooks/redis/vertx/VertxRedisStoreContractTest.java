package dev.givinghooks.redis.vertx;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.IdempotencyStoreContractTest;
import dev.givinghooks.testsupport.RedisServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;

/** The store contract on a real standalone redis-server, called off Vert.x's threads: on connections borrowed from the pool. */
class VertxRedisStoreContractTest extends IdempotencyStoreContractTest {
    private RedisServer redis;
    private Vertx vertx;

    @Override
    protected IdempotencyStore createStore() throws Exception {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        return VertxRedisIdempotencyStore.create(vertx, redis.uri());
    }

    @AfterAll
    void stop() throws Exception {
        vertx.close().await();
        redis.close();
    }
}
