package dev.givinghooks.redis;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.IdempotencyStoreContractTest;
import dev.givinghooks.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;

/** The store contract on a real standalone redis-server. */
class RedisStoreContractTest extends IdempotencyStoreContractTest {
    private RedisServer redis;

    @Override
    protected IdempotencyStore createStore() throws Exception {
        redis = RedisServer.start();
        return RedisIdempotencyStore.connect(redis.uri());
    }

    @AfterAll
    void stopRedis() {
        redis.close();
    }
}
