package dev.givinghooks;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception this library throws for a webhook delivery it refuses.
 *
 * <p>It carries the {@link Provider} and a {@link Reason}; its message is
 * {@code "<provider>: <REASON>: <detail>"}. The detail names the problem and never contains a
 * secret, key, IV or expected signature; of a <em>received</em> signature it shows at most the
 * first four characters. Refusals are expected events, so the exception records no stack trace.
 *
 * <p>When the body was authentic but unusable ({@link Reason#MALFORMED_PAYLOAD}),
 * {@link #authenticBody()} returns it (for The Giving Block, the decrypted plaintext) so that a
 * listener can keep it: an authentic delivery is never silently lost.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class WebhookRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Provider provider;
    private final Reason reason;
    private final String detail;
    private final transient byte[] authenticBody;

    /**
     * Creates a refusal.
     *
     * @param provider the provider whose delivery was refused
     * @param reason why it was refused
     * @param detail a human-readable detail that contains no secret material
     */
    public WebhookRejectedException(Provider provider, Reason reason, String detail) {
        this(provider, reason, detail, null);
    }

    /**
     * Creates a refusal of an authentic body, keeping that body for listeners.
     *
     * @param provider the provider whose delivery was refused
     * @param reason why it was refused
     * @param detail a human-readable detail that contains no secret material
     * @param authenticBody the authenticated bytes (not copied), or {@code null}
     */
    public WebhookRejectedException(Provider provider, Reason reason, String detail, byte[] authenticBody) {
        super(Objects.requireNonNull(provider, "provider").id() + ": " + Objects.requireNonNull(reason, "reason")
                + ": " + Objects.requireNonNull(detail, "detail"), null, false, false);
        this.provider = provider;
        this.reason = reason;
        this.detail = detail;
        this.authenticBody = authenticBody;
    }

    /**
     * Returns the provider whose delivery was refused.
     *
     * @return the provider
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Returns why the delivery was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the human-readable detail, free of secret material.
     *
     * @return the detail
     */
    public String detail() {
        return detail;
    }

    /**
     * Returns the authenticated body when the refusal concerns an authentic delivery.
     *
     * @return a copy of the authentic bytes (decrypted plaintext for The Giving Block), or empty
     */
    public Optional<byte[]> authenticBody() {
        return Optional.ofNullable(authenticBody).map(byte[]::clone);
    }
}
