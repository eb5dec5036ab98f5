package dev.givinghooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bounded capture at the edges, with and without a declared length, in small reads. */
class RawBodyTest {

    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 42L, 20260510L})
    void readsExactlyUpToTheLimitAndRefusesOneMore(long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            int max = 1 + random.nextInt(40_000);
            int length = random.nextInt(max + 2);
            byte[] body = new byte[length];
            random.nextBytes(body);
            boolean declare = random.nextBoolean();
            long declared = declare ? length : -1;
            if (declare && length > max) {
                continue; // the filter refuses these before reading
            }
            byte[] read = RawBody.read(trickle(body, random), declared, max);
            String what = "seed " + seed + " case " + i + " length " + length + " max " + max + " declared " + declared;
            if (length <= max) {
                assertThat(read).as(what).isEqualTo(body);
            } else {
                assertThat(read).as(what).isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8191, 8192, 8193})
    void stopsReadingAtTheLimitPlusOne(int max) throws IOException {
        int[] consumed = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                consumed[0]++;
                return 'x';
            }
        };
        if (max == 0) {
            assertThat(RawBody.read(endless, -1, 1)).isNull();
            assertThat(consumed[0]).isEqualTo(2);
            return;
        }
        assertThat(RawBody.read(endless, -1, max)).isNull();
        assertThat(consumed[0]).isEqualTo(max + 1);
    }

    /** Hands the bytes out in random small pieces, as a network stream does. */
    private static InputStream trickle(byte[] body, Random random) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(3000)));
            }
        };
    }

    @Test
    void aBodyEndingBeforeItsDeclaredLengthIsIncomplete() {
        byte[] body = new byte[100];
        assertThatThrownBy(() -> RawBody.read(new ByteArrayInputStream(body), 101, 1000)).isInstanceOf(java.io.EOFException.class)
                .hasMessage("body ended after 100 of 101 declared bytes");
    }
}
