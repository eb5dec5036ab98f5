package dev.givinghooks.sirgiving;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.HmacSha256;
import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Keyring;
import dev.givinghooks.internal.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Verifies SIR Giving deliveries: headers, then the HMAC, then the window, then the JSON. */
final class SirGivingVerifier implements WebhookVerifier<SirGivingEvent> {
    private static final Provider SIR = Provider.SIR_GIVING;
    /** Twelve digits reach the year 33658; longer values are malformed, not merely old. */
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private final Keyring<String, HmacSha256> keyring;
    private final Duration tolerance;
    private final Clock clock;
    private final int maxBodyBytes;

    SirGivingVerifier(Keyring<String, HmacSha256> keyring, Duration tolerance, Clock clock, int maxBodyBytes) {
        this.keyring = keyring;
        this.tolerance = tolerance;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Provider provider() {
        return SIR;
    }

    @Override
    public Verified<SirGivingEvent> verify(WebhookRequest request) {
        Checks.bodySize(SIR, request, maxBodyBytes);
        byte[] received = Checks.signature(SIR, request, SirGiving.SIGNATURE_HEADER, SirGiving.SIGNATURE_PREFIX);
        String timestamp = Checks.singleHeader(SIR, request, SirGiving.TIMESTAMP_HEADER, Reason.MALFORMED_TIMESTAMP);
        if (timestamp == null) {
            throw new WebhookRejectedException(SIR, Reason.MISSING_TIMESTAMP, SirGiving.TIMESTAMP_HEADER + " header is missing");
        }
        long seconds = parseSeconds(timestamp);

        byte[] body = request.body();
        byte[] prefix = SirGiving.signedPrefix(timestamp);
        List<HmacSha256> keys = keyring.keysFor(request);
        int keyIndex = -1;
        for (int i = 0; i < keys.size() && keyIndex < 0; i++) {
            if (keys.get(i).matches(prefix, body, received)) {
                keyIndex = i;
            }
        }
        if (keyIndex < 0) {
            throw new WebhookRejectedException(SIR, Reason.SIGNATURE_MISMATCH, "no configured secret matches the signature");
        }
        Window.check(SIR, Instant.ofEpochSecond(seconds), clock.instant(), tolerance, tolerance);

        JsonNode envelope = parseEnvelope(body);
        String id = envelopeString(envelope, "id", body);
        String type = envelopeString(envelope, "type", body);
        return Verified.of(SirGivingEvents.map(id, type, envelope), keyIndex, SIR.id() + ":" + id, body);
    }

    private static long parseSeconds(String timestamp) {
        int length = timestamp.length();
        if (length == 0 || length > MAX_TIMESTAMP_DIGITS) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_TIMESTAMP,
                    SirGiving.TIMESTAMP_HEADER + " header is not 1 to " + MAX_TIMESTAMP_DIGITS + " decimal digits");
        }
        long seconds = 0;
        for (int i = 0; i < length; i++) {
            char c = timestamp.charAt(i);
            if (c < '0' || c > '9') {
                throw new WebhookRejectedException(SIR, Reason.MALFORMED_TIMESTAMP,
                        SirGiving.TIMESTAMP_HEADER + " header is not decimal digits");
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds;
    }

    private static JsonNode parseEnvelope(byte[] body) {
        JsonNode envelope;
        try {
            envelope = Json.parse(body);
        } catch (JacksonException e) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON document within limits", body);
        }
        if (!envelope.isObject()) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON object", body);
        }
        return envelope;
    }

    private static String envelopeString(JsonNode envelope, String name, byte[] body) {
        JsonNode value = envelope.get(name);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic envelope has no string '" + name + "'", body);
        }
        return value.stringValue();
    }

    @Override
    public String toString() {
        return "SirGivingVerifier[" + keyring + ", tolerance=" + tolerance + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
