package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.IdempotencyStoreContractTest;
import dev.givinghooks.testsupport.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;

/** The store contract on a real standalone redis-server, every operation started on one of two event loops: each loop's own connection. */
class VertxRedisOnTheLoopsContractTest extends IdempotencyStoreContractTest {
    private RedisServer redis;
    private Vertx vertx;
    private OnTheLoops store;

    @Override
    protected IdempotencyStore createStore() throws Exception {
        redis = RedisServer.start();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        store = new OnTheLoops(VertxRedisIdempotencyStore.create(vertx, redis.uri()), vertx, 2);
        return store;
    }

    @AfterAll
    void stop() throws Exception {
        assertEquals(0, store.hops(), "results that came back on another thread than their loop");
        vertx.close().await();
        redis.close();
    }
}
