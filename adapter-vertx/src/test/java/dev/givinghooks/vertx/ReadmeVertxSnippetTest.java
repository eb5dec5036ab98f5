package dev.givinghooks.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.testsupport.JavaSnippets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the README's Vert.x snippets ({@code ```java vertx} blocks: whole compilation units) against this module's test class path. */
class ReadmeVertxSnippetTest {
    @Test
    void everyVertxSnippetOfTheReadmeCompiles(@TempDir Path classes) throws Exception {
        List<String> snippets = JavaSnippets.blocks(Path.of("..", "README.md"), "java vertx");
        assertThat(snippets).as("Vert.x snippets in README.md").isNotEmpty();
        Map<String, String> sources = new LinkedHashMap<>();
        snippets.forEach(code -> sources.put(JavaSnippets.className(code), code));
        assertThat(JavaSnippets.compile(sources, 17, classes)).as("compiler errors").isEmpty();
    }
}
