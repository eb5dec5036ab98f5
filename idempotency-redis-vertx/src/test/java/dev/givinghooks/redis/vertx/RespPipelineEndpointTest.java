package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the loops' pipelines connect: the parts of a standalone Redis URI, and clear refusals that never quote it. */
class RespPipelineEndpointTest {
    @Test
    void aUriNamesHostPortCredentialsDatabaseAndTls() {
        RespPipeline.Endpoint plain = RespPipeline.Endpoint.of("redis://redis.internal");
        assertEquals(List.of(false, "redis.internal", 6379, 0), List.of(plain.tls, plain.host, plain.port, plain.database));
        assertNull(plain.user);
        assertNull(plain.password);

        RespPipeline.Endpoint full = RespPipeline.Endpoint.of("rediss://receiver:p%40ss%3Aw%2Frd+1@redis_1:6380/7");
        assertEquals(List.of(true, "redis_1", 6380, 7, "receiver", "p@ss:w/rd+1"),
                List.of(full.tls, full.host, full.port, full.database, full.user, full.password));
        assertEquals("rediss://redis_1:6380/7", full.toString(), "never the password");

        RespPipeline.Endpoint passwordOnly = RespPipeline.Endpoint.of("redis://:secret@10.0.0.1:7000/");
        assertEquals(List.of("10.0.0.1", 7000, 0, "secret"), List.of(passwordOnly.host, passwordOnly.port, passwordOnly.database, passwordOnly.password));
        assertNull(passwordOnly.user, "no user: AUTH with the password alone");

        RespPipeline.Endpoint ipv6 = RespPipeline.Endpoint.of("redis://[::1]:6379");
        assertEquals(List.of("::1", 6379), List.of(ipv6.host, ipv6.port));
        RespPipeline.Endpoint ipv6NoPort = RespPipeline.Endpoint.of("redis://[fe80::1]");
        assertEquals(List.of("fe80::1", 6379), List.of(ipv6NoPort.host, ipv6NoPort.port));
    }

    @Test
    void aDatabaseOrPortThatIsNotANumberIsRefusedWhenTheStoreIsStarted() {
        Vertx vertx = Vertx.vertx();
        try {
            for (String bad : List.of("redis://:hunter2@host:6379/zero", "redis://:hunter2@host:port")) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VertxRedisIdempotencyStore.builder(vertx, bad));
                assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
                assertTrue(refused.getMessage().contains("numbers"), refused.getMessage());
            }
        } finally {
            vertx.close();
        }
    }
}
