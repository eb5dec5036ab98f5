package dev.givinghooks.internal;

/**
 * Thrown while mapping an authentic JSON object to an event record when it does not fit the
 * record; the verifier then delivers the event as {@code Unrecognized}, carrying this message.
 */
public final class Misfit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what did not fit, naming the field, never quoting a value */
    public Misfit(String message) {
        super(message, null, false, false);
    }
}
