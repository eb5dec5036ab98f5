/**
 * Givinghooks idempotency in the application's database: deduplication shared by every instance
 * of a receiver, over plain JDBC.
 */
module dev.givinghooks.jdbc {
    requires transitive dev.givinghooks;
    requires transitive java.sql;

    exports dev.givinghooks.jdbc;
}
