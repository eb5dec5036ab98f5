package dev.givinghooks;

/**
 * Checks that a delivery was signed with a configured secret, and where the provider signs a
 * timestamp that it is within the window, without reading the body: for an application that
 * stores or forwards the authentic bytes and types them later, or binds them to its own classes.
 *
 * <p>It applies the same header checks, body limit, constant-time comparison and window as the
 * provider's {@link WebhookVerifier}, and allocates nothing in proportion to the body. It does
 * not look inside the body, so it gives no typed event and no idempotency key: deduplicate on
 * an identifier from the body once it is parsed, never on a header.
 *
 * <p>Implementations are immutable and thread-safe: build one at start-up and share it. SIR
 * Giving and Chuffed deliveries are signed; The Giving Block's are encrypted, and only
 * decrypting them tells anything, so it has none.
 */
public interface SignatureVerifier {

    /**
     * Returns the provider whose signatures this verifier checks.
     *
     * @return the provider
     */
    Provider provider();

    /**
     * Checks the delivery's signature and, where the provider signs one, its timestamp.
     *
     * @param request the received delivery
     * @return the 0-based position, in configuration order, of the secret that matched
     * @throws WebhookRejectedException when the delivery is refused; its {@link Reason} says why
     */
    int verifySignature(WebhookRequest request);
}
