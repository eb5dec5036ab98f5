package dev.givinghooks;

import java.time.Duration;
import java.util.List;

/**
 * Receives what a {@link WebhookReceiver} decided about each delivery, for logging, metrics and
 * keeping authentic bodies that could not be used.
 *
 * <p>Every delivery ends in exactly one of {@link #onRejected}, {@link #onDuplicate},
 * {@link #onSettled} or {@link #onFailure}; {@link #onVerified} and {@link #onStoreFailure} may
 * come before. A listener that keeps state per delivery (a timer, a trace span) returns a fresh
 * listener from {@link #forDelivery}, and the receiver tells that one everything about the
 * delivery.
 *
 * <p>Every method does nothing by default. Calls happen on the thread that received or settled
 * the delivery, so implementations must be thread-safe and quick. An exception a listener throws
 * is logged and never changes the answer: a listener is telemetry.
 */
public interface WebhookListener {
    /**
     * Returns a listener that tells each of the given ones in turn; one that throws is logged and
     * the others are still told.
     *
     * @param listeners the listeners, in order
     * @return one listener for all of them
     */
    static WebhookListener all(List<? extends WebhookListener> listeners) {
        List<WebhookListener> copy = List.copyOf(listeners);
        return copy.size() == 1 ? copy.get(0) : new Listeners(copy);
    }

    /**
     * Returns the listener to tell about one delivery, as it arrives (before its body is verified,
     * or for a refusal before it is read). By default this listener itself.
     *
     * @param request the delivery; its body is empty when it has not been read
     * @return the listener for this delivery
     */
    default WebhookListener forDelivery(WebhookRequest request) {
        return this;
    }

    /**
     * Called when a delivery was verified, before deduplication.
     *
     * @param request the delivery
     * @param verified the result
     */
    default void onVerified(WebhookRequest request, Verified<?> verified) {
    }

    /**
     * Called when a delivery is refused, for any {@link Reason}: its size, its signature,
     * {@link Reason#DUPLICATE_IN_PROGRESS} and {@link Reason#STORE_UNAVAILABLE} included. When the
     * body was authentic but unusable ({@link Reason#MALFORMED_PAYLOAD}),
     * {@link WebhookRejectedException#authenticBody()} holds it, so that it can be kept.
     *
     * @param request the delivery; its body is empty when the refusal came before it was read
     * @param rejection the refusal; its detail is free of secrets
     */
    default void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
    }

    /**
     * Called when a delivery was already processed successfully and is acknowledged with 200
     * without calling the application.
     *
     * @param request the delivery
     * @param verified the result
     */
    default void onDuplicate(WebhookRequest request, Verified<?> verified) {
    }

    /**
     * Called when the idempotency store failed to claim a verified delivery's key. Failing closed
     * (the default), the delivery is then refused with {@link Reason#STORE_UNAVAILABLE}; failing
     * open, it is processed without deduplication.
     *
     * @param verified the delivery that could not be claimed
     * @param cause the store's failure, for the operator's log
     * @param processedAnyway {@code true} when the receiver fails open
     */
    default void onStoreFailure(Verified<?> verified, Throwable cause, boolean processedAnyway) {
    }

    /**
     * Called when a delivery could not be received because of a configuration fault of the
     * application, such as a key supplier that failed; the receiver then throws the exception to
     * the adapter.
     *
     * @param request the delivery
     * @param failure the fault
     */
    default void onFailure(WebhookRequest request, RuntimeException failure) {
    }

    /**
     * Called once per accepted delivery, when the application's outcome settled it: its claim
     * completed (processed) or released for a retry (not processed), or left to its lease because
     * the outcome cannot be known (not processed).
     *
     * @param verified the delivery
     * @param processed whether the application answered 2xx
     * @param duration from acceptance to settlement: how long the application took
     */
    default void onSettled(Verified<?> verified, boolean processed, Duration duration) {
    }
}
