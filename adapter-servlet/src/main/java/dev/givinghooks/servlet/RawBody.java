package dev.givinghooks.servlet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a request body into memory, never more than the limit + 1 byte. */
final class RawBody {
    private static final int INITIAL = 8192;

    private RawBody() {
    }

    /**
     * Reads the whole body.
     *
     * @param in the request's input stream
     * @param declared the {@code Content-Length}, at most {@code max}, or -1 when unknown (chunked)
     * @param max the limit
     * @return the exact bytes, or {@code null} when the body has more than {@code max} bytes
     * @throws IOException if the stream fails, or ends before the declared length
     */
    static byte[] read(InputStream in, long declared, int max) throws IOException {
        byte[] buffer = new byte[declared >= 0 ? (int) declared : Math.min(INITIAL, max)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                int probe = in.read();
                if (probe < 0) {
                    return buffer;
                }
                if (length >= max) {
                    return null;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(2L * buffer.length, INITIAL)));
                buffer[length++] = (byte) probe;
                continue;
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                if (declared >= 0) {
                    throw new EOFException("body ended after " + length + " of " + declared + " declared bytes");
                }
                return Arrays.copyOf(buffer, length);
            }
            length += read;
        }
    }

    /** Reads and discards up to {@code max} bytes, stopping early at the end of the stream. */
    static void discard(InputStream in, int max) throws IOException {
        byte[] sink = new byte[INITIAL];
        int left = max;
        int read;
        while (left > 0 && (read = in.read(sink, 0, Math.min(sink.length, left))) >= 0) {
            left -= read;
        }
    }
}
