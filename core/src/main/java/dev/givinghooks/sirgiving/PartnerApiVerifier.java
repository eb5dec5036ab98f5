package dev.givinghooks.sirgiving;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.HmacSha256;
import dev.givinghooks.internal.Secrets;
import dev.givinghooks.internal.Sha256;
import dev.givinghooks.internal.Window;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks calls signed for the SIR Giving partner API, as the API does; for test doubles of the
 * partner API and for proxies in front of it. Refusals use {@link Provider#SIR_GIVING} and the
 * webhook reasons: a missing, malformed or mismatching {@value PartnerApiSigner#SIGNATURE_HEADER};
 * a missing or malformed {@value PartnerApiSigner#TIMESTAMP_HEADER} or one outside ±5 minutes;
 * an unknown {@value PartnerApiSigner#PARTNER_KEY_HEADER} counts as a signature mismatch.
 *
 * <p>Immutable and thread-safe.
 */
public final class PartnerApiVerifier {
    /** The partner API's window, applied both ways. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final Provider SIR = Provider.SIR_GIVING;

    private final byte[] partnerKey;
    private final HmacSha256 hmac;
    private final Sha256 sha256 = new Sha256(null);
    private final Clock clock;

    private PartnerApiVerifier(byte[] partnerKey, HmacSha256 hmac, Clock clock) {
        this.partnerKey = partnerKey;
        this.hmac = hmac;
        this.clock = clock;
    }

    /**
     * Returns a verifier for one partner's credentials.
     *
     * @param partnerKey the {@code sk_...} key the calls must carry
     * @param hmacSecret the HMAC secret they are signed with
     * @param clock the clock the ±5-minute window is checked against
     * @return the verifier
     * @throws IllegalArgumentException if either value is blank or the HMAC secret is short
     */
    public static PartnerApiVerifier of(String partnerKey, String hmacSecret, Clock clock) {
        if (Objects.requireNonNull(partnerKey, "partnerKey").isBlank()) {
            throw new IllegalArgumentException("partner key is empty or blank");
        }
        byte[] key = Secrets.check(hmacSecret, hmacSecret.getBytes(StandardCharsets.UTF_8), false);
        return new PartnerApiVerifier(partnerKey.getBytes(StandardCharsets.UTF_8), HmacSha256.of(key, null),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Checks a call.
     *
     * @param method the HTTP method of the call
     * @param pathWithQuery the path and query exactly as on the request line
     * @param request the call's headers and exact body bytes
     * @throws WebhookRejectedException when the call is not signed with these credentials, now
     */
    public void verify(String method, String pathWithQuery, WebhookRequest request) {
        byte[] received = Checks.signature(SIR, request, PartnerApiSigner.SIGNATURE_HEADER, "");
        String timestamp = Checks.singleHeader(SIR, request, PartnerApiSigner.TIMESTAMP_HEADER, Reason.MALFORMED_TIMESTAMP);
        long seconds = Checks.unixSeconds(SIR, PartnerApiSigner.TIMESTAMP_HEADER, timestamp);
        String key = Checks.singleHeader(SIR, request, PartnerApiSigner.PARTNER_KEY_HEADER, Reason.SIGNATURE_MISMATCH);
        byte[] expected = hmac.compute(null, PartnerApiSigner.message(seconds, method, pathWithQuery, request.body(), sha256));
        boolean keyMatches = key != null && MessageDigest.isEqual(partnerKey, key.getBytes(StandardCharsets.UTF_8));
        if (!(MessageDigest.isEqual(expected, received) & keyMatches)) {
            throw new WebhookRejectedException(SIR, Reason.SIGNATURE_MISMATCH, "partner key and signature do not match the credentials");
        }
        Window.check(SIR, Instant.ofEpochSecond(seconds), clock.instant(), TOLERANCE, TOLERANCE);
    }

    /** Says nothing about the credentials. */
    @Override
    public String toString() {
        return "PartnerApiVerifier[credentials=redacted]";
    }
}
