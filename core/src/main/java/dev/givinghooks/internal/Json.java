package dev.givinghooks.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON parsing of authenticated bodies, strict where it matters (duplicate keys, trailing
 * tokens, nesting depth, string and number length) and lenient where the providers' documents
 * disagree (numbers given as strings). Field accessors throw {@link Misfit} naming the field.
 */
public final class Json {
    /** Deepest nesting accepted; provider payloads nest three levels. */
    public static final int MAX_DEPTH = 32;
    /** Longest string value accepted, in characters. */
    public static final int MAX_STRING_LENGTH = 2 * 1024 * 1024;
    /** Largest decimal exponent, either way, that {@link #decimal} accepts. */
    public static final int MAX_DECIMAL_SCALE = 64;

    /*
     * The limits and the duplicate-key rule live in the factory, so that a bare streaming parser
     * (parser(), which skips the mapper's per-call context) applies them as readTree does.
     * SUBTREE reads one value from a parser positioned inside a larger document, so it must not
     * insist that nothing follows; the caller checks the end of the document itself.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(64)
                    .maxNameLength(256)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Jackson 3's default buffer pool is one concurrent deque shared by every thread, and
            // two threads verifying 1 KiB deliveries contended on it (measured: 2-thread throughput
            // 15-45 % lower). Per-thread buffers scale; a virtual thread simply gets fresh ones.
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();
    /*
     * A tree finds a duplicate key for free as it inserts it, where the parser's own detection
     * costs a tenth of the parse (measured on a 1 KiB payload): trees read from bytes rely on the
     * tree's check. A tree read from a streaming parser has both.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(FACTORY.rebuild()
                    .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonMapper SUBTREE = MAPPER.rebuild()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * Parses a JSON document from bytes (UTF-8 is detected by Jackson; no {@code String} copy).
     *
     * @return the root node
     * @throws JacksonException if the bytes are not one JSON document within the limits
     */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (NumberFormatException e) {
            // Jackson throws this bare for a number it cannot represent (an exponent beyond int).
            throw new NumberOutOfRange();
        }
    }

    /** A JSON number Jackson could not represent, reported as the parse failure it is. */
    private static final class NumberOutOfRange extends JacksonException {
        private static final long serialVersionUID = 1L;

        NumberOutOfRange() {
            super("JSON number out of range");
        }
    }

    /** Opens a streaming parser over the bytes, with the same limits and duplicate-key rule. */
    public static JsonParser parser(byte[] bytes) {
        return FACTORY.createParser(ObjectReadContext.empty(), bytes);
    }

    /**
     * Decodes the hex text of the JSON string from {@code start} (its opening quote) to
     * {@code end} (after its closing quote), escapes resolved; {@code null} if it is not hex.
     *
     * @throws JacksonException if the range is not a JSON string
     */
    public static byte[] stringHex(byte[] bytes, int start, int end) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes, start, end - start)) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            return Hex.decode(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
        }
    }

    /**
     * Reads the value at the parser's current token as a tree, leaving the parser on that value's
     * last token.
     *
     * @throws JacksonException if the value is not JSON within the limits
     */
    public static JsonNode readValue(JsonParser parser) {
        try {
            return SUBTREE.readTree(parser);
        } catch (NumberFormatException e) {
            throw new NumberOutOfRange();
        }
    }

    /** Renders a node as compact JSON. */
    private static String render(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Writes a flat object of string fields, in the order given, as compact UTF-8 JSON. */
    public static byte[] writeObject(String... namesAndValues) {
        tools.jackson.databind.node.ObjectNode object = MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return MAPPER.writeValueAsBytes(object);
    }

    /** Returns the field's value, or {@code null} when it is absent or JSON {@code null}. */
    public static JsonNode field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** Returns the field's object value; {@code null} when absent or null. */
    private static JsonNode object(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value != null && !value.isObject()) {
            throw new Misfit(name + " is not an object");
        }
        return value;
    }

    /** Returns a number given as a JSON number or a decimal string; {@code null} when absent or null. */
    private static BigDecimal anyDecimal(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            String text = value.stringValue().trim();
            if (text.length() <= 64) {
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    // falls through to the misfit below
                }
            }
        }
        throw new Misfit(name + " is not a number");
    }

    /** Returns an integer given as a JSON integer or a string of digits; {@code null} when absent or null. */
    public static Long integer(JsonNode object, String name) {
        BigDecimal value = decimal(object, name);
        if (value == null) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new Misfit(name + " is not an integer");
        }
    }

    /** Returns an integer field that must be present. */
    public static long requiredInteger(JsonNode object, String name) {
        return required(name, integer(object, name));
    }

    /** Returns a boolean field (JSON boolean, or the strings true/false); {@code null} when absent or null. */
    public static Boolean bool(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() && ("true".equals(value.stringValue()) || "false".equals(value.stringValue()))) {
            return Boolean.valueOf(value.stringValue());
        }
        throw new Misfit(name + " is not a boolean");
    }

    /** Returns epoch milliseconds (number or string) as an instant; {@code null} when absent or null. */
    public static Instant epochMillis(JsonNode object, String name) {
        Long millis = integer(object, name);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** Returns the node as compact JSON text, {@code null} for a missing node. */
    public static String raw(JsonNode node) {
        return node == null ? null : render(node);
    }

    /** Returns the value, or throws a misfit naming the missing field. */
    public static <T> T required(String name, T value) {
        if (value == null) {
            throw new Misfit(name + " is missing");
        }
        return value;
    }

    /**
     * Returns a string field, or a JSON integer rendered as its digits (identifiers some
     * documents give as numbers); {@code null} when absent or null. A fractional or exponent
     * number is a misfit, so no value can expand into a huge text.
     */
    public static String text(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        throw new Misfit(name + " is not a string");
    }

    /** Returns a {@link #text} field that must be present. */
    public static String requiredText(JsonNode object, String name) {
        return required(name, text(object, name));
    }

    /** Returns an array of strings as an unmodifiable list; empty when absent or null. */
    public static List<String> textList(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new Misfit(name + " is not an array");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw new Misfit(name + " has an element that is not a string");
            }
            texts.add(element.stringValue());
        }
        return List.copyOf(texts);
    }

    /**
     * Returns a number given as a JSON number or a decimal string, whose exponent stays within
     * {@value #MAX_DECIMAL_SCALE} either way (so its plain rendering stays short); {@code null}
     * when absent or null.
     */
    public static BigDecimal decimal(JsonNode object, String name) {
        BigDecimal value = anyDecimal(object, name);
        if (value != null && Math.abs(value.scale()) > MAX_DECIMAL_SCALE) {
            throw new Misfit(name + " is out of range");
        }
        return value;
    }

    /**
     * Returns an instant given as epoch milliseconds (number or string of digits) or as an
     * ISO-8601 date-time with offset; {@code null} when absent or null.
     */
    public static Instant instant(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value != null && value.isString() && !isDigits(value.stringValue())) {
            return isoInstant(object, name);
        }
        return epochMillis(object, name);
    }

    /**
     * Returns an ISO-8601 date-time with offset (fractional seconds allowed), which must be a JSON
     * string, as an instant; {@code null} when absent or null. A number is a misfit without ever
     * being rendered as text (an exponent such as {@code 1e999999999} would expand to a billion
     * digits).
     */
    public static Instant isoInstant(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw new Misfit(name + " is not an ISO-8601 date-time with offset");
        }
        return isoInstant(value.stringValue(), name);
    }

    /**
     * Parses an ISO-8601 date-time with offset (fractional seconds allowed) as an instant.
     *
     * @throws Misfit naming the field when the text is not one
     */
    public static Instant isoInstant(String text, String name) {
        try {
            return IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Misfit(name + " is not an ISO-8601 date-time with offset");
        }
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Maps the field's object value with a function, naming the field as the path of any misfit
     * inside it ({@code donation.amount is missing}); {@code null} when absent or null.
     */
    public static <T> T nested(JsonNode object, String name, Function<JsonNode, T> mapper) {
        JsonNode value = object(object, name);
        if (value == null) {
            return null;
        }
        try {
            return mapper.apply(value);
        } catch (Misfit e) {
            throw new Misfit(name + "." + e.getMessage());
        }
    }

    /** Returns a {@link #nested} value that must be present. */
    public static <T> T requiredNested(JsonNode object, String name, Function<JsonNode, T> mapper) {
        return required(name, nested(object, name, mapper));
    }
}
