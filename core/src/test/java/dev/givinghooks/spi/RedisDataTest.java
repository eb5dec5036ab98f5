package dev.givinghooks.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import org.junit.jupiter.api.Test;

/** How every Redis store reads the reply to its claim. */
class RedisDataTest {
    @Test
    void aFreeKeyOrTheClaimsOwnValueIsAcquired() {
        assertThat(RedisData.claimed("k", "t1", null)).isEqualTo(new Claim("k", Status.ACQUIRED, "t1"));
        // Sent again after Redis took it the first time: the key holds the claim's own value.
        assertThat(RedisData.claimed("k", "t1", "Pt1")).isEqualTo(new Claim("k", Status.ACQUIRED, "t1"));
    }

    @Test
    void aDoneKeyIsDoneAndAnotherClaimsKeyIsInProgress() {
        assertThat(RedisData.claimed("k", "t1", "D")).isEqualTo(new Claim("k", Status.DONE, null));
        assertThat(RedisData.claimed("k", "t1", "Pt2")).isEqualTo(new Claim("k", Status.IN_PROGRESS, null));
        assertThat(RedisData.claimed("k", "t1", "Pt11")).isEqualTo(new Claim("k", Status.IN_PROGRESS, null));
        assertThat(RedisData.claimed("k", "t1", "Pxt1")).isEqualTo(new Claim("k", Status.IN_PROGRESS, null));
        assertThat(RedisData.claimed("k", "t1", "Xt1")).isEqualTo(new Claim("k", Status.IN_PROGRESS, null));
    }
}
