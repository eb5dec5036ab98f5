package dev.givinghooks.jdbc;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.contract.IdempotencyStoreContractTest;
import dev.givinghooks.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;

/** The store contract on a real PostgreSQL, through a JDBC URL (one connection per store thread). */
class PostgresStoreContractTest extends IdempotencyStoreContractTest {
    private PostgresServer postgres;

    @Override
    protected IdempotencyStore createStore() throws Exception {
        postgres = PostgresServer.start();
        return JdbcIdempotencyStore.builder(postgres.jdbcUrl()).createTable(true).build();
    }

    @AfterAll
    void stopPostgres() {
        postgres.close();
    }
}
