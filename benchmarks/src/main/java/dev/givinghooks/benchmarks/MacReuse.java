package dev.givinghooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How to reuse an HMAC-SHA256 {@link Mac} across threads, measured: the evidence behind core's
 * pool of initialised instances. A fresh {@code getInstance} + {@code init} per message, a
 * {@code clone} of a keyed prototype per message, a {@link ThreadLocal} (one instance per thread:
 * cheapest on a fixed pool of platform threads, but under a virtual thread per request it is a
 * fresh instance per request, i.e. the first row), and a shared pool. A 1 KiB body throughout.
 *
 * <p>Not part of {@code run.sh}; run it alone, on one and on two threads:
 * {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main MacReuse -t 2 -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MacReuse {
    private SecretKeySpec key;
    private byte[] body;
    private Mac prototype;
    private ThreadLocal<Mac> perThread;
    private final ConcurrentLinkedQueue<Mac> pool = new ConcurrentLinkedQueue<>();

    @Setup
    public void setUp() throws GeneralSecurityException {
        key = new SecretKeySpec(Bodies.SIR_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        body = new byte[1024];
        java.util.Arrays.fill(body, (byte) 'x');
        prototype = newMac();
        perThread = ThreadLocal.withInitial(() -> {
            try {
                return newMac();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Mac newMac() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
    }

    @Benchmark
    public byte[] getInstancePerMessage() throws GeneralSecurityException {
        return newMac().doFinal(body);
    }

    @Benchmark
    public byte[] clonePerMessage() throws CloneNotSupportedException {
        return ((Mac) prototype.clone()).doFinal(body);
    }

    @Benchmark
    public byte[] threadLocal() {
        return perThread.get().doFinal(body);
    }

    @Benchmark
    public byte[] sharedPool() throws GeneralSecurityException {
        Mac mac = pool.poll();
        if (mac == null) {
            mac = newMac();
        }
        try {
            return mac.doFinal(body);
        } finally {
            pool.offer(mac);
        }
    }
}
