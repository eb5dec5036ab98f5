package dev.givinghooks.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.givinghooks.Provider;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Memory stays bounded whatever the clients send: 200 concurrent clients each sending a body just
 * over the limit, then 200 trickling a body exactly at the limit, against an adapter in a JVM
 * with a small heap (run it with {@code -Xmx256m} and {@value #SMALL_HEAP_PROPERTY}{@code =true};
 * with more than 512 MiB the suite fails there, and is skipped in any other JVM, where it would
 * prove little). Every request is answered (413, or 401 for the trickled
 * forgeries), nothing is processed, no {@link OutOfMemoryError} occurs, and normal deliveries
 * still succeed afterwards. Each test prints the heap's peak use, for the quality report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class MemoryContractTest {
    private static final int CLIENTS = 200;
    private static final long MAX_HEAP = 512L * 1024 * 1024;
    /**
     * Set to {@code true} in the JVM the build starts for this suite: a heap over 512 MiB there
     * fails the suite instead of skipping it.
     */
    public static final String SMALL_HEAP_PROPERTY = "givinghooks.memory-suite";

    private final Testkit kit = Testkit.create();
    private final AtomicInteger processed = new AtomicInteger();
    private RunningAdapter adapter;

    /** Creates the suite. */
    protected MemoryContractTest() {
    }

    /**
     * Starts the adapter under test on a real server, as for {@link AdapterContractTest}.
     *
     * @param setup the verifiers, store, body limit and application to use
     * @return the running adapter
     * @throws Exception when it cannot be started
     */
    protected abstract RunningAdapter start(AdapterSetup setup) throws Exception;

    /**
     * Starts the adapter, in a JVM whose heap is small.
     *
     * @throws Exception when it cannot be started
     */
    @BeforeAll
    public final void startAdapter() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        String small = "run the memory suite with a small heap (-Xmx256m), not " + heap / (1024 * 1024) + " MiB";
        if (Boolean.getBoolean(SMALL_HEAP_PROPERTY)) {
            assertTrue(heap <= MAX_HEAP, small); // the build's own small-heap run: a big heap is a misconfiguration
        } else {
            Assumptions.assumeTrue(heap <= MAX_HEAP, small); // picked by a test filter into an ordinary JVM: nothing to prove there
        }
        adapter = start(new AdapterSetup(kit.sirGivingVerifier(), kit.givingBlockDecryptor(), kit.chuffedVerifier(),
                IdempotencyStore.inMemory(), kit.maxBodyBytes(), verified -> {
                    processed.incrementAndGet();
                    return 200;
                }));
        assertNotNull(adapter, "start(setup) returned null");
    }

    /**
     * Stops the adapter.
     *
     * @throws Exception when it cannot be stopped
     */
    @AfterAll
    public final void stopAdapter() throws Exception {
        if (adapter != null) {
            adapter.close();
        }
    }

    /**
     * 200 clients at once, each with a body one byte over the limit: every one is answered 413.
     *
     * @throws Exception on failure
     */
    @Test
    public final void twoHundredBodiesOverTheLimitAtOnce() throws Exception {
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        byte[] body = new byte[kit.maxBodyBytes() + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(donation.body(), 0, body, 0, donation.body().length);
        Map<Integer, Integer> statuses = run(donation, body, 0);
        assertEquals(Map.of(413, CLIENTS), statuses, "every client answered 413");
        afterwards();
    }

    /**
     * 200 clients at once, each trickling a forged body of exactly the limit in five pieces over
     * a second: every one is answered 401, the server holding at most the limit for each.
     *
     * @throws Exception on failure
     */
    @Test
    public final void twoHundredTrickledBodiesAtTheLimitAtOnce() throws Exception {
        Fixture forged = kit.chuffed().paymentConfirmed().signed().withHeaderReplaced("Signature", "0".repeat(64));
        byte[] body = new byte[kit.maxBodyBytes()];
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(forged.body(), 0, body, 0, forged.body().length);
        Map<Integer, Integer> statuses = run(forged, body, 250);
        assertEquals(Map.of(401, CLIENTS), statuses, "every client answered 401");
        afterwards();
    }

    /** Nothing was processed, normal deliveries still succeed, and the heap's peak use is reported. */
    private void afterwards() throws Exception {
        assertEquals(0, processed.get(), "nothing processed");
        WebhookSender sender = WebhookSender.create();
        for (Provider provider : Provider.values()) {
            Fixture valid = switch (provider) {
                case SIR_GIVING -> kit.sirGiving().actionCompleted().signed();
                case GIVING_BLOCK -> kit.givingBlock().deposit().encrypted();
                case CHUFFED -> kit.chuffed().paymentConfirmed().signed();
            };
            assertEquals(200, sender.send(valid, adapter.endpoint(provider)).status(), provider + " after the load");
        }
        processed.set(0);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("memory suite %s: heap peak %d MiB of %d MiB%n", getClass().getSimpleName(), peak / (1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** Sends the body from {@link #CLIENTS} clients at once, trickled when a pause is given; returns status → count. */
    private Map<Integer, Integer> run(Fixture fixture, byte[] body, long pauseMillis) throws Exception {
        URI endpoint = adapter.endpoint(fixture.provider());
        StringBuilder head = new StringBuilder("POST ").append(endpoint.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                .append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
        for (Fixture.Header header : fixture.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage); // the peak of this run alone
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Socket> sockets = new ArrayList<>();
        try {
            // Connected one after another, then sending at once: 200 bodies in flight together,
            // without 200 handshakes at once overflowing the listen backlog (Jetty's is 50), which
            // the kernel answers with resets that say nothing about the adapter.
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 30_000);
                socket.setSoTimeout(60_000);
            }
            List<Future<Integer>> answers = new ArrayList<>();
            for (Socket socket : sockets) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return exchange(socket, headBytes, body, pauseMillis);
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(120, TimeUnit.SECONDS), 1, Integer::sum);
            }
        } finally {
            clients.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return statuses;
    }

    private static int exchange(Socket socket, byte[] head, byte[] body, long pauseMillis) throws Exception {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                int pieces = pauseMillis > 0 ? 5 : 1;
                int piece = (body.length + pieces - 1) / pieces;
                for (int offset = 0; offset < body.length; offset += piece) {
                    out.write(body, offset, Math.min(piece, body.length - offset));
                    out.flush();
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (java.io.IOException answeredEarly) {
                // refused before the body was taken (Content-Length over the limit): read the answer
            }
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            String line = new String(status, StandardCharsets.ISO_8859_1);
            if (!line.startsWith("HTTP/1.")) {
                return -1;
            }
            return Integer.parseInt(line.substring(9, 12));
        }
    }
}
