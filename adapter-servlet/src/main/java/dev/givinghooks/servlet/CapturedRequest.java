package dev.givinghooks.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The request the application sees: its body is the captured bytes, readable again from the
 * start by each {@link #getInputStream()} or {@link #getReader()} call, and starting
 * asynchronous processing hands the claim's settlement to the asynchronous cycle. A cycle
 * started without arguments is started with this request and the settling response, so that an
 * asynchronous dispatch reaches the application with the captured body, and its writes still
 * settle before they commit.
 */
final class CapturedRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private final ServletResponse response;
    private final SettlingResponse settlement;

    /**
     * Wraps the request the application sees.
     *
     * @param response the response handed down the chain with it
     * @param settlement the same response when the delivery has something to settle, or {@code null}
     */
    CapturedRequest(HttpServletRequest request, byte[] body, ServletResponse response, SettlingResponse settlement) {
        super(request);
        this.body = body;
        this.response = response;
        this.settlement = settlement;
    }

    /**
     * Settles when the asynchronous cycle of {@code context} ends: by the response's status, or
     * as failed after an error or timeout. Does nothing if the cycle is watched already.
     */
    static void watch(AsyncContext context, SettlingResponse settlement) {
        if (settlement.watch()) {
            context.addListener(new CycleEnd(settlement));
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        return new BodyStream(body);
    }

    /**
     * Reads the captured body in the request's character encoding, UTF-8 when none is given.
     *
     * @throws UnsupportedEncodingException if the encoding the request names is unknown, as the
     *         servlet contract says
     */
    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        String encoding = getCharacterEncoding();
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            throw new UnsupportedEncodingException(encoding);
        }
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public AsyncContext startAsync() {
        return watched(super.startAsync(this, response));
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return watched(super.startAsync(request, response));
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext context = super.getAsyncContext(); // the container's answer when there is none (null or an exception) stands
        return context == null || settlement == null ? context : new SettlingAsyncContext(context, settlement);
    }

    private AsyncContext watched(AsyncContext context) {
        if (settlement == null) {
            return context;
        }
        watch(context, settlement);
        return new SettlingAsyncContext(context, settlement);
    }

    /**
     * Ends the claim with the asynchronous cycle: by the response's status when it completes, or
     * released at once on an error or a timeout, before the container writes its error page, so
     * that the provider's retry is processed. (An exception thrown by the first thread after
     * {@code startAsync} has already left the claim to its lease: see
     * {@link dev.givinghooks.WebhookReceiver.Accepted#abandon()}.)
     */
    private static final class CycleEnd implements AsyncListener {
        private final SettlingResponse settlement;

        CycleEnd(SettlingResponse settlement) {
            this.settlement = settlement;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            settlement.settle();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            settlement.fail();
        }

        @Override
        public void onError(AsyncEvent event) {
            settlement.fail();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new asynchronous cycle drops the listeners of the last one: stay registered.
            event.getAsyncContext().addListener(this);
        }
    }

    /**
     * Settles the claim in {@link #complete()}, before the container sends the response, so that
     * a client that has read a 2xx answer finds the event done; the {@link CycleEnd} listener
     * covers dispatches, errors and timeouts.
     */
    private record SettlingAsyncContext(AsyncContext delegate, SettlingResponse settlement) implements AsyncContext {
        @Override
        public void complete() {
            settlement.settle();
            delegate.complete();
        }

        @Override
        public ServletRequest getRequest() {
            return delegate.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return delegate.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return delegate.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            delegate.dispatch();
        }

        @Override
        public void dispatch(String path) {
            delegate.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            delegate.dispatch(context, path);
        }

        @Override
        public void start(Runnable run) {
            delegate.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            delegate.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            delegate.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
            return delegate.createListener(type);
        }

        @Override
        public void setTimeout(long timeout) {
            delegate.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return delegate.getTimeout();
        }
    }

    /** The captured bytes as a servlet stream; always ready, since they are in memory. */
    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        BodyStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public int available() {
            return bytes.available();
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                if (!isFinished()) {
                    listener.onDataAvailable();
                }
                listener.onAllDataRead();
            } catch (IOException | RuntimeException e) {
                listener.onError(e);
            }
        }
    }
}
