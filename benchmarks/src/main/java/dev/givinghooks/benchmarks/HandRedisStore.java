package dev.givinghooks.benchmarks;

import dev.givinghooks.spi.IdempotencyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the Redis rows: an idempotency store written by hand for this benchmark. It sends
 * a delivery's commands as {@code RedisIdempotencyStore} does ({@code SET key P<token> NX PX
 * lease GET} to claim, then the owner-checked completion script by {@code EVALSHA}), each over a
 * blocking socket of the calling thread's own: no client library, no hand-off to an I/O thread,
 * and owner tokens from a counter. It has no timeout, no reconnection and no pipelining, and it
 * blocks the calling thread, so only a thread-per-request server can use it, and only a benchmark
 * should. It shows what the same two round trips cost without a client library and without
 * handing each command to another thread.
 */
final class HandRedisStore implements IdempotencyStore, AutoCloseable {
    /** The scheme of the store specs {@link HttpTarget} makes this store for: {@code hand+redis://host:port}. */
    static final String SCHEME = "hand+redis";

    private static final String PREFIX = "givinghooks:";
    private static final byte[] CRLF = {'\r', '\n'};
    // The store's own scripts, word for word.
    private static final String COMPLETE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], 'D', 'PX', ARGV[2])
              return 1
            end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final InetSocketAddress address;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Connection> connection = ThreadLocal.withInitial(this::connect);
    private final AtomicLong tokens = new AtomicLong();
    private final String completeSha;
    private final String releaseSha;

    private HandRedisStore(InetSocketAddress address) {
        this.address = address;
        Connection first = connection.get();
        this.completeSha = (String) first.call("SCRIPT", "LOAD", COMPLETE);
        this.releaseSha = (String) first.call("SCRIPT", "LOAD", RELEASE);
    }

    /** Connects to {@code hand+redis://host:port}. */
    static HandRedisStore connect(String spec) {
        URI uri = URI.create(spec);
        if (!SCHEME.equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a " + SCHEME + ":// spec: " + spec);
        }
        return new HandRedisStore(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    @Override
    public Claim claim(String key, Duration lease) {
        String token = Long.toString(tokens.incrementAndGet());
        Object holder = connection.get().call("SET", PREFIX + key, "P" + token, "NX", "PX", Long.toString(lease.toMillis()), "GET");
        if (holder == null) {
            return new Claim(key, Status.ACQUIRED, token);
        }
        return new Claim(key, "D".equals(holder) ? Status.DONE : Status.IN_PROGRESS, null);
    }

    @Override
    public boolean complete(Claim claim, Duration retention) {
        return claim.acquired() && Long.valueOf(1).equals(connection.get().call("EVALSHA", completeSha, "1", PREFIX + claim.key(),
                "P" + claim.ownerToken(), Long.toString(retention.toMillis())));
    }

    @Override
    public boolean release(Claim claim) {
        return claim.acquired() && Long.valueOf(1).equals(connection.get().call("EVALSHA", releaseSha, "1", PREFIX + claim.key(),
                "P" + claim.ownerToken()));
    }

    @Override
    public void close() throws IOException {
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
                int length = append(0, '*', arguments.length);
                for (String argument : arguments) {
                    byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                    length = append(length, '$', bytes.length);
                    length = append(length, bytes, bytes.length);
                    length = append(length, CRLF, CRLF.length);
                }
                out.write(request, 0, length);
                int type = next();
                String line = line();
                return switch (type) {
                    case '+' -> line;
                    case ':' -> Long.parseLong(line);
                    case '$' -> bulk(Integer.parseInt(line));
                    default -> throw new IllegalStateException("Redis answered " + (char) type + line);
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
