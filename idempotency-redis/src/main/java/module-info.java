/**
 * Givinghooks idempotency on Redis: deduplication shared by every instance of a receiver.
 */
@SuppressWarnings("requires-transitive-automatic") // the API takes Lettuce's clients; Lettuce ships no module descriptor yet
module dev.givinghooks.redis {
    requires transitive dev.givinghooks;
    requires transitive lettuce.core;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;

    exports dev.givinghooks.redis;
}
