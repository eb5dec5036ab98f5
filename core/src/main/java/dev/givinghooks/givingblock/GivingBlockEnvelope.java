package dev.givinghooks.givingblock;

import dev.givinghooks.internal.Hex;
import dev.givinghooks.internal.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The delivery envelope, {@code {"eventType": "...", "payload": "<hex ciphertext>"}}, read from
 * the body bytes. Nothing in it is authenticated: it only says what to decrypt.
 *
 * @param eventType the envelope's {@code eventType}, or {@code null} when it has none
 * @param ciphertext the decoded payload
 */
record GivingBlockEnvelope(String eventType, byte[] ciphertext) {
    /*
     * Reading the envelope with Jackson cost about as much as the AES: a parser created per
     * delivery and a scan of the whole hex string before our own scan decodes it. The envelope
     * The Giving Block sends is two plain string members, which plain() reads in one pass of the
     * hex. It accepts only an exact subset of JSON, checking every byte of the body against
     *   ws { ws "eventType" ws : ws "text" ws , ws "payload" ws : ws "hex" ws } ws
     * (or the members the other way round), where text is printable ASCII without quotes or
     * backslashes and hex has no byte that is not a hex digit, so no quote either; anything else
     * (other members, escapes, a byte-order mark, odd hex) goes to the parser, which decides.
     */
    private static final byte[] EVENT_TYPE = "\"eventType\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD = "\"payload\"".getBytes(StandardCharsets.US_ASCII);

    /** Reads the envelope; {@code null} when the body is not one (no JSON object with a hex string payload). */
    static GivingBlockEnvelope read(byte[] body) {
        GivingBlockEnvelope plain = plain(body);
        return plain != null ? plain : streamed(body);
    }

    /** The common envelope read without a parser, or {@code null} for anything else. */
    static GivingBlockEnvelope plain(byte[] body) {
        int open = skipWhitespace(body, 0);
        int close = skipWhitespaceBack(body, body.length - 1);
        if (open >= close || body[open] != '{' || body[close] != '}') {
            return null;
        }
        int first = skipWhitespace(body, open + 1);
        int lastQuote = skipWhitespaceBack(body, close - 1);
        if (startsWith(body, first, EVENT_TYPE)) {
            int typeStart = valueStart(body, first + EVENT_TYPE.length);
            int typeEnd = typeStart < 0 ? -1 : textEnd(body, typeStart);
            int comma = typeEnd < 0 ? -1 : skipWhitespace(body, typeEnd + 1);
            if (comma < 0 || comma >= body.length || body[comma] != ',') {
                return null;
            }
            int payload = skipWhitespace(body, comma + 1);
            int hexStart = startsWith(body, payload, PAYLOAD) ? valueStart(body, payload + PAYLOAD.length) : -1;
            return envelope(body, typeStart, typeEnd, hexStart, lastQuote);
        }
        if (startsWith(body, first, PAYLOAD)) {
            int hexStart = valueStart(body, first + PAYLOAD.length);
            if (hexStart < 0 || lastQuote <= hexStart || body[lastQuote] != '"') {
                return null;
            }
            int typeStart = lastQuote;
            while (typeStart > hexStart && body[typeStart - 1] != '"') {
                typeStart--;
            }
            int colon = skipWhitespaceBack(body, typeStart - 2);
            if (textEnd(body, typeStart) != lastQuote || colon < 0 || body[colon] != ':') {
                return null;
            }
            int name = skipWhitespaceBack(body, colon - 1) - EVENT_TYPE.length + 1;
            int comma = name < 0 || !startsWith(body, name, EVENT_TYPE) ? -1 : skipWhitespaceBack(body, name - 1);
            if (comma < 0 || body[comma] != ',') {
                return null;
            }
            return envelope(body, typeStart, lastQuote, hexStart, skipWhitespaceBack(body, comma - 1));
        }
        return null;
    }

    /** The envelope from the two values' bounds (each start is after its opening quote, each end is its closing quote). */
    private static GivingBlockEnvelope envelope(byte[] body, int typeStart, int typeEnd, int hexStart, int hexEnd) {
        if (hexStart < 0 || hexEnd < hexStart || body[hexEnd] != '"') {
            return null;
        }
        byte[] ciphertext = Hex.decode(body, hexStart, hexEnd - hexStart);
        return ciphertext == null ? null
                : new GivingBlockEnvelope(new String(body, typeStart, typeEnd - typeStart, StandardCharsets.US_ASCII), ciphertext);
    }

    /** After a member name: the offset after the value's opening quote, past whitespace and the colon; -1 if not so. */
    private static int valueStart(byte[] body, int from) {
        int colon = skipWhitespace(body, from);
        if (colon >= body.length || body[colon] != ':') {
            return -1;
        }
        int quote = skipWhitespace(body, colon + 1);
        return quote < body.length && body[quote] == '"' ? quote + 1 : -1;
    }

    /** The offset of the closing quote of printable ASCII text without escapes; -1 if the text is not that. */
    private static int textEnd(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int from, byte[] literal) {
        if (from < 0 || from + literal.length > body.length) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (body[from + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipWhitespace(byte[] body, int from) {
        int i = from;
        while (i < body.length && isWhitespace(body[i])) {
            i++;
        }
        return i;
    }

    /** The last offset at or before {@code from} that is not whitespace; -1 if none. */
    private static int skipWhitespaceBack(byte[] body, int from) {
        int i = from;
        while (i >= 0 && isWhitespace(body[i])) {
            i--;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * Streams the envelope with Jackson. The hex payload is decoded straight from the body bytes
     * between its quotes, which Jackson has only skipped over, not copied. A payload with JSON
     * escapes in it is decoded as the string it denotes.
     */
    static GivingBlockEnvelope streamed(byte[] body) {
        String eventType = null;
        byte[] ciphertext = null;
        int payloadStart = -1;
        try (JsonParser parser = Json.parser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                if (payloadStart >= 0 && ciphertext == null) {
                    ciphertext = hexBefore(body, payloadStart, parser.currentTokenLocation().getByteOffset());
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("payload".equals(name) && value == JsonToken.VALUE_STRING) {
                    payloadStart = stringStart(body, parser);
                    if (payloadStart < 0) {
                        ciphertext = Hex.decode(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
                    }
                } else if ("eventType".equals(name) && value == JsonToken.VALUE_STRING) {
                    eventType = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
            if (payloadStart >= 0 && ciphertext == null) {
                ciphertext = hexBefore(body, payloadStart, parser.currentTokenLocation().getByteOffset());
            }
            if (parser.nextToken() != null) {
                return null;
            }
        } catch (JacksonException e) {
            return null;
        }
        return ciphertext == null ? null : new GivingBlockEnvelope(eventType, ciphertext);
    }

    /**
     * The offset of the first byte inside the string value at the parser's current token, or -1
     * when its location is not a byte offset of the body.
     */
    private static int stringStart(byte[] body, JsonParser parser) {
        long quote = parser.currentTokenLocation().getByteOffset();
        if (quote < 0 || quote >= body.length || body[(int) quote] != '"') {
            return -1;
        }
        return (int) quote + 1;
    }

    /**
     * Decodes the hex of a string value that started at {@code start} and that the parser has
     * passed: the token after it begins at {@code next}, and JSON allows only whitespace and one
     * comma between the string's closing quote and that token. {@code null} if not hex.
     */
    private static byte[] hexBefore(byte[] body, int start, long next) {
        int end = skipWhitespaceBack(body, (int) next - 1);
        if (body[end] == ',') {
            end = skipWhitespaceBack(body, end - 1);
        }
        // body[end] is the closing quote.
        byte[] decoded = Hex.decode(body, start, end - start);
        return decoded != null || !hasEscape(body, start, end) ? decoded : Json.stringHex(body, start - 1, end + 1);
    }

    private static boolean hasEscape(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (body[i] == '\\') {
                return true;
            }
        }
        return false;
    }
}
