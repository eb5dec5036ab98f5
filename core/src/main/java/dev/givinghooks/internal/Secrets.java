package dev.givinghooks.internal;

/** Validation of configured HMAC secrets; messages name the problem and never the value. */
public final class Secrets {
    /** Shortest key accepted unless short secrets are explicitly allowed. */
    public static final int MIN_KEY_BYTES = 16;

    private Secrets() {
    }

    /**
     * Checks a secret string and the key bytes derived from it.
     *
     * @throws IllegalArgumentException if the secret is blank or the key is shorter than
     *         {@link #MIN_KEY_BYTES} while short secrets are not allowed
     */
    public static byte[] check(String secret, byte[] key, boolean allowShort) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("secret is empty or blank");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("secret yields an empty key");
        }
        if (!allowShort && key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("secret is shorter than " + MIN_KEY_BYTES
                    + " bytes; use a longer one, or allow short secrets explicitly if the provider issued it");
        }
        return key;
    }
}
