package dev.givinghooks.redis.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.givinghooks.testsupport.JavaSnippets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the README's Vert.x Redis snippets ({@code ```java redis-vertx} blocks: whole compilation units) against this module's test class path. */
class ReadmeRedisVertxSnippetTest {
    @Test
    void everyVertxRedisSnippetOfTheReadmeCompiles(@TempDir Path classes) throws Exception {
        List<String> snippets = JavaSnippets.blocks(Path.of("..", "README.md"), "java redis-vertx");
        assertFalse(snippets.isEmpty(), "Vert.x Redis snippets in README.md");
        Map<String, String> sources = new LinkedHashMap<>();
        snippets.forEach(code -> sources.put(JavaSnippets.className(code), code));
        assertEquals("", JavaSnippets.compile(sources, 17, classes), "compiler errors");
    }
}
