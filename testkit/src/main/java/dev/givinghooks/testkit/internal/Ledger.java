package dev.givinghooks.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a secret scan needs from a test run, written only when the system property
 * {@value #DIRECTORY_PROPERTY} names a directory (this repository's build sets it; nothing is
 * written otherwise): every secret, key, IV and signature the testkit makes, in
 * {@code ledger-<pid>.txt}, and every answer its HTTP clients receive (status, headers, body), in
 * {@code responses-<pid>.log}. A scan then looks for the first in everything the run produced,
 * the second included. The files hold test credentials in the clear: they belong in the build's
 * output directory, nowhere else.
 *
 * <p>Not an API: the package is not exported.
 */
public final class Ledger {
    /** The system property naming the directory; the scan in test-support reads the same one. */
    public static final String DIRECTORY_PROPERTY = "givinghooks.secret-scan.dir";

    private static final Ledger INSTANCE = open(System.getProperty(DIRECTORY_PROPERTY));

    private final OutputStream secrets;
    private final OutputStream responses;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    private Ledger(OutputStream secrets, OutputStream responses) {
        this.secrets = secrets;
        this.responses = responses;
    }

    private static Ledger open(String directory) {
        if (directory == null || directory.isBlank()) {
            return null;
        }
        try {
            Path dir = Files.createDirectories(Path.of(directory));
            long pid = ProcessHandle.current().pid();
            return new Ledger(append(dir.resolve("ledger-" + pid + ".txt")), append(dir.resolve("responses-" + pid + ".log")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret-scan ledger under " + directory, e);
        }
    }

    private static OutputStream append(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Whether a directory was named, so that callers need not build what would not be recorded.
     *
     * @return whether the ledger is written
     */
    public static boolean recording() {
        return INSTANCE != null;
    }

    /**
     * Records a value no output may contain: a secret, key, IV or signature.
     *
     * @param kind what it is, named in a hit (never the value)
     * @param value the value exactly as the testkit made it
     */
    public static void secret(String kind, String value) {
        if (INSTANCE != null && value != null && INSTANCE.recorded.add(value)) {
            INSTANCE.write(INSTANCE.secrets, (kind + '\t' + value + '\n').getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Records an answer one of the testkit's clients received.
     *
     * @param status the status code
     * @param headers the headers
     * @param body the body, as text
     */
    public static void response(int status, Map<String, List<String>> headers, String body) {
        if (INSTANCE != null) {
            StringBuilder text = new StringBuilder("--- ").append(status).append('\n');
            headers.forEach((name, values) -> values.forEach(value -> text.append(name).append(": ").append(value).append('\n')));
            text.append('\n').append(body).append('\n');
            INSTANCE.write(INSTANCE.responses, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private synchronized void write(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret-scan ledger", e);
        }
    }
}
