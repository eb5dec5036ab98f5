package dev.givinghooks.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes fixture bodies and exported documents, and reads them back: Jackson, kept in one place. */
final class JsonText {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonText() {
    }

    /** Compact UTF-8 JSON of maps, lists, strings, numbers, booleans and nulls, in insertion order. */
    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Indented UTF-8 JSON: the same document as {@link #write}, serialized differently. */
    static byte[] writePretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    }

    /** Parses JSON text. */
    static JsonNode read(byte[] json) {
        return MAPPER.readTree(json);
    }
}
