package dev.givinghooks.vertx;

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

/** Compiles the README's Vert.x snippets ({@code ```java vertx} blocks: whole compilation units) against this module's test class path. */
class ReadmeVertxSnippetTest {
    private static final Pattern VERTX_BLOCK = Pattern.compile("```java vertx\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyVertxSnippetOfTheReadmeCompiles(@TempDir Path classes) throws IOException {
        Matcher blocks = VERTX_BLOCK.matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        List<JavaFileObject> sources = new ArrayList<>();
        while (blocks.find()) {
            String code = blocks.group(1);
            Matcher type = Pattern.compile("\\n(?:public )?(?:final )?class (\\w+)").matcher(code);
            assertThat(type.find()).as("a snippet declares a class").isTrue();
            sources.add(new Source(type.group(1), code));
        }
        assertThat(sources).as("Vert.x snippets in README.md").isNotEmpty();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        boolean compiled = compiler.getTask(null, null, diagnostics, List.of("-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), "-proc:none", "--release", "17"), null, sources).call();
        String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"));
        assertThat(errors).isEmpty();
        assertThat(compiled).isTrue();
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
