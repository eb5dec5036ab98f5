package dev.givinghooks;

import java.util.List;
import java.util.function.Function;

/**
 * The settings of the verifiers keyed by a shared secret (SIR Giving, Chuffed): the secrets to
 * try and the short-secret escape hatch, besides those of {@link VerifierSettings}.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class SecretVerifierSettings<B extends SecretVerifierSettings<B>> extends VerifierSettings<B, String> {
    private boolean allowShortSecrets;

    /** Starts the settings with every default. */
    protected SecretVerifierSettings() {
    }

    /**
     * Sets the secrets to try, in order; during rotation give the new one and the old one.
     * {@link Verified#keyIndex()} reports which matched.
     *
     * @param secrets one or more secrets
     * @return this builder
     */
    public B secrets(String... secrets) {
        return fixedKeys(List.of(secrets));
    }

    /**
     * Sets the secrets to try, in order.
     *
     * @param secrets one or more secrets
     * @return this builder
     */
    public B secrets(List<String> secrets) {
        return fixedKeys(secrets);
    }

    /**
     * Asks a supplier for the secrets to try on each request, for rotation without restart or
     * per-tenant secrets (for example by {@link WebhookRequest#path()}). The request only
     * selects secrets; it authenticates nothing. A supplier that returns no secret, or an
     * unusable one, is a configuration fault: {@code verify} then throws
     * {@link IllegalStateException}.
     *
     * @param secretSupplier returns the secrets for a request
     * @return this builder
     */
    public B secrets(Function<? super WebhookRequest, ? extends List<String>> secretSupplier) {
        return suppliedKeys(secretSupplier);
    }

    /**
     * Accepts secrets shorter than 16 bytes. Dangerous: a short secret can be guessed offline
     * from a single captured delivery. Use it only for a secret you cannot replace (Chuffed lets
     * the customer choose the secret).
     *
     * @return this builder
     */
    public B allowInsecureShortSecrets() {
        this.allowShortSecrets = true;
        return self();
    }

    /**
     * Returns whether short secrets were allowed, for {@code build()}.
     *
     * @return {@code true} after {@link #allowInsecureShortSecrets()}
     */
    protected final boolean shortSecretsAllowed() {
        return allowShortSecrets;
    }
}
