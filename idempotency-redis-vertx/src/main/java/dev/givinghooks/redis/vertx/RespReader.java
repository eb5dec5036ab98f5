package dev.givinghooks.redis.vertx;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads RESP2 replies from the bytes of a connection as they arrive, in whatever pieces: each
 * whole reply is handed on, in order, and the start of one that has not wholly arrived is kept
 * for the next read. A simple or bulk string is a {@code String} (UTF-8), a number a
 * {@code Long}, an array a {@code List}, a null bulk string or array {@code null}, and an error
 * an {@link ErrorReply}. Not thread-safe: one connection's thread reads.
 */
final class RespReader {
    /** The start of a reply that has not wholly arrived; null when there is none. */
    private Buffer partial;
    private Buffer in;
    /** The reply {@link #reply} read last. */
    private Object value;

    /**
     * Hands each whole reply in what was kept and {@code bytes} to {@code replies}.
     *
     * @throws IllegalStateException if the bytes are not RESP2; the connection is then useless
     */
    void read(Buffer bytes, Consumer<Object> replies) {
        in = partial == null ? bytes : partial.appendBuffer(bytes);
        int at = 0;
        for (int next; at < in.length() && (next = reply(at)) >= 0; at = next) {
            replies.accept(value);
        }
        partial = at == in.length() ? null : in.getBuffer(at, in.length());
        in = null;
    }

    /** Reads the reply at {@code at} into {@link #value} and returns where the next starts, or -1 if it has not wholly arrived. */
    private int reply(int at) {
        int lineEnd = lineEnd(at + 1);
        if (lineEnd < 0) {
            return -1;
        }
        int next = lineEnd + 2;
        switch (in.getByte(at)) {
            case '+' -> value = in.getString(at + 1, lineEnd, "UTF-8");
            case '-' -> value = new ErrorReply(in.getString(at + 1, lineEnd, "UTF-8"));
            case ':' -> value = number(at + 1, lineEnd);
            case '$' -> {
                long length = number(at + 1, lineEnd);
                if (length < 0) {
                    value = null;
                } else if (in.length() < next + length + 2) {
                    return -1;
                } else {
                    value = in.getString(next, next + (int) length, "UTF-8");
                    next += (int) length + 2;
                }
            }
            case '*' -> {
                long count = number(at + 1, lineEnd);
                if (count < 0) {
                    value = null;
                    break;
                }
                List<Object> elements = new ArrayList<>((int) Math.min(count, 64));
                for (long i = 0; i < count; i++) {
                    next = reply(next);
                    if (next < 0) {
                        return -1;
                    }
                    elements.add(value);
                }
                value = elements;
            }
            default -> throw new IllegalStateException("Redis sent a reply of unknown type " + in.getByte(at));
        }
        return next;
    }

    private long number(int from, int to) {
        boolean negative = from < to && in.getByte(from) == '-';
        int first = negative ? from + 1 : from;
        if (first == to) {
            throw new IllegalStateException("Redis sent a malformed number");
        }
        long number = 0;
        try {
            for (int i = first; i < to; i++) {
                byte digit = in.getByte(i);
                if (digit < '0' || digit > '9') {
                    throw new IllegalStateException("Redis sent a malformed number");
                }
                number = Math.addExact(Math.multiplyExact(number, 10), digit - '0');
            }
        } catch (ArithmeticException tooLong) {
            throw new IllegalStateException("Redis sent a malformed number");
        }
        return negative ? -number : number;
    }

    private int lineEnd(int from) {
        for (int i = from; i + 1 < in.length(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A refusal from Redis: its message starts with the error's kind, such as {@code NOSCRIPT} or {@code WRONGPASS}. */
    static final class ErrorReply extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String message) {
            super(message, null, false, false);
        }
    }
}
