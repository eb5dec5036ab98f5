package dev.givinghooks.redis.vertx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One event loop's connection to a standalone Redis, on Vert.x's TCP client, speaking RESP2 as
 * a pipeline: the commands the loop sends in one turn leave in one write at the end of the turn,
 * and each reply completes its own command, on the loop's thread, as soon as it is read. Each
 * command has a deadline, which the loop's own timer enforces.
 *
 * <p>It exists for speed. On Vert.x's Redis client, with each operation's timeout on the JDK's
 * shared timer thread, a delivery cost the loop 1.7-2.1 µs more than a pipeline written by hand
 * (the client's request, promise and response objects a command, the timer queue's lock twice an
 * operation), and a batch of its is answered only once all of it has been
 * (docs/benchmarks.md). The store keeps that client for a Cluster, an application's own client
 * and calls off the loops. This sends only what the store sends (arrays of bulk strings) and
 * reads every RESP2 reply ({@link RespReader}).
 *
 * <p>Threads: everything but {@link #close()} runs on the loop's thread; close only asks the
 * socket to close, and the socket's close handler, on the loop, fails what was waiting.
 */
final class RespPipeline {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Context loop;
    private final NetSocket socket;
    private final long timeoutNanos;
    /** The commands sent and not answered yet, oldest first (Redis answers in order), timed out or not. */
    private final ArrayDeque<Command> waiting = new ArrayDeque<>();
    /** The commands of this turn, written at its end; null when there are none. */
    private Buffer unsent;
    private final RespReader reader = new RespReader();
    private final Consumer<Object> onReply = this::reply;
    /** When bytes last arrived, or the first of the commands now waiting was sent, for {@link #stuck}. */
    private long progressAt;
    private Throwable failure;
    private Runnable onEnd = () -> { };
    /** Whether a timer will look for commands past their deadline. */
    private boolean timing;

    private RespPipeline(Context loop, NetSocket socket, long timeoutNanos) {
        this.loop = loop;
        this.socket = socket;
        this.timeoutNanos = timeoutNanos;
        socket.handler(this::received);
        socket.exceptionHandler(this::fail);
        socket.closeHandler(closed -> fail(new ClosedChannelException()));
    }

    /**
     * Connects from the calling event loop, then sends {@code AUTH} and {@code SELECT} as the URI
     * asks; the result completes once Redis has accepted them.
     */
    static Future<RespPipeline> open(Context loop, NetClient client, Endpoint endpoint, long timeoutNanos) {
        // Over TLS, the host is also the server name the handshake asks for (SNI).
        Future<RespPipeline> opened = client.connect(endpoint.port, endpoint.host, endpoint.tls ? endpoint.host : null).compose(socket -> {
            RespPipeline pipeline = new RespPipeline(loop, socket, timeoutNanos);
            long deadline = System.nanoTime() + timeoutNanos;
            List<CompletableFuture<Object>> handshake = new ArrayList<>(2);
            if (endpoint.password != null) {
                handshake.add(endpoint.user == null
                        ? pipeline.send(deadline, "AUTH", endpoint.password)
                        : pipeline.send(deadline, "AUTH", endpoint.user, endpoint.password));
            }
            if (endpoint.database != 0) {
                handshake.add(pipeline.send(deadline, "SELECT", Integer.toString(endpoint.database)));
            }
            CompletableFuture<?> accepted = CompletableFuture.allOf(handshake.toArray(CompletableFuture[]::new));
            return Future.fromCompletionStage(accepted, loop).map(pipeline).onFailure(refused -> pipeline.close());
        });
        // A server that takes the connection and never answers the handshake fails it too, so that the loop tries again.
        return opened.timeout(timeoutNanos, TimeUnit.NANOSECONDS).onFailure(late -> opened.onSuccess(RespPipeline::close));
    }

    /**
     * Queues a command, to leave at the end of this turn of the loop; its reply completes the
     * result with a {@code String} (a simple or bulk string), a {@code Long}, a {@code List}, or
     * {@code null} (a null reply), or fails it with {@link RespReader.ErrorReply} when Redis
     * refuses it. If no reply has come by the deadline ({@link System#nanoTime}), the loop's timer
     * fails it with a {@link TimeoutException}. Called on the loop's thread only.
     */
    CompletableFuture<Object> send(long deadline, String... command) {
        Command reply = new Command(deadline);
        if (failure != null) {
            reply.completeExceptionally(failure);
            return reply;
        }
        if (unsent == null) {
            unsent = Buffer.buffer(64 * command.length);
            loop.runOnContext(endOfTurn -> flush());
        }
        unsent.appendByte((byte) '*').appendString(Integer.toString(command.length)).appendBytes(CRLF);
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            unsent.appendByte((byte) '$').appendString(Integer.toString(bytes.length)).appendBytes(CRLF).appendBytes(bytes).appendBytes(CRLF);
        }
        if (waiting.isEmpty()) {
            progressAt = System.nanoTime();
        }
        waiting.add(reply);
        if (!timing) {
            timeAt(deadline);
        }
        return reply;
    }

    /** Sets the loop's timer to look for commands past their deadline at {@code deadline}. */
    private void timeAt(long deadline) {
        timing = true;
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + 999_999));
        loop.owner().setTimer(millis, fired -> expire());
    }

    /**
     * Fails the commands past their deadline, which stay in line for the replies that may still
     * come; gives the connection up if it has answered nothing for a whole timeout; otherwise
     * sets the timer for the next deadline.
     */
    private void expire() {
        timing = false;
        if (failure != null) {
            return;
        }
        long now = System.nanoTime();
        Command next = null;
        for (Command command : waiting) {
            if (command.isDone()) {
                continue; // timed out before
            }
            if (command.deadline - now > 0) {
                next = command;
                break;
            }
            command.completeExceptionally(new TimeoutException());
        }
        if (stuck()) {
            fail(new TimeoutException()); // the commands with time left too: the connection is given up
        } else if (next != null) {
            timeAt(next.deadline);
        }
    }

    /**
     * Tells whether commands have waited a whole timeout without a reply: a connection to a
     * Redis that stopped answering (or a peer that vanished without closing), which the store
     * then gives up for a new one. Called on the loop's thread only.
     */
    boolean stuck() {
        return failure != null || !waiting.isEmpty() && System.nanoTime() - progressAt > timeoutNanos;
    }

    private void flush() {
        Buffer commands = unsent;
        unsent = null;
        if (commands != null && failure == null) {
            socket.write(commands);
        }
    }

    /** Completes a waiting command with each whole reply read. */
    private void received(Buffer bytes) {
        progressAt = System.nanoTime();
        try {
            reader.read(bytes, onReply);
        } catch (IllegalStateException malformed) {
            fail(malformed);
        }
    }

    private void reply(Object value) {
        if (failure != null) {
            return; // failed while reading: what was waiting has been failed
        }
        Command reply = waiting.poll();
        if (reply == null) {
            fail(new IllegalStateException("Redis sent a reply to no command"));
        } else if (value instanceof RespReader.ErrorReply refused) {
            reply.completeExceptionally(refused);
        } else {
            reply.complete(value);
        }
    }

    /** Fails every waiting command and every later one, and closes the socket. */
    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
            socket.close();
            onEnd.run();
        }
        for (Command reply; (reply = waiting.poll()) != null; ) {
            reply.completeExceptionally(failure);
        }
    }

    /** Sets what to do, on the loop, when the connection fails or closes. */
    void onEnd(Runnable action) {
        onEnd = action;
    }

    /** Closes the connection; what was waiting fails when it has closed. */
    void close() {
        socket.close();
    }

    /** A command's reply to come, and by when. */
    private static final class Command extends CompletableFuture<Object> {
        final long deadline;

        Command(long deadline) {
            this.deadline = deadline;
        }
    }

    /**
     * Where a standalone Redis is, from its URI: {@code redis://} or {@code rediss://} (TLS),
     * optional {@code user:password@} (percent-encoded), host, port (default 6379) and
     * {@code /database}. Its string form never holds the password.
     */
    static final class Endpoint {
        final boolean tls;
        final String host;
        final int port;
        final String user;
        final String password;
        final int database;

        private Endpoint(boolean tls, String host, int port, String user, String password, int database) {
            this.tls = tls;
            this.host = host;
            this.port = port;
            this.user = user;
            this.password = password;
            this.database = database;
        }

        /** Reads a URI that {@code RedisUris.servers} has checked. */
        static Endpoint of(String uri) {
            URI parsed = URI.create(uri);
            String authority = parsed.getRawAuthority();
            int at = authority.lastIndexOf('@');
            String user = null;
            String password = null;
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                int colon = userInfo.indexOf(':');
                String name = colon < 0 ? "" : decode(userInfo.substring(0, colon));
                user = name.isEmpty() ? null : name;
                password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            }
            // Read by hand, not by URI's getHost, which has none for a name such as redis_1.
            String hostPort = authority.substring(at + 1);
            int portColon = hostPort.lastIndexOf(':');
            if (portColon < hostPort.lastIndexOf(']')) {
                portColon = -1; // an IPv6 address without a port
            }
            String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String path = parsed.getRawPath() == null ? "" : parsed.getRawPath().replace("/", "");
            try {
                int port = portColon < 0 ? 6379 : Integer.parseInt(hostPort.substring(portColon + 1));
                int database = path.isEmpty() ? 0 : Integer.parseInt(path);
                return new Endpoint("rediss".equals(parsed.getScheme()), host, port, user, password, database);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("a Redis URI's port and database are numbers: redis://host:6379/0");
            }
        }

        private static String decode(String part) {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
        }
    }
}
