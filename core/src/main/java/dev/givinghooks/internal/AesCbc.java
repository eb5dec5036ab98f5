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
 *
 * <p>Decryption unpads by hand rather than through the JCA's PKCS5Padding, which decrypts into a
 * buffer the size of the ciphertext and copies the unpadded plaintext out of it: the last block
 * is decrypted first (in CBC, plaintext block <i>n</i> is the block decryption of ciphertext
 * block <i>n</i> XOR ciphertext block <i>n</i>-1), which gives the padding and so the
 * plaintext's length, and the rest is decrypted straight into the plaintext array.
 */
public final class AesCbc {
    /** Key length in bytes (AES-256). */
    public static final int KEY_LENGTH = 32;
    /** IV and block length in bytes. */
    public static final int IV_LENGTH = 16;

    private final byte[] iv;
    private final InstancePool<Cipher> decryptingBlocks;
    private final InstancePool<Cipher> decrypting;
    private final InstancePool<Cipher> encrypting;

    private AesCbc(SecretKeySpec key, byte[] iv, Provider provider) {
        this.iv = iv.clone();
        IvParameterSpec ivSpec = new IvParameterSpec(iv);
        this.decryptingBlocks = new InstancePool<>(() -> cipher("AES/ECB/NoPadding", Cipher.DECRYPT_MODE, key, null, provider));
        this.decrypting = new InstancePool<>(() -> cipher("AES/CBC/NoPadding", Cipher.DECRYPT_MODE, key, ivSpec, provider));
        this.encrypting = new InstancePool<>(() -> cipher("AES/CBC/PKCS5Padding", Cipher.ENCRYPT_MODE, key, ivSpec, provider));
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
        return new AesCbc(new SecretKeySpec(key, "AES"), iv, provider);
    }

    /**
     * Decrypts and unpads; {@code null} on any failure (length not a whole number of blocks, bad
     * padding), deliberately without saying which: no padding oracle. Bad padding costs the same
     * decryption as good padding.
     */
    public byte[] decrypt(byte[] ciphertext) {
        int length = ciphertext.length;
        if (length == 0 || length % IV_LENGTH != 0) {
            return null;
        }
        byte[] last = lastBlock(ciphertext);
        if (last == null) {
            return null;
        }
        int pad = last[IV_LENGTH - 1] & 0xff;
        boolean padded = pad >= 1 && pad <= IV_LENGTH;
        for (int i = IV_LENGTH - (padded ? pad : IV_LENGTH); i < IV_LENGTH; i++) {
            padded &= last[i] == (byte) pad;
        }
        byte[] plaintext = new byte[length - (padded ? pad : IV_LENGTH)];
        Cipher cipher = decrypting.take();
        try {
            cipher.doFinal(ciphertext, 0, length - IV_LENGTH, plaintext, 0);
            decrypting.give(cipher);
        } catch (GeneralSecurityException e) {
            // A cipher whose doFinal failed is dropped rather than trusted to have reset itself.
            return null;
        }
        if (!padded) {
            return null;
        }
        System.arraycopy(last, 0, plaintext, length - IV_LENGTH, IV_LENGTH - pad);
        return plaintext;
    }

    /** The plaintext of the last block: its block decryption XOR the block before it (or the IV). */
    private byte[] lastBlock(byte[] ciphertext) {
        int offset = ciphertext.length - IV_LENGTH;
        Cipher cipher = decryptingBlocks.take();
        byte[] block;
        try {
            block = cipher.doFinal(ciphertext, offset, IV_LENGTH);
            decryptingBlocks.give(cipher);
        } catch (GeneralSecurityException e) {
            return null;
        }
        byte[] previous = offset == 0 ? iv : ciphertext;
        int previousOffset = offset == 0 ? 0 : offset - IV_LENGTH;
        for (int i = 0; i < IV_LENGTH; i++) {
            block[i] ^= previous[previousOffset + i];
        }
        return block;
    }

    /** Pads and encrypts. */
    public byte[] encrypt(byte[] plaintext) {
        Cipher cipher = encrypting.take();
        byte[] ciphertext = Crypto.jca(() -> cipher.doFinal(plaintext));
        encrypting.give(cipher);
        return ciphertext;
    }

    /** @param iv {@code null} for ECB */
    private static Cipher cipher(String transformation, int mode, SecretKeySpec key, IvParameterSpec iv, Provider provider) {
        return Crypto.jca(() -> {
            Cipher cipher = provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
            if (iv == null) {
                cipher.init(mode, key);
            } else {
                cipher.init(mode, key, iv);
            }
            return cipher;
        });
    }

    /** Says nothing about the key or IV. */
    @Override
    public String toString() {
        return "AesCbc[key=redacted, iv=redacted]";
    }
}
