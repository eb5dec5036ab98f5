package dev.givinghooks.spring;

import dev.givinghooks.jdbc.JdbcIdempotencyStore;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;

/**
 * Creates the database store for {@code givinghooks.idempotency.store=jdbc} on the application's
 * {@link DataSource}. Loaded only when that store is chosen, so that the JDBC module stays
 * optional.
 */
final class JdbcStores {
    private JdbcStores() {
    }

    static JdbcIdempotencyStore create(GivinghooksProperties.Jdbc settings, ApplicationContext context) {
        DataSource dataSource = context.getBeanProvider(DataSource.class).getIfUnique();
        if (dataSource == null) {
            throw new IllegalStateException("givinghooks.idempotency.store=jdbc needs the application's DataSource: a single DataSource bean");
        }
        JdbcIdempotencyStore.Builder builder = JdbcIdempotencyStore.builder(dataSource);
        try {
            builder.table(settings.getTable());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("givinghooks.jdbc.table: " + e.getMessage());
        }
        return builder.createTable(settings.isCreateTable()).timeout(settings.getTimeout()).build();
    }
}
