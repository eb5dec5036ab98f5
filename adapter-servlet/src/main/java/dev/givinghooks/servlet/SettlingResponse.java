package dev.givinghooks.servlet;

import dev.givinghooks.WebhookReceiver;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The response the application writes: it settles the delivery's claim by the response's status
 * just before anything could commit the response, so that a provider that has read the answer
 * finds the event settled. The commit points are a flush, a close, an error or redirect, and a
 * write that reaches the declared {@code Content-Length} or fills the buffer; for characters the
 * byte count is over-estimated (4 bytes a character), so settling is early rather than late.
 */
final class SettlingResponse extends HttpServletResponseWrapper {
    private static final int MAX_BYTES_PER_CHAR = 4;

    private final WebhookReceiver.Accepted accepted;
    private long contentLength = -1;
    private long written;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private volatile boolean watched;

    SettlingResponse(HttpServletResponse response, WebhookReceiver.Accepted accepted) {
        super(response);
        this.accepted = accepted;
    }

    /** Settles by the current status; later calls, from any thread, do nothing. */
    void settle() {
        accepted.settle(getStatus());
    }

    /** Settles by a status the container is about to send. */
    void settle(int status) {
        accepted.settle(status);
    }

    /** Releases the claim: the application failed. */
    void fail() {
        accepted.fail();
    }

    /** Leaves the claim to its lease: the application failed while its asynchronous work may still run. */
    void abandon() {
        accepted.abandon();
    }

    /** Marks the asynchronous cycle as watched; returns {@code false} if it already was. */
    boolean watch() {
        if (watched) {
            return false;
        }
        watched = true;
        return true;
    }

    private void beforeWriting(long bytes) {
        if (accepted.settled()) {
            return;
        }
        written += bytes;
        long commitsAt = contentLength >= 0 ? Math.min(contentLength, getBufferSize()) : getBufferSize();
        if (written >= commitsAt) {
            settle();
        }
    }

    @Override
    public void setContentLength(int length) {
        contentLength = length;
        super.setContentLength(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        contentLength = length;
        super.setContentLengthLong(length);
    }

    @Override
    public void setHeader(String name, String value) {
        contentLengthHeader(name, value);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        contentLengthHeader(name, value);
        super.addHeader(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        contentLengthHeader(name, Integer.toString(value));
        super.setIntHeader(name, value);
    }

    @Override
    public void addIntHeader(String name, int value) {
        contentLengthHeader(name, Integer.toString(value));
        super.addIntHeader(name, value);
    }

    private void contentLengthHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            try {
                contentLength = value == null ? -1 : Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                contentLength = 0; // unknown: settle at the first write
            }
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        settle();
        super.flushBuffer();
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        settle(status);
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        settle(status);
        super.sendError(status);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        settle(SC_FOUND);
        super.sendRedirect(location);
    }

    @Override
    public void reset() {
        super.reset();
        contentLength = -1;
        written = 0;
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        written = 0;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new SettlingStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new SettlingWriter(super.getWriter()), false);
        }
        return writer;
    }

    private final class SettlingStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        SettlingStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            beforeWriting(1);
            delegate.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            beforeWriting(length);
            delegate.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            settle();
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            settle();
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }

    private final class SettlingWriter extends Writer {
        private final PrintWriter delegate;

        SettlingWriter(PrintWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            beforeWriting((long) length * MAX_BYTES_PER_CHAR);
            delegate.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            beforeWriting((long) length * MAX_BYTES_PER_CHAR);
            delegate.write(text, offset, length);
        }

        @Override
        public void flush() {
            settle();
            delegate.flush();
        }

        @Override
        public void close() {
            settle();
            delegate.close();
        }
    }
}
