package dev.givinghooks.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Redis URIs every Redis store takes: standalone servers, Cluster seeds, and refusals that never quote the URI. */
class RedisUrisTest {
    @Test
    void aStandaloneUriIsItsOwnServer() {
        assertThat(RedisUris.servers("redis://127.0.0.1:6379/2")).containsExactly("redis://127.0.0.1:6379/2");
        assertThat(RedisUris.servers("rediss://user:pw@redis.internal:6380")).containsExactly("rediss://user:pw@redis.internal:6380");
        assertThat(RedisUris.servers("redis://redis_1:6379")).as("a Compose service name, which java.net.URI gives no host")
                .containsExactly("redis://redis_1:6379");
        assertThat(RedisUris.isCluster("redis://127.0.0.1:6379")).isFalse();
    }

    @Test
    void aClusterUriNamesOneServerPerSeedEachWithTheCredentialsAndQuery() {
        assertThat(RedisUris.servers("rediss-cluster://user:pw@10.0.0.1:7000, 10.0.0.2:7001/0?timeout=5s"))
                .containsExactly("rediss://user:pw@10.0.0.1:7000/0?timeout=5s", "rediss://user:pw@10.0.0.2:7001/0?timeout=5s");
        assertThat(RedisUris.servers("redis-cluster://h1:7000,h2:7000?x=1")).containsExactly("redis://h1:7000?x=1", "redis://h2:7000?x=1");
        assertThat(RedisUris.servers("redis-cluster://h1:7000")).containsExactly("redis://h1:7000");
        assertThat(RedisUris.isCluster("redis-cluster://h1:7000")).isTrue();
        assertThat(RedisUris.isCluster("rediss-cluster://h1:7000")).isTrue();
    }

    @Test
    void refusalsNameTheProblemAndNeverQuoteTheUri() {
        for (String bad : new String[] {"http://:hunter2@x", "localhost:6379", "redis://:hunter2@bad host:1", "redis://:hunter2@",
                "redis-cluster://:hunter2@a:1,,b:2", "redis-cluster://:hunter2@a:1,", "rediss-cluster://:hunter2@"}) {
            assertThatThrownBy(() -> RedisUris.servers(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("hunter2").isNotBlank();
        }
        assertThatThrownBy(() -> RedisUris.servers("localhost:6379")).hasMessageContaining("not a Redis URI");
        assertThatThrownBy(() -> RedisUris.servers("redis-cluster://a:1,,b:2")).hasMessageContaining("seed nodes");
        assertThatThrownBy(() -> RedisUris.servers(null)).isInstanceOf(NullPointerException.class);
    }
}
