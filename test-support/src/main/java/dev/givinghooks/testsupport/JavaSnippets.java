package dev.givinghooks.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The README's Java snippets, and a compiler for them: each module's README test compiles the
 * snippets meant for its class path (fenced {@code ```java}, {@code ```java spring},
 * {@code ```java vertx}) so that the README cannot drift from the API.
 */
public final class JavaSnippets {
    private static final Pattern CLASS = Pattern.compile("\\n(?:public )?(?:final )?class (\\w+)");

    private JavaSnippets() {
    }

    /**
     * Returns the fenced blocks of a Markdown file whose info string is exactly the given one.
     *
     * @param markdown the file
     * @param info the info string, such as {@code java} or {@code java spring}
     * @return the blocks' contents, in order
     * @throws IOException if the file cannot be read
     */
    public static List<String> blocks(Path markdown, String info) throws IOException {
        Matcher blocks = Pattern.compile("```" + Pattern.quote(info) + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return found;
    }

    /**
     * Returns the name of the first class a compilation unit declares.
     *
     * @param code a whole compilation unit
     * @return the class name
     * @throws IllegalArgumentException if it declares none
     */
    public static String className(String code) {
        Matcher type = CLASS.matcher("\n" + code);
        if (!type.find()) {
            throw new IllegalArgumentException("the snippet declares no class:\n" + code);
        }
        return type.group(1);
    }

    /**
     * Compiles compilation units against this JVM's class path into a directory.
     *
     * @param sources class names to their source code
     * @param release the {@code --release} to compile for
     * @param classes where the class files go
     * @return the compiler's errors, one per line; empty when everything compiled
     */
    public static String compile(Map<String, String> sources, int release, Path classes) {
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled = compiler.getTask(null, null, diagnostics, List.of("-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), "-proc:none", "--release", Integer.toString(release)), null, units).call();
        String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
        return compiled || !errors.isEmpty() ? errors : "the compiler failed without an error";
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
