package dev.givinghooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Several {@link WebhookListener}s as one, each told in turn and isolated from the others' failures. */
final class Listeners implements WebhookListener {
    private static final System.Logger LOG = System.getLogger(WebhookReceiver.class.getName());

    private final List<WebhookListener> listeners;

    Listeners(List<WebhookListener> listeners) {
        this.listeners = listeners;
    }

    private void each(Consumer<WebhookListener> call) {
        for (WebhookListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "webhook listener failed", e);
            }
        }
    }

    @Override
    public WebhookListener forDelivery(WebhookRequest request) {
        List<WebhookListener> each = new ArrayList<>(listeners.size());
        boolean same = true;
        for (WebhookListener listener : listeners) {
            try {
                WebhookListener forThis = listener.forDelivery(request);
                same &= forThis == listener;
                each.add(forThis);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "webhook listener failed", e);
                same = false;
            }
        }
        return same ? this : new Listeners(each);
    }

    @Override
    public void onFailure(WebhookRequest request, RuntimeException failure) {
        each(listener -> listener.onFailure(request, failure));
    }

    @Override
    public void onVerified(WebhookRequest request, Verified<?> verified) {
        each(listener -> listener.onVerified(request, verified));
    }

    @Override
    public void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
        each(listener -> listener.onRejected(request, rejection));
    }

    @Override
    public void onDuplicate(WebhookRequest request, Verified<?> verified) {
        each(listener -> listener.onDuplicate(request, verified));
    }

    @Override
    public void onStoreFailure(Verified<?> verified, Throwable cause, boolean processedAnyway) {
        each(listener -> listener.onStoreFailure(verified, cause, processedAnyway));
    }

    @Override
    public void onSettled(Verified<?> verified, boolean processed, Duration duration) {
        each(listener -> listener.onSettled(verified, processed, duration));
    }

    @Override
    public String toString() {
        return "WebhookListener.all" + listeners;
    }
}
