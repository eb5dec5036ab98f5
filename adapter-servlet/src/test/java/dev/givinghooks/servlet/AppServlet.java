package dev.givinghooks.servlet;

import dev.givinghooks.Verified;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application behind the filter: records what it saw (the verified result, the event
 * attribute, the body read as a stream and as a reader) and answers with its handler's status,
 * synchronously or from another thread after {@code startAsync}.
 */
final class AppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @FunctionalInterface
    interface Handler {
        int handle(HttpServletRequest request) throws Exception;
    }

    record Seen(String path, Verified<?> verified, Object eventAttribute, byte[] streamBody, String readerBody, long contentLength) {
    }

    final transient List<Seen> seen = new CopyOnWriteArrayList<>();
    private final boolean async;
    private final transient ExecutorService executor;
    private transient volatile Handler handler = request -> 200;
    volatile long asyncTimeoutMillis = 30_000;

    private AppServlet(boolean async) {
        this.async = async;
        this.executor = async ? Executors.newCachedThreadPool() : null;
    }

    static AppServlet blocking() {
        return new AppServlet(false);
    }

    static AppServlet asynchronous() {
        return new AppServlet(true);
    }

    AppServlet handler(Handler handler) {
        this.handler = handler;
        return this;
    }

    long calls(String idempotencyKey) {
        return seen.stream().filter(s -> s.verified() != null && s.verified().idempotencyKey().equals(idempotencyKey)).count();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Verified<?> verified = WebhookFilter.verified(request).orElse(null);
        byte[] stream = request.getInputStream().readAllBytes();
        // Only the filter's request may be read twice; a plain one allows one of the two.
        String reader = verified == null ? null : request.getReader().lines().reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
        seen.add(new Seen(request.getRequestURI(), verified,
                request.getAttribute(WebhookFilter.EVENT_ATTRIBUTE), stream, reader, request.getContentLengthLong()));
        Handler current = handler;
        if (!async) {
            try {
                response.setStatus(current.handle(request));
            } catch (IOException | ServletException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ServletException(e);
            }
            return;
        }
        AsyncContext context = request.startAsync();
        context.setTimeout(asyncTimeoutMillis);
        executor.execute(() -> {
            int status;
            try {
                status = current.handle((HttpServletRequest) context.getRequest());
            } catch (Exception e) {
                status = 500;
            }
            try {
                ((HttpServletResponse) context.getResponse()).setStatus(status);
                context.complete();
            } catch (IllegalStateException timedOutAlready) {
                // the container ended the request when it timed out
            }
        });
    }

    @Override
    public void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
