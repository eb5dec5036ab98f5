package dev.givinghooks.internal;

import java.security.MessageDigest;
import java.security.Provider;

/** SHA-256 digests from a pool of {@link MessageDigest} instances. */
public final class Sha256 {
    private final InstancePool<MessageDigest> digests;

    /** @param provider a JCA provider, or {@code null} for the JDK's */
    public Sha256(Provider provider) {
        this.digests = new InstancePool<>(() -> Crypto.jca(
                () -> provider == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", provider)));
    }

    /** Returns SHA-256 of the bytes. */
    public byte[] digest(byte[] bytes) {
        MessageDigest digest = digests.take();
        try {
            return digest.digest(bytes);
        } finally {
            digest.reset();
            digests.give(digest);
        }
    }
}
