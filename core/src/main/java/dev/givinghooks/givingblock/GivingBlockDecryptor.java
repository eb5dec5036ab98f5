package dev.givinghooks.givingblock;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.AesCbc;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.Hex;
import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Keyring;
import dev.givinghooks.internal.Misfit;
import dev.givinghooks.internal.Sha256;
import dev.givinghooks.internal.Utf8;
import dev.givinghooks.internal.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decrypts The Giving Block deliveries: envelope, hex, AES, UTF-8 and JSON, where any failure is
 * the one {@link Reason#UNDECRYPTABLE_PAYLOAD} with one message; then the window; then the type.
 */
final class GivingBlockDecryptor implements WebhookVerifier<GivingBlockEvent> {
    private static final Provider TGB = Provider.GIVING_BLOCK;
    // One message for every decryption-stage failure: which step failed is never revealed.
    private static final String UNDECRYPTABLE = "payload could not be decrypted";
    private static final String MERCHANT_STATUS_EVENT = "MERCHANT_STATUS_EVENT";

    private final Keyring<GivingBlockKey, AesCbc> keyring;
    private final Duration maxAge;
    private final Duration futureSkew;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Sha256 sha256;

    GivingBlockDecryptor(Keyring<GivingBlockKey, AesCbc> keyring, Duration maxAge, Duration futureSkew, Clock clock,
            int maxBodyBytes, java.security.Provider cryptoProvider) {
        this.keyring = keyring;
        this.maxAge = maxAge;
        this.futureSkew = futureSkew;
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
        return TGB;
    }

    @Override
    public Verified<GivingBlockEvent> verify(WebhookRequest request) {
        Checks.bodySize(TGB, request, maxBodyBytes);
        GivingBlockEnvelope envelope = GivingBlockEnvelope.read(request.body());
        if (envelope == null) {
            throw undecryptable();
        }

        List<AesCbc> keys = keyring.keysFor(request);
        byte[] plaintext = null;
        JsonNode payload = null;
        int keyIndex = -1;
        for (int i = 0; i < keys.size() && keyIndex < 0; i++) {
            plaintext = keys.get(i).decrypt(envelope.ciphertext());
            payload = plaintext == null ? null : parsePayload(plaintext);
            if (payload != null) {
                keyIndex = i;
            }
        }
        if (keyIndex < 0) {
            throw undecryptable();
        }

        if (envelope.eventType() == null) {
            throw new WebhookRejectedException(TGB, Reason.MALFORMED_PAYLOAD, "envelope has no string 'eventType'", plaintext);
        }
        JsonNode ownType = payload.get("eventType");
        if (ownType != null && ownType.isString() && !ownType.stringValue().equals(envelope.eventType())) {
            throw new WebhookRejectedException(TGB, Reason.MALFORMED_PAYLOAD,
                    "envelope eventType disagrees with the eventType inside the payload", plaintext);
        }
        Window.check(TGB, eventTimestamp(envelope.eventType(), payload), clock.instant(), maxAge, futureSkew);

        GivingBlockEvent event = GivingBlockEvents.map(envelope.eventType(), payload);
        // The envelope's eventType is not authenticated, so it is not part of the key. The key
        // hashes the whole plaintext, which costs as much as the decryption: only when asked for.
        byte[] authentic = plaintext;
        return Verified.of(event, keyIndex, () -> TGB.id() + ":" + Hex.encode(sha256.digest(authentic)), plaintext);
    }

    /** Returns the payload object, or {@code null} when the plaintext is not UTF-8 JSON object text. */
    private static JsonNode parsePayload(byte[] plaintext) {
        if (!Utf8.isValid(plaintext)) {
            return null;
        }
        try {
            JsonNode node = Json.parse(plaintext);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@code eventTimestamp}, or for a merchant status event {@code timestamp} when that is absent. */
    private static Instant eventTimestamp(String eventType, JsonNode payload) {
        String field = Json.field(payload, "eventTimestamp") == null && MERCHANT_STATUS_EVENT.equals(eventType)
                ? "timestamp" : "eventTimestamp";
        try {
            Instant timestamp = Json.epochMillis(payload, field);
            if (timestamp == null) {
                throw new WebhookRejectedException(TGB, Reason.MISSING_TIMESTAMP, "payload has no " + field);
            }
            return timestamp;
        } catch (Misfit | java.time.DateTimeException e) {
            throw new WebhookRejectedException(TGB, Reason.MALFORMED_TIMESTAMP, "payload " + field + " is not epoch milliseconds");
        }
    }

    private static WebhookRejectedException undecryptable() {
        return new WebhookRejectedException(TGB, Reason.UNDECRYPTABLE_PAYLOAD, UNDECRYPTABLE);
    }

    @Override
    public String toString() {
        return "GivingBlockDecryptor[" + keyring + ", maxAge=" + maxAge + ", futureSkew=" + futureSkew
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
