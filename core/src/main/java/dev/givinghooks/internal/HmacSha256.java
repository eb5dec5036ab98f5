package dev.givinghooks.internal;

import java.security.MessageDigest;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104) under one key, backed by a pool of initialised {@link Mac} instances so
 * that no {@code getInstance}, {@code init} or {@code clone} runs per message.
 */
public final class HmacSha256 {
    /** Length of an HMAC-SHA256 tag in bytes. */
    public static final int LENGTH = 32;

    private final InstancePool<Mac> macs;

    private HmacSha256(SecretKeySpec key, Provider provider) {
        this.macs = new InstancePool<>(() -> Crypto.jca(() -> {
            Mac mac = provider == null ? Mac.getInstance("HmacSHA256") : Mac.getInstance("HmacSHA256", provider);
            mac.init(key);
            return mac;
        }));
    }

    /**
     * Prepares a key. The bytes are copied by the JCA key spec.
     *
     * @param key the key bytes; any length is valid for HMAC
     * @param provider a JCA provider, or {@code null} for the JDK's
     */
    public static HmacSha256 of(byte[] key, Provider provider) {
        return new HmacSha256(new SecretKeySpec(key, "HmacSHA256"), provider);
    }

    /** Returns HMAC(key, prefix || body); {@code prefix} may be {@code null}. */
    public byte[] compute(byte[] prefix, byte[] body) {
        Mac mac = macs.take();
        if (prefix != null) {
            mac.update(prefix);
        }
        byte[] tag = mac.doFinal(body);
        // doFinal leaves the Mac reset and keyed: only then does it go back to the pool; one that
        // threw half-way is dropped, never reused.
        macs.give(mac);
        return tag;
    }

    /** Checks a received tag in constant time: never compare MACs with equals or hex strings. */
    public boolean matches(byte[] prefix, byte[] body, byte[] received) {
        return MessageDigest.isEqual(compute(prefix, body), received);
    }

    /**
     * Checks a received tag of HMAC(key, asciiPrefix || separator || body) in constant time. The
     * prefix and separator go to the MAC in one update: byte by byte, the JCA layers cost about
     * 8 ns a byte, a tenth of the whole check of a 1 KiB body.
     *
     * @param asciiPrefix characters below U+0080 only, such as a timestamp's digits
     */
    public boolean matches(String asciiPrefix, byte separator, byte[] body, byte[] received) {
        byte[] prefix = new byte[asciiPrefix.length() + 1];
        for (int i = 0; i < asciiPrefix.length(); i++) {
            prefix[i] = (byte) asciiPrefix.charAt(i);
        }
        prefix[asciiPrefix.length()] = separator;
        Mac mac = macs.take();
        mac.update(prefix);
        byte[] tag = mac.doFinal(body);
        macs.give(mac); // reset by doFinal, as in compute
        return MessageDigest.isEqual(tag, received);
    }

    /** Says nothing about the key. */
    @Override
    public String toString() {
        return "HmacSha256[key=redacted]";
    }
}
