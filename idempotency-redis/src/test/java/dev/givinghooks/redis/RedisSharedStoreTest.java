package dev.givinghooks.redis;

import dev.givinghooks.servlet.contract.ServletAdapter;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.RunningAdapter;
import dev.givinghooks.testkit.contract.SharedStoreContractTest;
import dev.givinghooks.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;

/**
 * Two servlet containers, Jetty and Tomcat, each with the filter and a store of its own on one
 * real redis-server: a duplicate on the other instance, fifty concurrent copies, a failure and its
 * retry, and Redis killed mid-run and started again.
 */
class RedisSharedStoreTest extends SharedStoreContractTest {
    private RedisServer redis;

    @Override
    protected IdempotencyStore connect() throws Exception {
        if (redis == null) {
            redis = RedisServer.start();
        }
        return RedisIdempotencyStore.connect(redis.uri());
    }

    @Override
    protected RunningAdapter start(AdapterSetup setup, int instance) throws Exception {
        return instance == 1 ? ServletAdapter.tomcat(setup, false) : ServletAdapter.jetty(setup, false);
    }

    @Override
    protected void stopServer() throws Exception {
        redis.kill();
    }

    @Override
    protected void startServer() throws Exception {
        redis.restart();
    }

    @AfterAll
    void stopRedis() {
        redis.close();
    }
}
