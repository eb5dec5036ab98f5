package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * Duplicate keys are refused at every depth and whatever the values, both by a tree parse (which
 * relies on the tree's own check) and by the streaming parser (which detects them itself).
 */
class JsonDuplicateKeyTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"a\":1}", "{\"a\":null,\"a\":null}", "{\"a\":{},\"a\":[]}", "{\"x\":{\"a\":1,\"b\":2,\"a\":3}}",
        "{\"x\":[{\"a\":\"1\"},{\"b\":1,\"b\":1}]}", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"a\":7}",
        "{\"x\":{\"y\":{\"z\":{\"\":1,\"\":2}}}}", "{\"\\u0061\":1,\"a\":2}"})
    void duplicateKeysAreRefused(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.parse(bytes)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"A\":1}", "{\"a\":{\"a\":{\"a\":1}}}", "{\"x\":[{\"a\":1},{\"a\":1}]}"})
    void equalKeysInDifferentObjectsOrCasesAreNotDuplicates(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(Json.parse(bytes).isObject()).isTrue();
        readAll(bytes);
    }

    private static void readAll(byte[] bytes) {
        try (JsonParser parser = Json.parser(bytes)) {
            while (parser.nextToken() != null) {
                parser.currentName();
            }
        }
    }
}
