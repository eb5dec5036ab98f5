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
 * drift from the API. Each snippet becomes the body of a method in a class that declares the
 * names the snippets leave to the reader: {@code headers}, {@code rawBody}, {@code secret},
 * {@code servletContext}, {@code request} and the application's {@code credit}, {@code keep} and
 * {@code respond}.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static final String PRELUDE = """
            import dev.givinghooks.*;
            import dev.givinghooks.chuffed.*;
            import dev.givinghooks.givingblock.*;
            import dev.givinghooks.servlet.*;
            import dev.givinghooks.sirgiving.*;
            import dev.givinghooks.testkit.*;
            import jakarta.servlet.*;
            import jakarta.servlet.http.*;
            import java.net.*;
            import java.net.http.*;
            import java.util.*;

            abstract class %s {
                Map<String, List<String>> headers = Map.of();
                byte[] rawBody = new byte[0];
                String secret = "";
                ServletContext servletContext;
                HttpServletRequest request;

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
            sources.add(new Source(name, PRELUDE.formatted(name, snippets.get(i))));
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
