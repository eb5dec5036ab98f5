package dev.givinghooks.benchmarks;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.RedisData;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The floor of Vert.x's Redis rows: an idempotency store written by hand on Vert.x's own TCP
 * client, on the HTTP server's event loop (the target runs Vert.x with one loop). It sends the
 * commands {@link HandRedisStore} sends, pipelined on one connection: the commands of the
 * deliveries an event-loop turn handles leave in one write at the end of the turn, and their
 * replies complete the deliveries on the same thread, with no hand-off between threads. It has no
 * timeout and no reconnection, and only asynchronous operations; only a benchmark should use it.
 */
final class HandLoopRedisStore implements IdempotencyStore, AutoCloseable {
    private static final String PREFIX = "givinghooks:";

    private final Vertx vertx;
    private final NetClient client;
    private final NetSocket socket;
    /** The loop's thread, the only one that touches the fields below. */
    private final Thread loop;
    private final Queue<CompletableFuture<Object>> waiting = new ArrayDeque<>();
    private Buffer unsent = Buffer.buffer();
    private Buffer received = Buffer.buffer();
    private long tokens;
    private final String completeSha;
    private final String releaseSha;

    private HandLoopRedisStore(Vertx vertx, NetClient client, NetSocket socket, Thread loop) throws InterruptedException, ExecutionException {
        this.vertx = vertx;
        this.client = client;
        this.socket = socket;
        this.loop = loop;
        socket.handler(this::received);
        this.completeSha = (String) send("SCRIPT", "LOAD", RedisData.COMPLETE).get();
        this.releaseSha = (String) send("SCRIPT", "LOAD", RedisData.RELEASE).get();
    }

    /** Connects to the Redis of {@code hand+redis://host:port} from the single event loop of {@code vertx}. */
    static HandLoopRedisStore connect(Vertx vertx, String spec) throws InterruptedException, ExecutionException {
        URI uri = URI.create(spec);
        NetClient client = vertx.createNetClient();
        NetSocket socket = client.connect(uri.getPort(), uri.getHost()).await();
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        vertx.runOnContext(ignored -> loop.complete(Thread.currentThread()));
        return new HandLoopRedisStore(vertx, client, socket, loop.get());
    }

    @Override
    public CompletionStage<Claim> claimAsync(String key, Duration lease) {
        String token = Long.toString(++tokens); // on the loop's thread only
        return send("SET", PREFIX + key, RedisData.PENDING + token, "NX", "PX", Long.toString(lease.toMillis()), "GET")
                .thenApply(holder -> RedisData.claimed(key, token, (String) holder));
    }

    @Override
    public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
        return owned(claim, completeSha, Long.toString(retention.toMillis()));
    }

    @Override
    public CompletionStage<Boolean> releaseAsync(Claim claim) {
        return owned(claim, releaseSha);
    }

    private CompletionStage<Boolean> owned(Claim claim, String sha, String... more) {
        if (!claim.acquired()) {
            return CompletableFuture.completedFuture(false);
        }
        String[] arguments = new String[5 + more.length];
        arguments[0] = "EVALSHA";
        arguments[1] = sha;
        arguments[2] = "1";
        arguments[3] = PREFIX + claim.key();
        arguments[4] = RedisData.PENDING + claim.ownerToken();
        System.arraycopy(more, 0, arguments, 5, more.length);
        return send(arguments).thenApply(changed -> Long.valueOf(1).equals(changed));
    }

    @Override
    public Claim claim(String key, Duration lease) {
        throw new UnsupportedOperationException("asynchronous only: it runs on an event loop");
    }

    @Override
    public boolean complete(Claim claim, Duration retention) {
        throw new UnsupportedOperationException("asynchronous only: it runs on an event loop");
    }

    @Override
    public boolean release(Claim claim) {
        throw new UnsupportedOperationException("asynchronous only: it runs on an event loop");
    }

    @Override
    public void close() {
        client.close().await();
    }

    /** Queues a command on the loop's thread; the first of a turn schedules the write that sends them all. */
    private CompletableFuture<Object> send(String... arguments) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        if (Thread.currentThread() != loop) {
            vertx.runOnContext(ignored -> queue(arguments, reply));
        } else {
            queue(arguments, reply);
        }
        return reply;
    }

    private void queue(String[] arguments, CompletableFuture<Object> reply) {
        if (unsent.length() == 0) {
            vertx.runOnContext(ignored -> {
                Buffer commands = unsent;
                unsent = Buffer.buffer();
                socket.write(commands);
            });
        }
        unsent.appendString("*" + arguments.length + "\r\n");
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            unsent.appendString("$" + bytes.length + "\r\n").appendBytes(bytes).appendString("\r\n");
        }
        waiting.add(reply);
    }

    /** Completes a waiting command for each whole reply: a string, a long, {@code null} for a null reply. */
    private void received(Buffer bytes) {
        received.appendBuffer(bytes);
        int at = 0;
        for (int end; (end = lineEnd(at)) >= 0; ) {
            byte type = received.getByte(at);
            String line = received.getString(at + 1, end, "US-ASCII");
            int next = end + 2;
            Object value;
            if (type == '$') {
                int length = Integer.parseInt(line);
                if (length >= 0 && received.length() < next + length + 2) {
                    break; // the rest of the value has not arrived
                }
                value = length < 0 ? null : received.getString(next, next + length, "UTF-8");
                next += length < 0 ? 0 : length + 2;
            } else if (type == '+') {
                value = line;
            } else if (type == ':') {
                value = Long.parseLong(line);
            } else {
                value = new IllegalStateException("Redis answered " + (char) type + line);
            }
            at = next;
            CompletableFuture<Object> reply = waiting.remove();
            if (value instanceof IllegalStateException failure) {
                reply.completeExceptionally(failure);
            } else {
                reply.complete(value);
            }
        }
        received = at == received.length() ? Buffer.buffer() : received.getBuffer(at, received.length());
    }

    private int lineEnd(int from) {
        for (int i = from; i + 1 < received.length(); i++) {
            if (received.getByte(i) == '\r' && received.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
