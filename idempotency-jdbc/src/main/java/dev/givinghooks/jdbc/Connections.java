package dev.givinghooks.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Where the store's statements get a connection: an application's pool, or one per store thread. */
sealed interface Connections {

    /** What runs on a connection. */
    @FunctionalInterface
    interface Use<T> {
        T on(Connection connection) throws SQLException;
    }

    /**
     * Runs work on a connection, committing it when the connection is not in auto-commit mode.
     *
     * @throws SQLException as the work or the connection fails
     */
    <T> T use(Use<T> work) throws SQLException;

    /** Closes what the store opened itself. */
    void close();

    /** Runs one statement's work and commits it unless the connection commits each statement itself. */
    private static <T> T commit(Connection connection, Use<T> work) throws SQLException {
        T result = work.on(connection);
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return result;
    }

    /** Borrows a connection from the application's pool for each operation. */
    record Borrowed(DataSource dataSource) implements Connections {
        @Override
        public <T> T use(Use<T> work) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                return commit(connection, work);
            }
        }

        @Override
        public void close() {
            // the pool is the application's
        }
    }

    /**
     * Keeps one connection per store thread, opened from a JDBC URL on first use and opened again
     * after any failure on it.
     */
    final class PerThread implements Connections {
        private final String url;
        private final ThreadLocal<Connection> current = new ThreadLocal<>();
        private final Set<Connection> open = ConcurrentHashMap.newKeySet();

        PerThread(String url) {
            this.url = url;
        }

        @Override
        public <T> T use(Use<T> work) throws SQLException {
            Connection connection = current.get();
            if (connection == null) {
                connection = DriverManager.getConnection(url, bounded(url));
                connection.setAutoCommit(true);
                current.set(connection);
                open.add(connection);
            }
            try {
                return commit(connection, work);
            } catch (SQLException e) {
                current.remove();
                open.remove(connection);
                closeQuietly(connection);
                throw e;
            }
        }

        /** PostgreSQL's driver waits 10 s to connect and forever on a socket unless told: bound both. */
        private static Properties bounded(String url) {
            Properties properties = new Properties();
            if (url.startsWith("jdbc:postgresql:")) {
                if (!url.contains("connectTimeout=")) {
                    properties.setProperty("connectTimeout", "2");
                }
                if (!url.contains("socketTimeout=")) {
                    properties.setProperty("socketTimeout", "30");
                }
            }
            return properties;
        }

        @Override
        public void close() {
            open.forEach(PerThread::closeQuietly);
            open.clear();
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is being dropped
            }
        }
    }
}
