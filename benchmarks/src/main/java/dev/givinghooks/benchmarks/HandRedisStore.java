package dev.givinghooks.benchmarks;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.RedisData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The floors of the Redis rows on the thread-per-request servers: an idempotency store written by
 * hand for this benchmark. It sends a delivery's commands as {@code RedisIdempotencyStore} does
 * ({@code SET key P<token> NX PX lease GET} to claim, then the owner-checked completion script by
 * {@code EVALSHA}), with owner tokens from a counter, in one of two ways:
 * <ul>
 * <li>{@code hand+redis://host:port}: each command over a blocking socket of the calling
 *     thread's own, written and read by that thread: no client library, no hand-off to an I/O
 *     thread;
 * <li>{@code batched+redis://host:port}: every caller queues its command and waits; one thread
 *     with one connection sends all the queued commands in one write and wakes their callers as
 *     the replies come, so that concurrent deliveries share their system calls.
 * </ul>
 * It has no timeout, no reconnection and no error handling worth the name, and it blocks the
 * calling thread, so only a thread-per-request server can use it, and only a benchmark should. It
 * shows what the same two round trips cost without a client library in between.
 */
final class HandRedisStore implements IdempotencyStore, AutoCloseable {
    /** The scheme of the store specs {@link HttpTarget} makes this store for: {@code hand+redis://host:port}. */
    static final String SCHEME = "hand+redis";
    /** The scheme of the batched variant: one connection and one thread, which sends all waiting commands in one write. */
    static final String BATCHED_SCHEME = "batched+redis";

    private static final String PREFIX = "givinghooks:";
    private static final byte[] CRLF = {'\r', '\n'};
    private final InetSocketAddress address;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Connection> connection = ThreadLocal.withInitial(this::connect);
    private final AtomicLong tokens = new AtomicLong();
    private final Batcher batcher;
    private final String completeSha;
    private final String releaseSha;

    private HandRedisStore(InetSocketAddress address, boolean batched) {
        this.address = address;
        Connection first = connect();
        this.completeSha = (String) first.call("SCRIPT", "LOAD", RedisData.COMPLETE);
        this.releaseSha = (String) first.call("SCRIPT", "LOAD", RedisData.RELEASE);
        this.batcher = batched ? new Batcher(first) : null;
    }

    /** Connects to {@code hand+redis://host:port}. */
    static HandRedisStore connect(String spec) {
        URI uri = URI.create(spec);
        if (!SCHEME.equals(uri.getScheme()) && !BATCHED_SCHEME.equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a " + SCHEME + ":// or " + BATCHED_SCHEME + ":// spec: " + spec);
        }
        return new HandRedisStore(new InetSocketAddress(uri.getHost(), uri.getPort()), BATCHED_SCHEME.equals(uri.getScheme()));
    }

    @Override
    public Claim claim(String key, Duration lease) {
        String token = Long.toString(tokens.incrementAndGet());
        Object holder = call("SET", PREFIX + key, RedisData.PENDING + token, "NX", "PX", Long.toString(lease.toMillis()), "GET");
        return RedisData.claimed(key, token, (String) holder);
    }

    @Override
    public boolean complete(Claim claim, Duration retention) {
        return claim.acquired() && Long.valueOf(1).equals(call("EVALSHA", completeSha, "1", PREFIX + claim.key(),
                RedisData.PENDING + claim.ownerToken(), Long.toString(retention.toMillis())));
    }

    @Override
    public boolean release(Claim claim) {
        return claim.acquired() && Long.valueOf(1).equals(call("EVALSHA", releaseSha, "1", PREFIX + claim.key(),
                RedisData.PENDING + claim.ownerToken()));
    }

    private Object call(String... arguments) {
        return batcher != null ? batcher.call(arguments) : connection.get().call(arguments);
    }

    @Override
    public void close() throws IOException {
        if (batcher != null) {
            batcher.thread.interrupt();
        }
        for (Connection open : connections) {
            open.socket.close();
        }
    }

    private Connection connect() {
        try {
            Connection opened = new Connection(new Socket(address.getAddress(), address.getPort()));
            connections.add(opened);
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The batched variant's connection and thread: each caller queues its command and waits; the
     * thread sends every queued command in one write, reads their replies, wakes their callers,
     * and starts over with the commands queued meanwhile.
     */
    private static final class Batcher implements Runnable {
        private final Queue<Call> queued = new ConcurrentLinkedQueue<>();
        private final Connection connection;
        private final Thread thread;
        private volatile boolean idle;

        Batcher(Connection connection) {
            this.connection = connection;
            this.thread = new Thread(this, "batched-redis");
            thread.setDaemon(true);
            thread.start();
        }

        Object call(String... arguments) {
            Call call = new Call(arguments, Thread.currentThread());
            queued.add(call);
            if (idle) {
                LockSupport.unpark(thread);
            }
            return call.await();
        }

        @Override
        public void run() {
            List<Call> calls = new ArrayList<>();
            while (!Thread.currentThread().isInterrupted()) {
                for (Call call; (call = queued.poll()) != null; ) {
                    calls.add(call);
                }
                if (calls.isEmpty()) {
                    idle = true;
                    if (queued.isEmpty()) {
                        LockSupport.park(this);
                    }
                    idle = false;
                    continue;
                }
                try {
                    connection.batch(calls);
                } catch (IOException | RuntimeException e) {
                    calls.forEach(call -> call.answer(e));
                }
                calls.clear();
            }
        }
    }

    /** A queued command and its caller, who waits for the reply. */
    private static final class Call {
        private static final Object WAITING = new Object();
        private final String[] arguments;
        private final Thread caller;
        private volatile Object reply = WAITING;

        Call(String[] arguments, Thread caller) {
            this.arguments = arguments;
            this.caller = caller;
        }

        void answer(Object value) {
            reply = value;
            LockSupport.unpark(caller);
        }

        Object await() {
            Object value;
            while ((value = reply) == WAITING) {
                LockSupport.park(this);
            }
            if (value instanceof Exception failure) {
                throw new IllegalStateException("the batched Redis call failed", failure);
            }
            return value;
        }
    }

    /** One socket, with a buffer each way; used by one thread only. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private byte[] request = new byte[512];
        private final byte[] reply = new byte[512];
        private int replyStart;
        private int replyEnd;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        /** Sends one command in one write and reads its reply: a string, a long, or {@code null} for a null reply. */
        Object call(String... arguments) {
            try {
                int length = encode(0, arguments);
                out.write(request, 0, length);
                return reply();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes the commands in one write and returns their replies, in order. */
        void batch(List<Call> calls) throws IOException {
            int length = 0;
            for (Call call : calls) {
                length = encode(length, call.arguments);
            }
            out.write(request, 0, length);
            for (Call call : calls) {
                call.answer(reply());
            }
        }

        /** Appends a command to the request buffer at {@code at}; returns where it ends. */
        private int encode(int at, String... arguments) {
            int length = append(at, '*', arguments.length);
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                length = append(length, '$', bytes.length);
                length = append(length, bytes, bytes.length);
                length = append(length, CRLF, CRLF.length);
            }
            return length;
        }

        private Object reply() throws IOException {
            int type = next();
            String line = line();
            return switch (type) {
                case '+' -> line;
                case ':' -> Long.parseLong(line);
                case '$' -> bulk(Integer.parseInt(line));
                default -> throw new IllegalStateException("Redis answered " + (char) type + line);
            };
        }

        private int append(int at, char type, int number) {
            byte[] header = (type + Integer.toString(number) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            return append(at, header, header.length);
        }

        private int append(int at, byte[] bytes, int length) {
            if (at + length > request.length) {
                request = Arrays.copyOf(request, Math.max(2 * request.length, at + length));
            }
            System.arraycopy(bytes, 0, request, at, length);
            return at + length;
        }

        private String bulk(int length) throws IOException {
            if (length < 0) {
                return null;
            }
            byte[] value = new byte[length];
            for (int i = 0; i < length; i++) {
                value[i] = (byte) next();
            }
            next(); // \r
            next(); // \n
            return new String(value, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = next()) != '\r'; ) {
                line.append((char) c);
            }
            next(); // \n
            return line.toString();
        }

        private int next() throws IOException {
            if (replyStart == replyEnd) {
                replyEnd = in.read(reply);
                replyStart = 0;
                if (replyEnd < 0) {
                    throw new IOException("Redis closed the connection");
                }
            }
            return reply[replyStart++] & 0xFF;
        }
    }
}
