/**
 * Givinghooks idempotency on Redis for Vert.x: deduplication shared by every instance of a
 * receiver, on Vert.x's event loops (its TCP client, and its Redis client for a Cluster).
 */
module dev.givinghooks.redis.vertx {
    requires transitive dev.givinghooks;
    requires transitive io.vertx.core;
    requires transitive io.vertx.redis.client;

    exports dev.givinghooks.redis.vertx;
}
