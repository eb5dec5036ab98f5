package dev.givinghooks.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.IdempotencyStoreContractTest;
import dev.givinghooks.testsupport.RedisCluster;
import dev.givinghooks.testsupport.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real 3-master Redis Cluster started on loopback. */
class RedisClusterStoreContractTest extends IdempotencyStoreContractTest {
    private RedisCluster cluster;
    private RedisIdempotencyStore store;

    @Override
    protected IdempotencyStore createStore() throws Exception {
        cluster = RedisCluster.start(3);
        store = RedisIdempotencyStore.builder(cluster.uri()).keyPrefix("spread:").build();
        return store;
    }

    @AfterAll
    void stopCluster() {
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
