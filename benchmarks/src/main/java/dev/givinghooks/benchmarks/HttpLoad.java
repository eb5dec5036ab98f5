package dev.givinghooks.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A closed-loop HTTP/1.1 load generator in the spirit of {@code wrk}: a fixed number of
 * keep-alive connections served by one thread on one selector, each sending its next request as
 * soon as the previous answer is complete. Requests are built before the clock starts, so that
 * signing them costs the measurement nothing. Answers are parsed as far as needed (status line,
 * {@code Content-Length}); an answer with any other status than expected fails the run, so a
 * throughput figure is never one of refusals.
 */
final class HttpLoad {
    private HttpLoad() {
    }

    /**
     * What a run measured.
     *
     * @param completed answers received before the deadline
     * @param seconds the run's length: as asked, or until the last answer when the requests ran out
     * @param ranOut whether the requests ran out before the time did
     * @param latencies every counted answer's latency in nanoseconds, sorted
     */
    record Result(long completed, double seconds, boolean ranOut, long[] latencies) {
        double requestsPerSecond() {
            return completed / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int at = (int) Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1);
            return latencies[Math.max(0, at)] / 1e6;
        }
    }

    /**
     * Sends the requests in order over {@code connections} connections until {@code seconds} have
     * passed or the requests run out (a warm-up's way to end; a measurement that runs out is
     * repeated with more).
     *
     * @param address the server
     * @param requests the requests, complete HTTP/1.1 messages; each sent once, unless {@code cycle}
     * @param cycle whether to start over from the first request when they run out
     * @param connections how many at once
     * @param seconds how long
     * @param expectedStatus the status every answer must have
     * @return the measurement
     * @throws IOException when a connection fails
     */
    static Result run(InetSocketAddress address, byte[][] requests, boolean cycle, int connections, double seconds,
            int expectedStatus) throws IOException {
        long[] latencies = new long[cycle ? 1 << 20 : requests.length];
        int next = 0;
        int counted = 0;
        Map<Integer, Integer> unexpected = new TreeMap<>();
        boolean ranOut = false;
        long start;
        long last = 0;
        try (Selector selector = Selector.open()) {
            Connection[] all = new Connection[connections];
            for (int i = 0; i < connections; i++) {
                all[i] = new Connection(address, selector);
            }
            start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            int open = connections;
            for (Connection c : all) {
                if (next == requests.length) {
                    if (!cycle) {
                        throw new IllegalStateException("too few requests built for " + connections + " connections");
                    }
                    next = 0;
                }
                c.send(requests[next++], System.nanoTime());
            }
            while (open > 0) {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isWritable()) {
                        c.write();
                    } else if (key.isReadable() && c.read()) {
                        if (c.closing) {
                            c.connect(); // the server ends the connection here (Tomcat after 100 requests): as wrk does, open another
                        }
                        long now = System.nanoTime();
                        if (c.status != expectedStatus) {
                            unexpected.merge(c.status, 1, Integer::sum);
                        }
                        if (now <= deadline) {
                            if (counted == latencies.length) {
                                latencies = Arrays.copyOf(latencies, 2 * counted);
                            }
                            latencies[counted++] = now - c.sentAt;
                        }
                        if (cycle && next == requests.length) {
                            next = 0;
                        }
                        if (now < deadline && next < requests.length) {
                            c.send(requests[next++], now);
                        } else {
                            ranOut |= now < deadline;
                            last = Math.max(last, now);
                            c.key.interestOps(0);
                            open--;
                        }
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() > deadline + 30_000_000_000L) {
                    throw new IllegalStateException("answers still missing 30 s after the run ended");
                }
            }
            for (Connection c : all) {
                c.channel.close();
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("expected every answer to be " + expectedStatus + ", also got (status=count) " + unexpected);
        }
        long[] sorted = Arrays.copyOf(latencies, counted);
        Arrays.sort(sorted);
        return new Result(counted, ranOut ? (last - start) / 1e9 : seconds, ranOut, sorted);
    }

    /** One connection: the request being written, the answer being read. */
    private static final class Connection {
        private final InetSocketAddress address;
        private final Selector selector;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private long sentAt;
        private int status;
        private boolean closing;

        Connection(InetSocketAddress address, Selector selector) throws IOException {
            this.address = address;
            this.selector = selector;
            connect();
        }

        void connect() throws IOException {
            if (channel != null) {
                channel.close();
            }
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, 0, this);
            closing = false;
        }

        void send(byte[] request, long now) throws IOException {
            out = ByteBuffer.wrap(request);
            sentAt = now;
            in.clear();
            write();
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what arrived; true once the whole answer is in. */
        boolean read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed a connection (after " + in.position() + " bytes of an answer)");
            }
            String head = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            status = Integer.parseInt(head.substring(9, 12));
            String lower = head.substring(0, end).toLowerCase(Locale.ROOT);
            closing = lower.contains("\r\nconnection: close");
            if (lower.contains("\r\ntransfer-encoding:")) {
                throw new IOException("a chunked answer: " + head.substring(0, end));
            }
            int at = lower.indexOf("\r\ncontent-length:");
            long length = 0;
            if (at >= 0) {
                int lineEnd = lower.indexOf("\r\n", at + 2);
                length = Long.parseLong(lower.substring(at + 17, lineEnd < 0 ? lower.length() : lineEnd).strip());
            }
            return in.position() >= end + 4 + length;
        }
    }
}
