package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
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
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

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
        List<String> snippets = snippets();
        assertThat(snippets).as("Java snippets in README.md").hasSizeGreaterThanOrEqualTo(3);

        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String name = "ReadmeSnippet" + (i + 1);
            Matcher parts = IMPORTS.matcher(snippets.get(i));
            assertThat(parts.matches()).isTrue();
            assertThat(parts.group(1)).as("snippet %d starts with its imports", i + 1).isNotEmpty();
            sources.add(new Source(name, PRELUDE.formatted(parts.group(1), name, parts.group(2))));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                "-proc:none", "--release", "17");
        boolean compiled = compiler.getTask(null, null, diagnostics, options, null, sources).call();

        String errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
        assertThat(errors).as("compiler errors in README snippets").isEmpty();
        assertThat(compiled).isTrue();
    }

    private static List<String> snippets() throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<String> snippets = new ArrayList<>();
        while (blocks.find()) {
            snippets.add(blocks.group(1));
        }
        return snippets;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
