package dev.givinghooks.sirgiving;

import dev.givinghooks.internal.Hex;
import dev.givinghooks.internal.HmacSha256;
import dev.givinghooks.internal.Secrets;
import dev.givinghooks.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs outbound calls to the SIR Giving partner API ({@code /v1/partner/...}).
 *
 * <pre>{@code
 * PartnerApiSigner signer = PartnerApiSigner.of("sk_live_...", hmacSecret);
 * signer.headers("POST", "/v1/partner/actions/submit", body).forEach(request::header);
 * }</pre>
 *
 * <p>Immutable and thread-safe; keyed once, so signing costs no JCA set-up per call.
 */
public final class PartnerApiSigner {
    /*
     * Wire facts (SIR Giving partner-API wiki, "Authentication"): three headers; the signature is
     * lowercase hex HMAC-SHA256 over timestamp + METHOD + pathWithQuery + sha256hex(body), plain
     * concatenation, keyed with the UTF-8 bytes of the 64-hex hmacSecret text (the documented
     * openssl recipe keys with the text, checked). The path is signed exactly as sent on the
     * request line: no scheme or host, query order and percent-encoding preserved.
     */

    /** The header carrying the secret {@code sk_...} partner key. */
    public static final String PARTNER_KEY_HEADER = "X-Partner-Key";
    /** The header carrying the unix time in seconds. */
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    /** The header carrying the lowercase hex signature, without prefix. */
    public static final String SIGNATURE_HEADER = "X-Signature";

    private final String partnerKey;
    private final HmacSha256 hmac;
    private final Sha256 sha256 = new Sha256(null);
    private final Clock clock;

    private PartnerApiSigner(String partnerKey, HmacSha256 hmac, Clock clock) {
        this.partnerKey = partnerKey;
        this.hmac = hmac;
        this.clock = clock;
    }

    /**
     * Returns a signer on the system UTC clock.
     *
     * @param partnerKey the {@code sk_...} secret key sent as {@value #PARTNER_KEY_HEADER}
     * @param hmacSecret the separate HMAC secret issued with the keys (64 hex characters)
     * @return the signer
     * @throws IllegalArgumentException if either value is blank or the HMAC secret is short
     */
    public static PartnerApiSigner of(String partnerKey, String hmacSecret) {
        return of(partnerKey, hmacSecret, Clock.systemUTC());
    }

    /**
     * Returns a signer whose timestamps come from the given clock.
     *
     * @param partnerKey the {@code sk_...} secret key sent as {@value #PARTNER_KEY_HEADER}
     * @param hmacSecret the separate HMAC secret issued with the keys (64 hex characters)
     * @param clock the clock for {@value #TIMESTAMP_HEADER}
     * @return the signer
     * @throws IllegalArgumentException if either value is blank or the HMAC secret is short
     */
    public static PartnerApiSigner of(String partnerKey, String hmacSecret, Clock clock) {
        if (Objects.requireNonNull(partnerKey, "partnerKey").isBlank()) {
            throw new IllegalArgumentException("partner key is empty or blank");
        }
        Objects.requireNonNull(hmacSecret, "hmacSecret");
        byte[] key = Secrets.check(hmacSecret, hmacSecret.getBytes(StandardCharsets.UTF_8), false);
        return new PartnerApiSigner(partnerKey, HmacSha256.of(key, null), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Returns the three headers for a call made now.
     *
     * @param method the HTTP method, in any case (signed upper case)
     * @param pathWithQuery the path and query exactly as on the request line
     * @param body the exact body bytes, empty for none
     * @return {@value #PARTNER_KEY_HEADER}, {@value #TIMESTAMP_HEADER} and {@value #SIGNATURE_HEADER}, in that order
     */
    public Map<String, String> headers(String method, String pathWithQuery, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PARTNER_KEY_HEADER, partnerKey);
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(SIGNATURE_HEADER, signature(timestamp, method, pathWithQuery, body));
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Computes the {@value #SIGNATURE_HEADER} value.
     *
     * @param timestamp unix seconds, as sent in {@value #TIMESTAMP_HEADER}
     * @param method the HTTP method, in any case (signed upper case)
     * @param pathWithQuery the path and query exactly as on the request line
     * @param body the exact body bytes, empty for none
     * @return 64 lowercase hex digits
     */
    public String signature(long timestamp, String method, String pathWithQuery, byte[] body) {
        return Hex.encode(hmac.compute(null, message(timestamp, method, pathWithQuery, body, sha256)));
    }

    static byte[] message(long timestamp, String method, String pathWithQuery, byte[] body, Sha256 sha256) {
        String bodyHash = Hex.encode(sha256.digest(body));
        return (timestamp + method.toUpperCase(Locale.ROOT) + pathWithQuery + bodyHash).getBytes(StandardCharsets.UTF_8);
    }

    /** Says nothing about the partner key or the HMAC secret. */
    @Override
    public String toString() {
        return "PartnerApiSigner[partnerKey=redacted]";
    }
}
