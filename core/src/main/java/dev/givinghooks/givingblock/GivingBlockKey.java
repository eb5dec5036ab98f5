package dev.givinghooks.givingblock;

import dev.givinghooks.internal.AesCbc;
import dev.givinghooks.internal.Hex;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * An encryption key and static IV pair issued by The Giving Block with API credentials, both
 * given as hex. Its {@code toString()} never shows either value.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class GivingBlockKey {
    private final byte[] key;
    private final byte[] iv;

    private GivingBlockKey(byte[] key, byte[] iv) {
        this.key = key;
        this.iv = iv;
    }

    /**
     * Decodes and checks a key/IV pair.
     *
     * @param keyHex 64 hex digits (32 bytes, AES-256)
     * @param ivHex 32 hex digits (16 bytes)
     * @return the pair
     * @throws IllegalArgumentException naming which value is not hex of the right length (never the value)
     */
    public static GivingBlockKey of(String keyHex, String ivHex) {
        Objects.requireNonNull(keyHex, "keyHex");
        Objects.requireNonNull(ivHex, "ivHex");
        byte[] key = Hex.decode(keyHex.strip());
        if (key == null || key.length != AesCbc.KEY_LENGTH) {
            throw new IllegalArgumentException("encryption key is not " + 2 * AesCbc.KEY_LENGTH + " hex digits");
        }
        byte[] iv = Hex.decode(ivHex.strip());
        if (iv == null || iv.length != AesCbc.IV_LENGTH) {
            throw new IllegalArgumentException("iv is not " + 2 * AesCbc.IV_LENGTH + " hex digits");
        }
        return new GivingBlockKey(key, iv);
    }

    AesCbc prepare(java.security.Provider cryptoProvider) {
        return AesCbc.of(key, iv, cryptoProvider);
    }

    /** Compares key and IV in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof GivingBlockKey that && MessageDigest.isEqual(key, that.key) && MessageDigest.isEqual(iv, that.iv);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(iv);
    }

    /** Says nothing about the key or IV. */
    @Override
    public String toString() {
        return "GivingBlockKey[redacted]";
    }
}
