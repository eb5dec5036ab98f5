/**
 * Givinghooks on Vert.x 5: a route handler that verifies webhook deliveries without blocking the
 * event loop.
 */
module dev.givinghooks.vertx {
    requires transitive dev.givinghooks;
    requires transitive io.vertx.core;
    requires transitive io.vertx.web;

    exports dev.givinghooks.vertx;
}
