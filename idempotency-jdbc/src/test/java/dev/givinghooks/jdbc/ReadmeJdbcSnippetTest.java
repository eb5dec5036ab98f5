package dev.givinghooks.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.givinghooks.testsupport.JavaSnippets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's JDBC snippets compile, and the schema it shows is the one the jar ships. */
class ReadmeJdbcSnippetTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyJdbcSnippetOfTheReadmeCompiles(@TempDir Path classes) throws Exception {
        List<String> snippets = JavaSnippets.blocks(README, "java jdbc");
        assertEquals(1, snippets.size(), "JDBC snippets in README.md");
        Map<String, String> sources = new LinkedHashMap<>();
        snippets.forEach(code -> sources.put(JavaSnippets.className(code), code));
        assertEquals("", JavaSnippets.compile(sources, 17, classes), "compiler errors");
    }

    @Test
    void theReadmeShowsTheShippedSchema() throws Exception {
        List<String> sql = JavaSnippets.blocks(README, "sql");
        assertEquals(1, sql.size(), "SQL blocks in README.md");
        assertEquals(statements(JdbcIdempotencyStore.schema(JdbcIdempotencyStore.DEFAULT_TABLE)), statements(sql.get(0)));
    }

    /** The statements without comments, whitespace collapsed. */
    private static String statements(String sql) {
        return sql.lines().map(line -> line.replaceAll("--.*", "")).reduce("", (a, b) -> a + " " + b).replaceAll("\\s+", " ").strip();
    }
}
