package dev.givinghooks.servlet;

import dev.givinghooks.spi.IdempotencyStore;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends one acquired claim exactly once: completed after a 2xx answer, released after anything
 * else, an exception, an asynchronous error or timeout. Thread-safe: the first ending wins.
 */
final class Settlement implements AsyncListener {
    private static final System.Logger LOG = System.getLogger(WebhookFilter.class.getName());

    private final IdempotencyStore store;
    private final IdempotencyStore.Claim claim;
    private final Duration retention;
    private final HttpServletResponse response;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean watching;

    Settlement(IdempotencyStore store, IdempotencyStore.Claim claim, Duration retention, HttpServletResponse response) {
        this.store = store;
        this.claim = claim;
        this.retention = retention;
        this.response = response;
    }

    /** Settles when the asynchronous processing of {@code context} ends. */
    void watch(AsyncContext context) {
        watching = true;
        context.addListener(this);
    }

    boolean asyncStarted() {
        return watching;
    }

    void settle(int status) {
        if (status >= 200 && status < 300) {
            complete();
        } else {
            release();
        }
    }

    void release() {
        if (ended.compareAndSet(false, true) && !store.release(claim)) {
            LOG.log(System.Logger.Level.WARNING, "claim on {0} had expired before the delivery failed", claim.key());
        }
    }

    private void complete() {
        if (ended.compareAndSet(false, true) && !store.complete(claim, retention)) {
            LOG.log(System.Logger.Level.WARNING, "claim on {0} had expired before the delivery was processed; is the lease too short?",
                    claim.key());
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        settle(response.getStatus());
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        release();
    }

    @Override
    public void onError(AsyncEvent event) {
        release();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A new asynchronous cycle drops the listeners of the last one: stay registered.
        event.getAsyncContext().addListener(this);
    }
}
