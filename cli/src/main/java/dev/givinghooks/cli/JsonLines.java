package dev.givinghooks.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/** Writes compact JSON documents, one per line, as UTF-8 whatever the platform encoding. */
final class JsonLines {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Money keeps its written form: 36.00 stays 36.00, never 3.6E+1.
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();

    private JsonLines() {
    }

    /** Returns the document {@code content} writes, followed by a newline. */
    static byte[] line(Consumer<JsonGenerator> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
            content.accept(json);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /** Writes the document {@code content} writes, and a newline, to {@code out} and flushes. */
    static void print(PrintStream out, Consumer<JsonGenerator> content) {
        byte[] line = line(content);
        out.write(line, 0, line.length);
        out.flush();
    }
}
