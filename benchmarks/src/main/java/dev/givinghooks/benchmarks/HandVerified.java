package dev.givinghooks.benchmarks;

import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HTTP benchmark's floor endpoint's work: a SIR Giving delivery checked by hand, as
 * {@link Floor} does it in JMH: HMAC-SHA256 of {@code timestamp.body} with a reused {@code Mac}
 * (one per thread), the received tag hex-decoded and compared in constant time, the body bound to
 * a record by Jackson. Nothing a library adds: no header checks, no window, no limits, no
 * deduplication. An endpoint doing this is the fastest any verifying endpoint can be, so its
 * throughput against the bare endpoint's is the ceiling of the verified/bare ratio on that server.
 */
public final class HandVerified {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = Bodies.SIR_SECRET.getBytes(StandardCharsets.UTF_8);
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private HandVerified() {
    }

    /**
     * Checks a delivery.
     *
     * @param timestamp the {@value SirGiving#TIMESTAMP_HEADER} header, or null
     * @param signature the {@value SirGiving#SIGNATURE_HEADER} header, or null
     * @param body the body
     * @return whether the signature is valid and the body binds
     */
    public static boolean check(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith(SirGiving.SIGNATURE_PREFIX)) {
            return false;
        }
        Mac mac = MAC.get();
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        byte[] computed = mac.doFinal(body);
        if (!MessageDigest.isEqual(computed, HEX.parseHex(signature, SirGiving.SIGNATURE_PREFIX.length(), signature.length()))) {
            return false;
        }
        return Floor.MAPPER.readValue(body, Floor.SirEnvelope.class).id() != null;
    }
}
