package dev.givinghooks.sirgiving;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.SignatureVerifier;
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
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/** Verifies SIR Giving deliveries: headers, then the HMAC, then the window, then the JSON. */
final class SirGivingVerifier implements WebhookVerifier<SirGivingEvent>, SignatureVerifier {
    private static final Provider SIR = Provider.SIR_GIVING;

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
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Provider provider() {
        return SIR;
    }

    @Override
    public Verified<SirGivingEvent> verify(WebhookRequest request) {
        int keyIndex = verifySignature(request);
        return readEnvelope(request.body(), keyIndex);
    }

    @Override
    public int verifySignature(WebhookRequest request) {
        Checks.bodySize(SIR, request, maxBodyBytes);
        byte[] received = Checks.signature(SIR, request, SirGiving.SIGNATURE_HEADER, SirGiving.SIGNATURE_PREFIX);
        String timestamp = Checks.singleHeader(SIR, request, SirGiving.TIMESTAMP_HEADER, Reason.MALFORMED_TIMESTAMP);
        long seconds = Checks.unixSeconds(SIR, SirGiving.TIMESTAMP_HEADER, timestamp);

        byte[] body = request.body();
        List<HmacSha256> keys = keyring.keysFor(request);
        int keyIndex = -1;
        for (int i = 0; i < keys.size() && keyIndex < 0; i++) {
            // The signed message is timestamp + "." + body; the timestamp is known to be digits.
            if (keys.get(i).matches(timestamp, (byte) '.', body, received)) {
                keyIndex = i;
            }
        }
        if (keyIndex < 0) {
            throw new WebhookRejectedException(SIR, Reason.SIGNATURE_MISMATCH, "no configured secret matches the signature");
        }
        Window.check(SIR, seconds, clock.millis(), tolerance, tolerance);
        return keyIndex;
    }

    /**
     * Streams the authentic envelope: string {@code id}, {@code type} and {@code createdAt} are
     * read as they pass and other values as trees that are dropped (a tree of the whole body cost
     * more than the HMAC on small deliveries). The {@code data} of an {@code action.completed}
     * whose type came first is bound as it streams; when it does not take the common shape, the
     * body is read again with {@code data} as a tree, which is what every other event maps from.
     * Duplicate keys, depth and lengths are checked by the parser all the same, and nothing may
     * follow the object.
     */
    static Verified<SirGivingEvent> readEnvelope(byte[] body, int keyIndex) {
        try {
            return readEnvelope(body, keyIndex, true);
        } catch (SirGivingEvents.Declined e) {
            return readEnvelope(body, keyIndex, false);
        }
    }

    /**
     * Reads the envelope, binding an {@code action.completed}'s data without a tree when
     * {@code bind} is set.
     *
     * @throws SirGivingEvents.Declined if bound data is not in the common shape
     */
    static Verified<SirGivingEvent> readEnvelope(byte[] body, int keyIndex, boolean bind) {
        String id = null;
        String type = null;
        String createdAt = null;
        boolean createdAtNotText = false;
        JsonNode data = null;
        SirGivingEvents.CompletedData completed = null;
        boolean object;
        try (JsonParser parser = Json.parser(body)) {
            JsonToken first = parser.nextToken();
            object = first == JsonToken.START_OBJECT;
            if (object) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    boolean text = value == JsonToken.VALUE_STRING;
                    switch (name) {
                        case "id" -> id = text ? parser.getString() : null;
                        case "type" -> type = text ? parser.getString() : null;
                        case "createdAt" -> {
                            createdAt = text ? parser.getString() : null;
                            createdAtNotText = !text && value != JsonToken.VALUE_NULL;
                        }
                        case "data" -> {
                            if (bind && value == JsonToken.START_OBJECT && ActionCompleted.TYPE.equals(type)) {
                                completed = SirGivingEvents.readCompletedData(parser);
                            } else if (value != JsonToken.VALUE_NULL) {
                                data = Json.readValue(parser);
                            }
                        }
                        default -> text = false;
                    }
                    if (!text && !"data".equals(name)) {
                        // Read, not skipped: a number Jackson cannot represent must fail here as
                        // it does in a tree parse (an exponent beyond int, for instance).
                        Json.readValue(parser);
                    }
                }
            } else {
                parser.skipChildren();
            }
            // An empty body is no document at all: like a tree parse, it counts as "not an object".
            if (first != null && parser.nextToken() != null) {
                throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON document within limits", body);
            }
        } catch (JacksonException e) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON document within limits", body);
        }
        if (!object) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic body is not a JSON object", body);
        }
        requireText(id, "id", body);
        requireText(type, "type", body);
        SirGivingEvents.Members members = createdAt == null && !createdAtNotText && data == null
                ? SirGivingEvents.Members.NONE : new SirGivingEvents.Members(createdAt, createdAtNotText, data);
        SirGivingEvent event = completed == null
                ? SirGivingEvents.map(id, type, members)
                : SirGivingEvents.actionCompleted(id, members, completed);
        return Verified.of(event, keyIndex, SIR.id() + ":" + id, body);
    }

    private static void requireText(String value, String name, byte[] body) {
        if (value == null || value.isEmpty()) {
            throw new WebhookRejectedException(SIR, Reason.MALFORMED_PAYLOAD, "authentic envelope has no string '" + name + "'", body);
        }
    }

    @Override
    public String toString() {
        return "SirGivingVerifier[" + keyring + ", tolerance=" + tolerance + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
