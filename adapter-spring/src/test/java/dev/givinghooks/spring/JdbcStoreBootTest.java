package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.jdbc.JdbcIdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testsupport.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code givinghooks.idempotency.store=jdbc}: two applications, each on a DataSource of its own,
 * share one real PostgreSQL; the first creates the table at startup, the second finds it.
 */
class JdbcStoreBootTest extends SharedStoreBootTest {
    private PostgresServer postgres;

    @Override
    void startServer() throws Exception {
        postgres = PostgresServer.start();
    }

    @Override
    void killServer() throws Exception {
        postgres.kill();
    }

    @Override
    void restartServer() throws Exception {
        postgres.restart();
    }

    @Override
    void stopServer() {
        postgres.close();
    }

    @Override
    ConfigurableApplicationContext startApplication(int instance) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        return instance == 0
                ? run(Map.of("dataSource", dataSource), "jdbc", "givinghooks.jdbc.create-table=true", "givinghooks.jdbc.timeout=2s")
                : run(Map.of("dataSource", dataSource), "jdbc");
    }

    @Override
    Class<? extends IdempotencyStore> storeType() {
        return JdbcIdempotencyStore.class;
    }

    @Test
    void theTableAndTimeoutComeFromTheProperties() {
        assertThat(first.getBean(IdempotencyStore.class)).hasToString("JdbcIdempotencyStore[table=givinghooks_idempotency, timeout=PT2S, threads=4]");
    }
}
