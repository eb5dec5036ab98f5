package dev.givinghooks.internal;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC with PKCS#7 padding under one key and one static IV, as The Giving Block uses it,
 * backed by pools of initialised ciphers: {@code doFinal} returns a {@link Cipher} to the state
 * of its last {@code init}, so an instance is reused without re-keying.
 */
public final class AesCbc {
    /** Key length in bytes (AES-256). */
    public static final int KEY_LENGTH = 32;
    /** IV and block length in bytes. */
    public static final int IV_LENGTH = 16;

    private final InstancePool<Cipher> decrypting;
    private final InstancePool<Cipher> encrypting;

    private AesCbc(SecretKeySpec key, IvParameterSpec iv, Provider provider) {
        this.decrypting = new InstancePool<>(() -> cipher(Cipher.DECRYPT_MODE, key, iv, provider));
        this.encrypting = new InstancePool<>(() -> cipher(Cipher.ENCRYPT_MODE, key, iv, provider));
    }

    /**
     * Prepares a key and IV of exactly {@link #KEY_LENGTH} and {@link #IV_LENGTH} bytes.
     *
     * @param provider a JCA provider, or {@code null} for the JDK's
     */
    public static AesCbc of(byte[] key, byte[] iv, Provider provider) {
        if (key.length != KEY_LENGTH || iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("AES-256-CBC needs a 32-byte key and a 16-byte IV");
        }
        return new AesCbc(new SecretKeySpec(key, "AES"), new IvParameterSpec(iv), provider);
    }

    /**
     * Decrypts and unpads; {@code null} on any failure (length not a whole number of blocks, bad
     * padding), deliberately without saying which: no padding oracle.
     */
    public byte[] decrypt(byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % IV_LENGTH != 0) {
            return null;
        }
        Cipher cipher = decrypting.take();
        try {
            byte[] plaintext = cipher.doFinal(ciphertext);
            decrypting.give(cipher);
            return plaintext;
        } catch (GeneralSecurityException e) {
            // A cipher whose doFinal failed is dropped rather than trusted to have reset itself.
            return null;
        }
    }

    /** Pads and encrypts. */
    public byte[] encrypt(byte[] plaintext) {
        Cipher cipher = encrypting.take();
        byte[] ciphertext = Crypto.jca(() -> cipher.doFinal(plaintext));
        encrypting.give(cipher);
        return ciphertext;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, IvParameterSpec iv, Provider provider) {
        return Crypto.jca(() -> {
            Cipher cipher = provider == null
                    ? Cipher.getInstance("AES/CBC/PKCS5Padding")
                    : Cipher.getInstance("AES/CBC/PKCS5Padding", provider);
            cipher.init(mode, key, iv);
            return cipher;
        });
    }

    /** Says nothing about the key or IV. */
    @Override
    public String toString() {
        return "AesCbc[key=redacted, iv=redacted]";
    }
}
