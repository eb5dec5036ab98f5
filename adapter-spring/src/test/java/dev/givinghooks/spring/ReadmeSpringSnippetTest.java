package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.givinghooks.testsupport.JavaSnippets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the README's Spring snippets ({@code ```java spring} blocks: whole compilation units)
 * against this module's test class path, Spring included. Their pattern-matching {@code switch}
 * needs Java 21, so they compile with {@code --release 21} where the JDK has it (CI's JDK 25 run).
 */
class ReadmeSpringSnippetTest {
    @Test
    void everySpringSnippetOfTheReadmeCompiles(@TempDir Path classes) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "the snippets use Java 21's switch patterns");
        List<String> snippets = JavaSnippets.blocks(Path.of("..", "README.md"), "java spring");
        assertThat(snippets).as("Spring snippets in README.md").isNotEmpty();
        Map<String, String> sources = new LinkedHashMap<>();
        snippets.forEach(code -> sources.put(JavaSnippets.className(code), code));
        assertThat(JavaSnippets.compile(sources, 21, classes)).as("compiler errors").isEmpty();
    }
}
