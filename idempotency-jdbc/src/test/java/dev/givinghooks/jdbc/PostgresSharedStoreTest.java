package dev.givinghooks.jdbc;

import dev.givinghooks.servlet.contract.ServletAdapter;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.RunningAdapter;
import dev.givinghooks.testkit.contract.SharedStoreContractTest;
import dev.givinghooks.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;

/**
 * Two servlet containers, Jetty and Tomcat, each with the filter and a store of its own on one
 * real PostgreSQL: a duplicate on the other instance, fifty concurrent copies, a failure and its
 * retry, and the database stopped mid-run (immediate shutdown, as a crash) and started again.
 */
class PostgresSharedStoreTest extends SharedStoreContractTest {
    private PostgresServer postgres;

    @Override
    protected IdempotencyStore connect() throws Exception {
        if (postgres == null) {
            postgres = PostgresServer.start();
        }
        return JdbcIdempotencyStore.builder(postgres.jdbcUrl()).createTable(true).build();
    }

    @Override
    protected RunningAdapter start(AdapterSetup setup, int instance) throws Exception {
        return instance == 1 ? ServletAdapter.tomcat(setup, false) : ServletAdapter.jetty(setup, false);
    }

    @Override
    protected void stopServer() throws Exception {
        postgres.kill();
    }

    @Override
    protected void startServer() throws Exception {
        postgres.restart();
    }

    @AfterAll
    void stopPostgres() {
        postgres.close();
    }
}
