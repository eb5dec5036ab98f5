package dev.givinghooks.testkit.contract;

import dev.givinghooks.Verified;

/**
 * What the downstream application does with a verified delivery; the adapter calls it for each
 * delivery it lets through (after verification and a successful idempotency claim).
 *
 * <p>The contract suite's implementation is thread-safe: adapters may call it from any thread,
 * concurrently.
 */
@FunctionalInterface
public interface Application {

    /**
     * Handles one verified delivery.
     *
     * @param verified the verified delivery
     * @return the HTTP status the application answers with; a 2xx status completes the
     *         idempotency claim, anything else releases it
     * @throws Exception when the application fails; the adapter releases the claim and must not
     *         swallow the failure (the delivery is answered with a 5xx status)
     */
    int handle(Verified<?> verified) throws Exception;
}
