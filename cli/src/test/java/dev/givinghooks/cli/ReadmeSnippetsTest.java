package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.testsupport.JavaSnippets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every Java snippet of the repository's README.md against the published modules (this
 * module's test class path holds core, the servlet adapter and the testkit), so the README cannot
 * drift from the API. A snippet's leading {@code import} lines go to the top of its file and the
 * rest becomes the body of a method in a class that declares the names the snippets leave to the
 * reader: {@code headers}, {@code rawBody}, {@code secret}, {@code servletContext},
 * {@code request}, {@code response} and the application's {@code credit}, {@code keep} and
 * {@code respond}. Nothing else is imported for them, so a snippet that leaves out an import it
 * needs does not compile.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");

    private static final Pattern IMPORTS = Pattern.compile("\\A((?:import [\\w.*]+;\\n)*)\\n?(.*)\\z", Pattern.DOTALL);
    private static final String PRELUDE = """
            %s
            abstract class %s {
                java.util.Map<String, java.util.List<String>> headers = java.util.Map.of();
                byte[] rawBody = new byte[0];
                String secret = "";
                jakarta.servlet.ServletContext servletContext;
                jakarta.servlet.http.HttpServletRequest request;
                jakarta.servlet.http.HttpServletResponse response;

                abstract void credit(String idempotencyKey, String actionId, long tokens);

                abstract void keep(String type, byte[] body);

                abstract void respond(int status, String reason);

                void snippet() throws Exception {
            %s
                }
            }
            """;

    @Test
    void everyJavaSnippetOfTheReadmeCompiles(@TempDir Path classes) throws IOException {
        List<String> snippets = JavaSnippets.blocks(README, "java");
        assertThat(snippets).as("Java snippets in README.md").hasSizeGreaterThanOrEqualTo(3);

        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < snippets.size(); i++) {
            String name = "ReadmeSnippet" + (i + 1);
            Matcher parts = IMPORTS.matcher(snippets.get(i));
            assertThat(parts.matches()).isTrue();
            assertThat(parts.group(1)).as("snippet %d starts with its imports", i + 1).isNotEmpty();
            sources.put(name, PRELUDE.formatted(parts.group(1), name, parts.group(2)));
        }
        assertThat(JavaSnippets.compile(sources, 17, classes)).as("compiler errors in README snippets").isEmpty();
    }
}
