package dev.givinghooks;

/**
 * Why a webhook delivery was refused, with the HTTP status adapters answer by default.
 *
 * <p>Every authentication failure maps to 401 and never to a 5xx status; {@link #MALFORMED_PAYLOAD}
 * and {@link #UNEXPECTED_EVENT} are the only reasons given for a body that <em>was</em> authentic. {@link #STORE_UNAVAILABLE} is
 * the only one that is the receiver's fault rather than the sender's: a 5xx status, so that the
 * provider retries.
 */
public enum Reason {
    /** The signature header is absent. */
    MISSING_SIGNATURE(401),
    /** The signature header has the wrong prefix, length or alphabet, or was sent more than once. */
    MALFORMED_SIGNATURE(401),
    /** No configured secret produces the received signature. */
    SIGNATURE_MISMATCH(401),
    /** The timestamp header or field is absent. */
    MISSING_TIMESTAMP(401),
    /** The timestamp is not a decimal integer in range, or was sent more than once. */
    MALFORMED_TIMESTAMP(401),
    /** The timestamp is older than the configured window allows. */
    TIMESTAMP_TOO_OLD(401),
    /** The timestamp is further in the future than the configured window allows. */
    TIMESTAMP_IN_FUTURE(401),
    /** The Giving Block: anything failing between hex decoding and JSON parsing, reported as one. */
    UNDECRYPTABLE_PAYLOAD(401),
    /** The body is authentic but not the documented shape (not a JSON object, or no event id). */
    MALFORMED_PAYLOAD(400),
    /**
     * The body is authentic, but its event is not of the type the receiving endpoint takes; nothing
     * was processed, so the provider's retry can reach an endpoint that takes it.
     */
    UNEXPECTED_EVENT(422),
    /** The body is larger than the configured limit. */
    BODY_TOO_LARGE(413),
    /** The body ended before its declared length, or could not be read; nothing was verified. */
    INCOMPLETE_BODY(400),
    /** The same event is being processed right now by another delivery. */
    DUPLICATE_IN_PROGRESS(409),
    /**
     * The idempotency store could not answer (unreachable, timed out or full of live claims), so
     * nothing was processed; the delivery is authentic and its retry will be. Answered with
     * {@code Retry-After}.
     */
    STORE_UNAVAILABLE(503);

    private final int httpStatus;

    Reason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /**
     * Returns the HTTP status an adapter answers with unless configured otherwise.
     *
     * @return a 4xx status code, or 503 for {@link #STORE_UNAVAILABLE}
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Returns whether this reason says the sender could not be authenticated, as opposed to an
     * authentic body that could not be used or a delivery refused for its size or timing.
     *
     * @return {@code true} when the status is 401
     */
    public boolean isAuthenticationFailure() {
        return httpStatus == 401;
    }
}
