package dev.givinghooks.chuffed;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.SignatureVerifier;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.Hex;
import dev.givinghooks.internal.HmacSha256;
import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Keyring;
import dev.givinghooks.internal.Misfit;
import dev.givinghooks.internal.Sha256;
import dev.givinghooks.internal.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Verifies Chuffed deliveries: the header, then the HMAC, then the JSON (and the optional age). */
final class ChuffedVerifier implements WebhookVerifier<ChuffedEvent>, SignatureVerifier {
    private static final Provider CHUFFED = Provider.CHUFFED;
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final Keyring<String, HmacSha256> keyring;
    private final Duration maxAge;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Sha256 sha256;

    ChuffedVerifier(Keyring<String, HmacSha256> keyring, Duration maxAge, Clock clock, int maxBodyBytes,
            java.security.Provider cryptoProvider) {
        this.keyring = keyring;
        this.maxAge = maxAge;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.sha256 = new Sha256(cryptoProvider);
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Provider provider() {
        return CHUFFED;
    }

    @Override
    public Verified<ChuffedEvent> verify(WebhookRequest request) {
        int keyIndex = verifySignature(request);
        byte[] body = request.body();
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (JacksonException e) {
            throw new WebhookRejectedException(CHUFFED, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON document within limits", body);
        }
        if (!root.isObject()) {
            throw new WebhookRejectedException(CHUFFED, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON object", body);
        }
        if (maxAge != null) {
            Window.check(CHUFFED, createdAt(root), clock.instant(), maxAge, FUTURE_SKEW);
        }
        return Verified.of(ChuffedEvents.map(root), keyIndex, idempotencyKey(root, body), body);
    }

    /** The signature only: a maximum age needs {@code created_at}, so the builder gives no signature verifier with one. */
    @Override
    public int verifySignature(WebhookRequest request) {
        Checks.bodySize(CHUFFED, request, maxBodyBytes);
        byte[] received = Checks.signature(CHUFFED, request, Chuffed.SIGNATURE_HEADER, "");
        byte[] body = request.body();
        List<HmacSha256> keys = keyring.keysFor(request);
        int keyIndex = -1;
        for (int i = 0; i < keys.size() && keyIndex < 0; i++) {
            if (keys.get(i).matches(null, body, received)) {
                keyIndex = i;
            }
        }
        if (keyIndex < 0) {
            throw new WebhookRejectedException(CHUFFED, Reason.SIGNATURE_MISMATCH, "no configured secret matches the signature");
        }
        return keyIndex;
    }

    private static Instant createdAt(JsonNode root) {
        JsonNode data = root.get("data");
        JsonNode created = data == null || !data.isObject() ? null : Json.field(data, "created_at");
        if (created == null) {
            throw new WebhookRejectedException(CHUFFED, Reason.MISSING_TIMESTAMP, "data.created_at is missing");
        }
        try {
            return Json.isoInstant(data, "created_at");
        } catch (Misfit e) {
            throw new WebhookRejectedException(CHUFFED, Reason.MALFORMED_TIMESTAMP, "data.created_at is not an ISO-8601 date-time");
        }
    }

    /**
     * {@code chuffed:<donation id>:<recurring_iteration>} (iteration 0 when absent): a recurring
     * donation may keep its id across iterations, so the id alone would drop real payments. A
     * body without a donation id is keyed by its SHA-256 instead.
     */
    private String idempotencyKey(JsonNode root, byte[] body) {
        JsonNode data = root.get("data");
        if (data != null && data.isObject()) {
            try {
                String id = Json.text(data, "id");
                if (id != null) {
                    Long iteration = Json.integer(data, "recurring_iteration");
                    return CHUFFED.id() + ":" + id + ":" + (iteration == null ? 0 : iteration);
                }
            } catch (Misfit e) {
                // not a usable id: fall back to the body's digest
            }
        }
        return CHUFFED.id() + ":sha256:" + Hex.encode(sha256.digest(body));
    }

    @Override
    public String toString() {
        return "ChuffedVerifier[" + keyring + ", maxAge=" + maxAge + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
