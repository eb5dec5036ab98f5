package dev.givinghooks;

/**
 * Verifies (or decrypts) a provider's webhook delivery and returns its typed event.
 *
 * <p>Implementations are immutable and thread-safe: build one at start-up and share it.
 *
 * @param <E> the provider's event type
 */
public interface WebhookVerifier<E extends WebhookEvent> {

    /**
     * Returns the provider whose deliveries this verifier accepts.
     *
     * @return the provider
     */
    Provider provider();

    /**
     * Returns the largest body this verifier accepts; a {@link WebhookReceiver} reads no more.
     * The provider verifiers return what their builder set (1 MiB by default).
     *
     * @return the limit in bytes, positive
     */
    default int maxBodyBytes() {
        return 1024 * 1024;
    }

    /**
     * Authenticates a delivery and types its event.
     *
     * @param request the received delivery
     * @return the typed event with its verification metadata
     * @throws WebhookRejectedException when the delivery is refused; its {@link Reason} says why
     */
    Verified<E> verify(WebhookRequest request);
}
