package dev.givinghooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Shared helpers of core's tests: requests with repeated headers, clocks and crypto providers. */
public final class TestSupport {
    private TestSupport() {
    }

    /**
     * A request whose headers are given as name, value, name, value...; a name given twice is a
     * header sent twice. Lookup is case-insensitive, as the API requires.
     */
    public static WebhookRequest request(byte[] body, String... namesAndValues) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], n -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return WebhookRequest.of(headers::get, body);
    }

    /** A clock fixed at the instant. */
    public static Clock fixedAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** A clock fixed at unix seconds. */
    public static Clock fixedAt(long epochSecond) {
        return fixedAt(Instant.ofEpochSecond(epochSecond));
    }

    /** The two crypto implementations every vector runs under. */
    public enum Crypto {
        /** The JDK's JCA providers (the default: no provider configured). */
        JDK,
        /** BouncyCastle, an independent implementation. */
        BOUNCY_CASTLE;

        /** The provider to configure, or {@code null} for the JDK's default. */
        public java.security.Provider provider() {
            return this == JDK ? null : BC;
        }

        private static final java.security.Provider BC = new BouncyCastleProvider();
    }

    /** A clock tests move by hand; thread-safe. */
    public static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        public MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        public void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        public void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
