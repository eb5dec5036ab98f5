package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.IdempotencyStoreContractTest;
import dev.givinghooks.testsupport.RedisCluster;
import dev.givinghooks.testsupport.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real 3-master Redis Cluster started on loopback, every operation started on one of two event loops. */
class VertxRedisClusterStoreContractTest extends IdempotencyStoreContractTest {
    private RedisCluster cluster;
    private Vertx vertx;
    private OnTheLoops store;

    @Override
    protected IdempotencyStore createStore() throws Exception {
        cluster = RedisCluster.start(3);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        store = new OnTheLoops(VertxRedisIdempotencyStore.builder(vertx, cluster.uri()).keyPrefix("spread:").build(), vertx, 2);
        return store;
    }

    @AfterAll
    void stop() throws Exception {
        assertEquals(0, store.hops(), "results that came back on another thread than their loop");
        vertx.close().await();
        cluster.close();
    }

    /** Keys land on every master, each claimed, completed and released there: no operation needs another node. */
    @Test
    void keysSpreadOverEveryMaster() throws Exception {
        for (int i = 0; i < 60; i++) {
            IdempotencyStore.Claim claim = store.claim("spread-" + i, Duration.ofMinutes(5));
            assertTrue(i % 2 == 0 ? store.complete(claim, Duration.ofMinutes(5)) : store.release(claim));
            store.claim("spread-" + i, Duration.ofMinutes(5));
        }
        for (RedisServer master : cluster.masters()) {
            String keys = master.command("DBSIZE");
            assertTrue(Integer.parseInt(keys.substring(1)) > 0, "master on port " + master.port() + " holds " + keys);
        }
    }
}
