package dev.givinghooks.spi;

/**
 * Thrown by an {@link IdempotencyStore} (or failing one of its asynchronous results) when it
 * cannot answer: unreachable, timed out, or full of claims in progress.
 *
 * <p>The receiver answers such a delivery with {@link dev.givinghooks.Reason#STORE_UNAVAILABLE}
 * (503 with {@code Retry-After}) and processes nothing, unless it is configured to fail open. It
 * treats any other {@link RuntimeException} from a store the same way; this type lets a store say
 * so on purpose, with a message fit for an operator's log. A message must not contain
 * credentials (a connection URI's password, for example).
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be done, for the operator's log
     */
    public StoreUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what could not be done, for the operator's log
     * @param cause the store client's failure
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
